#pragma once
// An Engine is one database: its URL, dialect and a pool of connections.
// Thread-safe: share one engine across threads; each thread takes its own
// connection from the pool.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "relate/connection/connection.hpp"
#include "relate/connection/url.hpp"

namespace relate {

namespace driver {
struct Backend;  // what a backend gives an engine (src/relate/connection/driver.hpp)
}
namespace sql {
class Dialect;
}

struct EngineOptions {
  // Log every statement and its parameters to stderr (SQLALCHEMY_ECHO).
  bool echo = false;
  // Called for every statement run on this engine, from the running thread.
  std::function<void(const StatementEvent&)> on_statement{};
  // Connections the pool may hold open; 0 takes the backend's default.
  std::size_t pool_size = 0;
  // How long acquire() waits for a free connection before PoolTimeout.
  std::chrono::milliseconds pool_timeout{30'000};
};

class Engine;

// Gives a lent connection back to its engine's pool, rolled back if a
// transaction was left open.
struct ReturnToPool {
  Engine* engine;
  void operator()(Connection* connection) const noexcept;
};
// A connection lent by the pool; returned when this handle is destroyed.
using PooledConnection = std::unique_ptr<Connection, ReturnToPool>;

// A snapshot of a pool, for monitoring and tests.
struct PoolStatus {
  std::size_t open = 0;            // connections lent out or idle
  std::size_t idle = 0;            // connections waiting in the pool
  std::uint64_t opened = 0;        // connections opened since the engine was created
  std::uint64_t failed_opens = 0;  // attempts to open one that failed (retries included)
  std::uint64_t discarded = 0;     // broken connections the pool dropped
};

class Engine {
 public:
  Engine(Url url, driver::Backend backend, EngineOptions options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const Url& url() const noexcept { return url_; }
  // The backend's SQL flavour (private to relate: src/relate/sql/dialect.hpp).
  const sql::Dialect& dialect() const noexcept;
  std::size_t pool_size() const noexcept;

  // A connection from the pool, opened on demand. Waits up to the pool
  // timeout for one to be free, then throws PoolTimeout. An idle connection
  // found broken (the server restarted) is dropped and replaced. Throws
  // ConnectionError if a new connection cannot be opened: at once while the
  // database has never been reached (a wrong URL should not wait), else
  // after retrying with backoff for the backend's reconnect timeout.
  PooledConnection connect();

  PoolStatus status() const;

  void set_echo(bool on) noexcept;
  bool echo() const noexcept;
  // The index check for every connection of this engine (see
  // relate/connection/plan.hpp); warnings go to `on_warning`, else stderr.
  // Thread-safe.
  void set_scan_check(ScanCheck mode, std::function<void(std::string_view)> on_warning = {});

 private:
  friend struct ReturnToPool;
  struct Pool;  // the backend, the idle connections and the counters, under a mutex
  void give_back(std::unique_ptr<Connection> connection) noexcept;

  Url url_;
  std::unique_ptr<Pool> pool_;
};

// Opens an engine for `url` with the backend registered for its scheme
// ("sqlite" by relate::sqlite, "postgresql" and "postgres" by
// relate::postgres; see relate/connection/backend_registry.hpp). Throws
// UrlError for a malformed URL, a scheme whose backend the program does not
// link (naming the library that has it) or an option the backend does not
// take. Connections are opened on demand, not here.
std::shared_ptr<Engine> create_engine(std::string_view url, EngineOptions options = {});

}  // namespace relate
