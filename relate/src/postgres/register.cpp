// Registers the PostgreSQL backend before main(), kept by the linker as
// src/sqlite/register.cpp explains (-u relate_register_postgres_backend).

#include "relate/connection/backend_registry.hpp"
#include "relate/postgres/postgres_backend.hpp"

extern "C" void relate_register_postgres_backend() {
  relate::register_backend("postgresql", &relate::postgres::backend);
  relate::register_backend("postgres", &relate::postgres::backend);
}

namespace {

struct Registration {
  Registration() { relate_register_postgres_backend(); }
};

// init_priority: before the application's own static objects (default
// priority), so that a Database at namespace scope finds the backend.
const Registration registration __attribute__((init_priority(200)));

}  // namespace
