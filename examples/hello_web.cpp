// The web hello world. Run it, then open http://127.0.0.1:5000/ and /hello/you; stop it with
// Ctrl-C (it finishes the requests in flight, then exits 0).
#include <cstdint>
#include <string>

#include "web/web.hpp"

int main() {
  web::App app{web::Config{}};  // no secret_key: a random one, sessions end at restart

  app.get("/", [](web::Request&) { return web::text("Hello, web!\n"); });

  app.get("/hello/<name>", [](web::Request& req, std::string name) {
    const auto visits = req.session().get("visits");
    const std::int64_t count = visits ? visits->get<std::int64_t>() + 1 : 1;
    req.session().set("visits", count);
    return web::json_response({{"hello", name}, {"visits", count}});
  });

  web::Server server{app, {.host = "127.0.0.1", .port = 5000, .threads = 0}};
  server.run();
}
