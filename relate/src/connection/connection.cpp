#include "relate/connection/connection.hpp"

#include <cstdio>
#include <limits>
#include <list>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "relate/connection/driver.hpp"
#include "relate/connection/plan_readers.hpp"
#include "relate/connection/statement_log.hpp"
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

void StatementLog::set_scan_check(ScanCheck mode,
                                  std::function<void(std::string_view)> on_warning) {
  {
    const std::lock_guard lock(scan_mutex_);
    scan_warning_ =
        on_warning
            ? std::make_shared<const std::function<void(std::string_view)>>(std::move(on_warning))
            : nullptr;
  }
  scan_check.store(mode);
}

void StatementLog::warn_scan(const std::string& message) const {
  std::shared_ptr<const std::function<void(std::string_view)>> handler;
  {
    const std::lock_guard lock(scan_mutex_);
    handler = scan_warning_;
  }
  if (handler) {
    (*handler)(message);
  } else {
    const std::string line = "relate: warning: " + message + '\n';
    std::fwrite(line.data(), 1, line.size(), stderr);
  }
}

std::string QueryPlan::text() const {
  std::string out;
  for (const std::string& line : lines) {
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
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

bool Cursor::is_null(std::size_t column) const {
  return statement_->is_null(offset_ + column);
}
std::int64_t Cursor::get_int64(std::size_t column) const {
  return statement_->get_int64(offset_ + column);
}
double Cursor::get_double(std::size_t column) const {
  return statement_->get_double(offset_ + column);
}
std::string_view Cursor::get_text(std::size_t column) const {
  return statement_->get_text(offset_ + column);
}
Timestamp Cursor::get_timestamp(std::size_t column) const {
  return statement_->get_timestamp(offset_ + column);
}

std::size_t Cursor::column_count() const {
  return statement_->column_count() - offset_;
}

std::string_view Cursor::column_name(std::size_t column) const {
  return statement_->column_name(offset_ + column);
}

bool Cursor::read(std::size_t column, std::int64_t& out) const {
  out = get_int64(column);
  return out != 0 || !is_null(column);
}
bool Cursor::read(std::size_t column, int& out) const {
  const std::int64_t v = get_int64(column);
  if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
    throw DataError("stored value " + std::to_string(v) + " does not fit an int member");
  }
  out = static_cast<int>(v);
  return v != 0 || !is_null(column);
}
bool Cursor::read(std::size_t column, double& out) const {
  out = get_double(column);
  return out != 0.0 || !is_null(column);
}
bool Cursor::read(std::size_t column, bool& out) const {
  out = get_bool(column);
  return out || !is_null(column);
}
bool Cursor::read(std::size_t column, std::string& out) const {
  const std::string_view text = get_text(column);  // a null data pointer for NULL
  out = text;
  return text.data() != nullptr;
}
bool Cursor::read(std::size_t column, Timestamp& out) const {
  if (is_null(column)) return false;
  out = get_timestamp(column);
  return true;
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

struct Connection::Cache {
  struct Entry {
    std::unique_ptr<driver::Statement> statement;
    bool in_use = false;
    std::list<std::string>::iterator lru;
  };
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };

  // Evicts least recently used statements that no cursor is using.
  void evict_if_full() {
    auto it = lru.end();
    while (entries.size() >= capacity && it != lru.begin()) {
      --it;
      auto entry = entries.find(*it);
      if (entry == entries.end() || entry->second.in_use) continue;
      entries.erase(entry);
      it = lru.erase(it);
    }
  }

  std::size_t capacity;
  // Statements the index check has explained on this connection.
  std::unordered_set<std::string, StringHash, std::equal_to<>> checked;
  std::list<std::string> lru;  // most recently used first
  std::unordered_map<std::string, Entry, StringHash, std::equal_to<>> entries;
};

Connection::Connection(std::unique_ptr<driver::Connection> driver,
                       std::shared_ptr<const StatementLog> log, std::size_t cache_capacity)
    : driver_(std::move(driver)),
      log_(std::move(log)),
      cache_(std::make_unique<Cache>(Cache{cache_capacity, {}, {}, {}})) {}

Connection::~Connection() {
  // Statements must be finalized before the driver connection closes.
  cache_.reset();
  driver_.reset();
}

std::int64_t Connection::last_insert_id() const {
  return driver_->last_insert_id();
}
bool Connection::healthy() const noexcept {
  return driver_->healthy();
}
bool Connection::alive() noexcept {
  return driver_->alive();
}

QueryPlan Connection::explain(std::string_view sql, std::span<const Param> params) {
  return driver_->explain(sql, params);
}

void Connection::check_scans(std::string_view sql, std::span<const Param> params) {
  if (cache_->checked.contains(sql)) return;
  const QueryPlan plan = driver_->explain(sql, params);
  const ScanCheck mode = log_->scan_check.load();
  if (!plan.full_scans.empty()) {
    std::string tables;
    for (const std::string& table : plan.full_scans)
      tables += (tables.empty() ? "" : ", ") + table;
    std::string message = "full scan of " + tables +
                          " where an index would serve, in: " + std::string(sql) + "\nplan:\n" +
                          plan.text();
    // Refused statements are explained again next time, so that each run fails.
    if (mode == ScanCheck::raise) throw FullScanError(message);
    log_->warn_scan(message);
  }
  cache_->checked.emplace(sql);
}

Cursor Connection::execute(std::string_view sql, std::span<const Param> params) {
  if (log_->scan_check.load(std::memory_order_relaxed) != ScanCheck::off && plan::is_query(sql))
    check_scans(sql, params);
  if (log_->active()) log_->report(sql, params);
  ++statements_run_;

  driver::Statement* statement = nullptr;
  bool* in_use = nullptr;
  std::unique_ptr<driver::Statement> owned;
  auto& cache = *cache_;
  auto found = cache.entries.find(sql);
  if (found != cache.entries.end() && !found->second.in_use) {
    cache.lru.splice(cache.lru.begin(), cache.lru, found->second.lru);
    statement = found->second.statement.get();
    in_use = &found->second.in_use;
  } else if (found != cache.entries.end()) {
    // The cached statement is in use by an open cursor (a nested query with
    // the same text): run this one on a private statement.
    owned = driver_->prepare(sql);
    ++statements_prepared_;
    statement = owned.get();
  } else {
    cache.evict_if_full();
    auto prepared = driver_->prepare(sql);
    ++statements_prepared_;
    cache.lru.emplace_front(sql);
    auto [entry, inserted] = cache.entries.emplace(
        std::string(sql), Cache::Entry{std::move(prepared), false, cache.lru.begin()});
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
