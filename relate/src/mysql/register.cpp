// Registers the MySQL / MariaDB backend before main(), kept by the linker as
// src/sqlite/register.cpp explains (-u relate_register_mysql_backend).

#include <mysql.h>

#include "relate/connection/backend_registry.hpp"
#include "relate/mysql/mysql_backend.hpp"

extern "C" void relate_register_mysql_backend() {
  relate::register_backend("mysql", &relate::mysql::backend);
  relate::register_backend("mariadb", &relate::mysql::backend);
}

namespace {

struct Registration {
  // The client library's global state, set up once while the program is
  // still one thread (mysql_init would do it on first use, racing).
  Registration() {
    mysql_library_init(0, nullptr, nullptr);
    relate_register_mysql_backend();
  }
};

// init_priority: before the application's own static objects (default
// priority), so that a Database at namespace scope finds the backend.
const Registration registration __attribute__((init_priority(200)));

}  // namespace
