#pragma once
// The PostgreSQL backend: a driver over libpq. Each connection runs with
// TimeZone=UTC (timestamps are bound and read as UTC instants), keeps its
// statements prepared on the server (PQprepare once per connection and SQL
// text, PQexecPrepared for each run), and reports a connection the server
// closed (a restart) as unhealthy so that the pool replaces it.
//
// URLs:
//   postgresql://user:password@host:5432/dbname   (postgres:// too)
//   postgresql:///dbname?host=/var/run/postgresql  (a Unix socket, the libpq way)
// Options (the query string):
//   pool_size          connections the pool may hold (default 5)
//   connect_timeout    seconds to wait for a connection to open (default 10)
//   reconnect_timeout  seconds the pool keeps retrying, with backoff, to
//                      replace a lost connection (default 10)
//   host, port, user, password, sslmode, application_name, options
//                      passed to libpq as they are (options may set
//                      e.g. -c search_path=...)
// Anything else is a UrlError.

#include "relate/connection/url.hpp"

namespace relate::driver {
struct Backend;  // src/relate/connection/driver.hpp
}

namespace relate::postgres {

// The backend for a parsed postgresql:// or postgres:// URL. Throws UrlError
// for options it does not know or cannot read. Opens no connection.
driver::Backend backend(const Url& url);

}  // namespace relate::postgres

// Registers backend() for "postgresql" and "postgres" URLs, as
// relate_register_sqlite_backend() does for SQLite. Idempotent; thread-safe.
extern "C" void relate_register_postgres_backend();
