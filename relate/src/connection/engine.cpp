#include "relate/connection/engine.hpp"

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
  std::unique_lock lock{mutex_};
  const bool available =
      returned_.wait_for(lock, pool_timeout_, [&] { return !idle_.empty() || open_ < pool_size_; });
  if (!available) {
    throw PoolTimeout("no connection to " + url_.redacted() + " became free within " +
                      std::to_string(pool_timeout_.count()) + " ms (pool size " +
                      std::to_string(pool_size_) +
                      "); a session or cursor may be holding one too long");
  }
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return PooledConnection{this, std::move(connection)};
  }
  ++open_;
  lock.unlock();
  try {
    auto connection = std::make_unique<Connection>(backend_.connect(), log_);
    return PooledConnection{this, std::move(connection)};
  } catch (...) {
    lock.lock();
    --open_;
    returned_.notify_one();
    throw;
  }
}

void Engine::give_back(std::unique_ptr<Connection> connection) noexcept {
  try {
    if (connection->in_transaction()) connection->rollback();
  } catch (...) {
    // A connection that cannot roll back is not fit to lend again.
    connection.reset();
  }
  std::lock_guard lock{mutex_};
  if (connection && connection->healthy()) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;
  }
  returned_.notify_one();
}

}  // namespace relate
