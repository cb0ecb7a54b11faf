#pragma once
// An Engine is one database: its URL, dialect and a pool of connections.
// Thread-safe: share one engine across threads; each thread takes its own
// connection from the pool.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "relate/connection/connection.hpp"
#include "relate/connection/driver.hpp"
#include "relate/connection/url.hpp"

namespace relate {

struct EngineOptions {
  // Log every statement and its parameters to stderr (SQLALCHEMY_ECHO).
  bool echo = false;
  // Called for every statement run on this engine, from the running thread.
  std::function<void(const StatementEvent&)> on_statement;
  // Connections the pool may hold open; 0 takes the backend's default.
  std::size_t pool_size = 0;
  // How long acquire() waits for a free connection before PoolTimeout.
  std::chrono::milliseconds pool_timeout{30'000};
};

class Engine;

// A connection lent by the pool; returned (rolled back if a transaction was
// left open) when this handle is destroyed.
class PooledConnection {
 public:
  PooledConnection(PooledConnection&& other) noexcept;
  PooledConnection& operator=(PooledConnection&& other) noexcept;
  ~PooledConnection();

  Connection& operator*() const noexcept { return *connection_; }
  Connection* operator->() const noexcept { return connection_.get(); }

 private:
  friend class Engine;
  PooledConnection(Engine* engine, std::unique_ptr<Connection> connection);
  void release() noexcept;

  Engine* engine_;
  std::unique_ptr<Connection> connection_;
};

class Engine {
 public:
  Engine(Url url, driver::Backend backend, EngineOptions options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const Url& url() const noexcept { return url_; }
  const sql::Dialect& dialect() const noexcept { return *backend_.dialect; }
  std::size_t pool_size() const noexcept { return pool_size_; }

  // A connection from the pool, opened on demand. Waits up to the pool
  // timeout for one to be free, then throws PoolTimeout. Throws
  // ConnectionError if a new connection cannot be opened.
  PooledConnection connect();

  void set_echo(bool on) noexcept { log_->echo.store(on); }
  bool echo() const noexcept { return log_->echo.load(); }

 private:
  friend class PooledConnection;
  void give_back(std::unique_ptr<Connection> connection) noexcept;

  Url url_;
  driver::Backend backend_;
  std::shared_ptr<StatementLog> log_;
  std::size_t pool_size_;
  std::chrono::milliseconds pool_timeout_;

  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;  // connections lent out or idle
};

// Opens an engine for `url` with the backend its scheme names ("sqlite",
// "postgresql"). Throws UrlError for a malformed URL or an unknown scheme.
std::shared_ptr<Engine> create_engine(std::string_view url, EngineOptions options = {});

}  // namespace relate
