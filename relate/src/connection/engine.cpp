#include "relate/connection/engine.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "relate/connection/driver.hpp"
#include "relate/connection/statement_log.hpp"
#include "relate/error.hpp"

namespace relate {

struct Engine::Pool {
  Pool(driver::Backend b, EngineOptions& options)
      : backend(std::move(b)),
        log(std::make_shared<StatementLog>()),
        size(backend.single_connection ? 1
             : options.pool_size       ? options.pool_size
                                       : backend.pool_size),
        timeout(options.pool_timeout) {
    log->echo.store(options.echo);
    log->listener = std::move(options.on_statement);
  }
  // Opens a connection (outside the lock), retrying as connect() promises.
  std::unique_ptr<Connection> open_connection();

  driver::Backend backend;
  std::shared_ptr<StatementLog> log;
  std::size_t size;
  std::chrono::milliseconds timeout;

  mutable std::mutex mutex;
  std::condition_variable returned;
  std::vector<std::unique_ptr<Connection>> idle;
  std::size_t open = 0;  // connections lent out or idle
  bool reached = false;  // a connection was opened once: failures now mean a restart
  std::uint64_t opened = 0;
  std::uint64_t failed_opens = 0;
  std::uint64_t discarded = 0;
};

void ReturnToPool::operator()(Connection* connection) const noexcept {
  engine->give_back(std::unique_ptr<Connection>(connection));
}

Engine::Engine(Url url, driver::Backend backend, EngineOptions options)
    : url_(std::move(url)), pool_(std::make_unique<Pool>(std::move(backend), options)) {}

Engine::~Engine() = default;

const sql::Dialect& Engine::dialect() const noexcept {
  return *pool_->backend.dialect;
}
std::size_t Engine::pool_size() const noexcept {
  return pool_->size;
}
void Engine::set_echo(bool on) noexcept {
  pool_->log->echo.store(on);
}
void Engine::set_scan_check(ScanCheck mode, std::function<void(std::string_view)> on_warning) {
  pool_->log->set_scan_check(mode, std::move(on_warning));
}
bool Engine::echo() const noexcept {
  return pool_->log->echo.load();
}

PooledConnection Engine::connect() {
  Pool& p = *pool_;
  const auto deadline = std::chrono::steady_clock::now() + p.timeout;
  std::unique_lock lock{p.mutex};
  for (;;) {
    const bool available =
        p.returned.wait_until(lock, deadline, [&] { return !p.idle.empty() || p.open < p.size; });
    if (!available) {
      throw PoolTimeout("no connection to " + url_.redacted() + " became free within " +
                        std::to_string(p.timeout.count()) + " ms (pool size " +
                        std::to_string(p.size) +
                        "); a session or cursor may be holding one too long");
    }
    if (p.idle.empty()) break;
    auto connection = std::move(p.idle.back());
    p.idle.pop_back();
    lock.unlock();
    // A connection can break while it waits in the pool (the server
    // restarted): lend only one that still looks alive.
    const bool alive = connection->alive();
    if (alive) return PooledConnection{connection.release(), ReturnToPool{this}};
    connection.reset();
    lock.lock();
    --p.open;
    ++p.discarded;
  }
  ++p.open;
  lock.unlock();
  try {
    return PooledConnection{p.open_connection().release(), ReturnToPool{this}};
  } catch (...) {
    lock.lock();
    --p.open;
    p.returned.notify_one();
    throw;
  }
}

std::unique_ptr<Connection> Engine::Pool::open_connection() {
  using Clock = std::chrono::steady_clock;
  constexpr std::chrono::milliseconds kFirstDelay{10};
  constexpr std::chrono::milliseconds kLongestDelay{1000};
  const auto give_up = Clock::now() + backend.reconnect_timeout;
  auto delay = kFirstDelay;
  for (;;) {
    try {
      auto connection = std::make_unique<Connection>(backend.connect(), log);
      std::lock_guard lock{mutex};
      reached = true;
      ++opened;
      return connection;
    } catch (const ConnectionError&) {
      bool retry = false;
      {
        std::lock_guard lock{mutex};
        ++failed_opens;
        retry = reached && Clock::now() + delay < give_up;
      }
      if (!retry) throw;
      std::this_thread::sleep_for(delay);
      delay = std::min(delay * 2, kLongestDelay);
    }
  }
}

PoolStatus Engine::status() const {
  const Pool& p = *pool_;
  std::lock_guard lock{p.mutex};
  return PoolStatus{p.open, p.idle.size(), p.opened, p.failed_opens, p.discarded};
}

void Engine::give_back(std::unique_ptr<Connection> connection) noexcept {
  try {
    if (connection->in_transaction()) connection->rollback();
  } catch (...) {
    // A connection that cannot roll back is not fit to lend again.
    connection.reset();
  }
  const bool keep = connection && connection->healthy();
  Pool& p = *pool_;
  std::lock_guard lock{p.mutex};
  if (keep) {
    p.idle.push_back(std::move(connection));
  } else {
    --p.open;
    ++p.discarded;
  }
  p.returned.notify_one();
}

}  // namespace relate
