// Registers the SQLite backend before main(). The relate::sqlite target makes
// the linker keep this object (-u relate_register_sqlite_backend, see
// relate/CMakeLists.txt); without that reference a static library's object
// that nothing calls would be dropped, and its registration with it.

#include "relate/connection/backend_registry.hpp"
#include "relate/sqlite/sqlite_backend.hpp"

extern "C" void relate_register_sqlite_backend() {
  relate::register_backend("sqlite", &relate::sqlite::backend);
}

namespace {

struct Registration {
  Registration() { relate_register_sqlite_backend(); }
};

// init_priority: before the application's own static objects (default
// priority), so that a Database at namespace scope finds the backend.
const Registration registration __attribute__((init_priority(200)));

}  // namespace
