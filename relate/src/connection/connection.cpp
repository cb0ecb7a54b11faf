#include "relate/connection/connection.hpp"

#include <cstdio>
#include <string>

#include "relate/error.hpp"

namespace relate {

void StatementLog::report(std::string_view sql, std::span<const Param> params) const {
  if (listener) listener(StatementEvent{sql, params});
  if (!echo.load(std::memory_order_relaxed)) return;
  // Like SQLAlchemy's echo: the SQL, then its parameters when it has any.
  // One fwrite per statement so that lines from threads do not interleave.
  std::string line = "relate: ";
  line += sql;
  if (!params.empty()) {
    line += "\nrelate: [params] (";
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (i) line += ", ";
      line += describe(params[i]);
    }
    line += ')';
  }
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
}

Cursor::Cursor(driver::Statement* statement, bool* in_use, std::unique_ptr<driver::Statement> owned)
    : statement_(statement), in_use_(in_use), owned_(std::move(owned)) {}

Cursor::Cursor(Cursor&& other) noexcept
    : statement_(other.statement_),
      in_use_(other.in_use_),
      owned_(std::move(other.owned_)),
      offset_(other.offset_),
      done_(other.done_) {
  other.statement_ = nullptr;
  other.in_use_ = nullptr;
}

Cursor::~Cursor() {
  if (statement_ == nullptr) return;
  statement_->reset();
  if (in_use_) *in_use_ = false;
}

bool Cursor::next() {
  if (done_) return false;
  if (!statement_->step()) {
    done_ = true;
    return false;
  }
  return true;
}

std::int64_t Cursor::run() {
  while (next()) {
  }
  return statement_->rows_affected();
}

Connection::Connection(std::unique_ptr<driver::Connection> driver,
                       std::shared_ptr<const StatementLog> log, std::size_t cache_capacity)
    : driver_(std::move(driver)), log_(std::move(log)), cache_capacity_(cache_capacity) {}

Connection::~Connection() {
  // Statements must be finalized before the driver connection closes.
  cache_.clear();
  driver_.reset();
}

void Connection::evict_if_full() {
  // Evict least recently used statements that no cursor is using.
  auto it = lru_.end();
  while (cache_.size() >= cache_capacity_ && it != lru_.begin()) {
    --it;
    auto entry = cache_.find(*it);
    if (entry == cache_.end() || entry->second.in_use) continue;
    cache_.erase(entry);
    it = lru_.erase(it);
  }
}

Cursor Connection::execute(std::string_view sql, std::span<const Param> params) {
  if (log_->active()) log_->report(sql, params);
  ++statements_run_;

  driver::Statement* statement = nullptr;
  bool* in_use = nullptr;
  std::unique_ptr<driver::Statement> owned;
  auto found = cache_.find(sql);
  if (found != cache_.end() && !found->second.in_use) {
    lru_.splice(lru_.begin(), lru_, found->second.lru);
    statement = found->second.statement.get();
    in_use = &found->second.in_use;
  } else if (found != cache_.end()) {
    // The cached statement is in use by an open cursor (a nested query with
    // the same text): run this one on a private statement.
    owned = driver_->prepare(sql);
    ++statements_prepared_;
    statement = owned.get();
  } else {
    evict_if_full();
    auto prepared = driver_->prepare(sql);
    ++statements_prepared_;
    lru_.emplace_front(sql);
    auto [entry, inserted] =
        cache_.emplace(std::string(sql), CacheEntry{std::move(prepared), false, lru_.begin()});
    statement = entry->second.statement.get();
    in_use = &entry->second.in_use;
  }

  Cursor cursor{statement, in_use, std::move(owned)};
  if (in_use) *in_use = true;
  for (std::size_t i = 0; i < params.size(); ++i)
    statement->bind(i, params[i]);
  return cursor;
}

void Connection::execute_script(std::string_view sql) {
  if (log_->active()) log_->report(sql, {});
  ++statements_run_;
  driver_->execute(sql);
}

void Connection::begin_write() {
  if (in_transaction_)
    throw InvalidRequestError("a transaction is already open on this connection");
  execute_script(driver_->begin_write_sql());
  in_transaction_ = true;
}

void Connection::commit() {
  if (!in_transaction_) return;
  execute_script("COMMIT");
  in_transaction_ = false;
}

void Connection::rollback() {
  if (!in_transaction_) return;
  in_transaction_ = false;
  execute_script("ROLLBACK");
}

}  // namespace relate
