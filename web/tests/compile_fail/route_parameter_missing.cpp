// expect: one argument per path parameter
#include "web/app.hpp"

using namespace web::literals;

int main() {
  web::App app{web::Config{}};
  app.get("/comments/<int:comment_id>/delete"_route, [](web::Request&) { return web::text(""); });
}
