// A minimal web server process for the shutdown tests: prints "listening <port>", serves
// "/", and exits with run()'s outcome after SIGTERM/SIGINT.
#include <cstdio>

#include "web/web.hpp"

int main() {
  web::App app{web::Config{.secret_key = "test"}};
  app.get("/", [](web::Request&) { return web::text("hello"); });
  web::ServerOptions options;
  options.port = 0;
  options.threads = 2;
  options.access_log = false;
  options.on_listening = [](std::uint16_t port) {
    std::printf("listening %u\n", static_cast<unsigned>(port));
    std::fflush(stdout);
  };
  web::Server server{app, options};
  server.run();
  return 0;
}
