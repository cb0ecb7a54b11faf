#include "relate/connection/engine.hpp"

#include <algorithm>
#include <thread>

#include "relate/error.hpp"

namespace relate {

PooledConnection::PooledConnection(Engine* engine, std::unique_ptr<Connection> connection)
    : engine_(engine), connection_(std::move(connection)) {}

PooledConnection::PooledConnection(PooledConnection&& other) noexcept
    : engine_(other.engine_), connection_(std::move(other.connection_)) {}

PooledConnection& PooledConnection::operator=(PooledConnection&& other) noexcept {
  if (this != &other) {
    release();
    engine_ = other.engine_;
    connection_ = std::move(other.connection_);
  }
  return *this;
}

PooledConnection::~PooledConnection() {
  release();
}

void PooledConnection::release() noexcept {
  if (connection_) engine_->give_back(std::move(connection_));
}

Engine::Engine(Url url, driver::Backend backend, EngineOptions options)
    : url_(std::move(url)),
      backend_(std::move(backend)),
      log_(std::make_shared<StatementLog>()),
      pool_size_(options.pool_size ? options.pool_size : backend_.pool_size),
      pool_timeout_(options.pool_timeout) {
  log_->echo.store(options.echo);
  log_->listener = std::move(options.on_statement);
}

Engine::~Engine() = default;

PooledConnection Engine::connect() {
  const auto deadline = std::chrono::steady_clock::now() + pool_timeout_;
  std::unique_lock lock{mutex_};
  for (;;) {
    const bool available =
        returned_.wait_until(lock, deadline, [&] { return !idle_.empty() || open_ < pool_size_; });
    if (!available) {
      throw PoolTimeout("no connection to " + url_.redacted() + " became free within " +
                        std::to_string(pool_timeout_.count()) + " ms (pool size " +
                        std::to_string(pool_size_) +
                        "); a session or cursor may be holding one too long");
    }
    if (idle_.empty()) break;
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    lock.unlock();
    // A connection can break while it waits in the pool (the server
    // restarted): lend only one that still looks alive.
    const bool alive = connection->alive();
    if (alive) return PooledConnection{this, std::move(connection)};
    connection.reset();
    lock.lock();
    --open_;
    ++discarded_;
  }
  ++open_;
  lock.unlock();
  try {
    return PooledConnection{this, open_connection()};
  } catch (...) {
    lock.lock();
    --open_;
    returned_.notify_one();
    throw;
  }
}

std::unique_ptr<Connection> Engine::open_connection() {
  using Clock = std::chrono::steady_clock;
  constexpr std::chrono::milliseconds kFirstDelay{10};
  constexpr std::chrono::milliseconds kLongestDelay{1000};
  const auto give_up = Clock::now() + backend_.reconnect_timeout;
  auto delay = kFirstDelay;
  for (;;) {
    try {
      auto connection = std::make_unique<Connection>(backend_.connect(), log_);
      std::lock_guard lock{mutex_};
      reached_ = true;
      ++opened_;
      return connection;
    } catch (const ConnectionError&) {
      bool retry = false;
      {
        std::lock_guard lock{mutex_};
        ++failed_opens_;
        retry = reached_ && Clock::now() + delay < give_up;
      }
      if (!retry) throw;
      std::this_thread::sleep_for(delay);
      delay = std::min(delay * 2, kLongestDelay);
    }
  }
}

PoolStatus Engine::status() const {
  std::lock_guard lock{mutex_};
  return PoolStatus{open_, idle_.size(), opened_, failed_opens_, discarded_};
}

void Engine::give_back(std::unique_ptr<Connection> connection) noexcept {
  try {
    if (connection->in_transaction()) connection->rollback();
  } catch (...) {
    // A connection that cannot roll back is not fit to lend again.
    connection.reset();
  }
  const bool keep = connection && connection->healthy();
  std::lock_guard lock{mutex_};
  if (keep) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;
    ++discarded_;
  }
  returned_.notify_one();
}

}  // namespace relate
