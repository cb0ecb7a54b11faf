// expect: OK
#include <cstdint>
#include <string>
#include <string_view>

#include "web/app.hpp"

using namespace web::literals;

int main() {
  web::App app{web::Config{}};
  app.get("/<int:post_id>/"_route,
          [](web::Request&, std::int64_t id) { return web::text(std::to_string(id)); });
  app.route("/tags/<name>/<path:rest>"_route, {web::Method::get, web::Method::post},
            [](const web::Request&, const std::string& name, std::string_view rest) {
              return web::text(name + std::string(rest));
            });
}
