// expect: a route handler returns web::Response
#include <string>

#include "web/app.hpp"

int main() {
  web::App app{web::Config{}};
  app.get("/", [](web::Request&) { return std::string("hello"); });
}
