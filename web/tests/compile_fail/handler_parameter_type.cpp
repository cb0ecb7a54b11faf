// expect: must be std::int64_t
#include "web/app.hpp"

int main() {
  web::App app{web::Config{}};
  app.get("/<int:id>/", [](web::Request&, int id) { return web::text(std::to_string(id)); });
}
