#pragma once
// The MySQL / MariaDB backend: a driver over MariaDB Connector/C
// (libmariadb), which speaks to MySQL and MariaDB servers. Each connection
// runs with time_zone '+00:00' (DATETIME(6) values are UTC instants),
// utf8mb4, a strict sql_mode (STRICT_ALL_TABLES, so VARCHAR(n) is enforced,
// NO_BACKSLASH_ESCAPES and ANSI_QUOTES: "name" is an identifier, as in
// standard SQL and on the other backends), READ COMMITTED isolation as on PostgreSQL, and
// found-rows counting (an UPDATE reports the rows it matched). Statements
// are prepared on the server once per connection and SQL text; a connection
// the server closed is reported unhealthy so that the pool replaces it.
//
// URLs:
//   mysql://user:password@host:3306/dbname      (any MySQL or MariaDB server)
//   mariadb://user:password@host:3306/dbname    (MariaDB 10.5 or newer: new
//                                               keys and deleted rows come
//                                               back with RETURNING; a server
//                                               that cannot is refused when
//                                               the connection opens)
//   mysql://user:password@localhost/dbname?unix_socket=/run/mysqld/mysqld.sock
// Options (the query string):
//   pool_size          connections the pool may hold (default 5)
//   connect_timeout    seconds to wait for a connection to open (default 10)
//   reconnect_timeout  seconds the pool keeps retrying, with backoff, to
//                      replace a lost connection (default 10)
//   unix_socket        the server's socket (the host is then not used)
//   charset            utf8mb4, the only one relate speaks (anything else
//                      is a UrlError)
//   lock_wait_timeout  seconds a statement waits for a row lock before
//                      LockTimeout (innodb_lock_wait_timeout; server default
//                      50)
// Anything else is a UrlError. Thread-safety: backend() is thread-safe; each
// connection it opens is used by one thread at a time (the pool's rule).

#include "relate/connection/url.hpp"

namespace relate::driver {
struct Backend;  // src/relate/connection/driver.hpp
}

namespace relate::mysql {

// The backend for a parsed mysql:// or mariadb:// URL. Throws UrlError for
// options it does not know or cannot read. Opens no connection.
driver::Backend backend(const Url& url);

}  // namespace relate::mysql

// Registers backend() for "mysql" and "mariadb" URLs, as
// relate_register_sqlite_backend() does for SQLite. Idempotent; thread-safe.
extern "C" void relate_register_mysql_backend();
