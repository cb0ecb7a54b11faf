// expect: unknown converter
#include "web/app.hpp"

using namespace web::literals;

int main() {
  web::App app{web::Config{}};
  app.get("/<float:x>/"_route, [](web::Request&, std::string) { return web::text(""); });
}
