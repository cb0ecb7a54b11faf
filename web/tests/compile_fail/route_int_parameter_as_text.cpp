// expect: <int:\.\.\.> parameters need std::int64_t
#include <string>

#include "web/app.hpp"

using namespace web::literals;

int main() {
  web::App app{web::Config{}};
  app.get("/<int:post_id>/"_route,
          [](web::Request&, std::string post_id) { return web::text(post_id); });
}
