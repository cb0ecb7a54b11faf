// expect: const callables
#include "web/app.hpp"

int main() {
  web::App app{web::Config{}};
  int count = 0;
  app.get("/", [count](web::Request&) mutable { return web::text(std::to_string(++count)); });
}
