#pragma once
// The SQLite backend: a driver over libsqlite3 set up as a deployment needs
// it. Every connection gets PRAGMA foreign_keys=ON, a busy timeout, and (for
// files) WAL journaling with synchronous=NORMAL; write transactions begin
// with BEGIN IMMEDIATE so concurrent writers wait for the lock instead of
// failing.
//
// URL options: busy_timeout (ms, default 5000), pool_size (default 8; an
// in-memory database always has exactly one connection, since each SQLite
// connection to ":memory:" would be a different database), synchronous:
//   normal (default)  a commit survives a crash of the process (it is in the
//                     WAL), but a power cut or OS crash may lose the last
//                     commits; the database is never corrupted.
//   full              every commit is synced to disk before it returns: it
//                     survives a power cut too, at the cost of an fsync each.

#include "relate/connection/url.hpp"

namespace relate::driver {
struct Backend;  // src/relate/connection/driver.hpp
}

namespace relate::sqlite {

// The backend for a parsed sqlite:// URL. Throws UrlError for options it
// does not know or a URL with a host.
driver::Backend backend(const Url& url);

}  // namespace relate::sqlite

// Registers backend() for "sqlite" URLs with create_engine(). Linking
// relate::sqlite (CMake) or relate-sqlite (pkg-config) does it before main()
// (docs/relate.md, Backends); call it only when linking librelate_sqlite.a
// some other way. Idempotent; thread-safe.
extern "C" void relate_register_sqlite_backend();
