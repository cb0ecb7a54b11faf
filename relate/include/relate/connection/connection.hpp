#pragma once
// A database connection with a prepared-statement cache, statement logging
// (echo) and transaction bookkeeping, over any driver.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "relate/connection/driver.hpp"
#include "relate/value.hpp"

namespace relate {

// What the statement listener sees for each statement run.
struct StatementEvent {
  std::string_view sql;
  std::span<const Param> params;
};

// Shared by an engine and its connections: where statements are reported.
// `echo` may be flipped at any time; `listener` is fixed at engine creation.
struct StatementLog {
  std::atomic<bool> echo{false};
  std::function<void(const StatementEvent&)> listener;

  // Reports one statement: to the listener if any, and to stderr if echo is on.
  void report(std::string_view sql, std::span<const Param> params) const;
  bool active() const noexcept { return listener || echo.load(std::memory_order_relaxed); }
};

class Connection;

// The rows of one statement run. Move-only; the statement is reset (and
// returned to its connection's cache) when the cursor is destroyed. Column
// indexes are 0-based.
class Cursor {
 public:
  Cursor(Cursor&& other) noexcept;
  Cursor& operator=(Cursor&&) = delete;
  ~Cursor();

  // Advances to the next row; false when there is none. The first call runs
  // the statement.
  bool next();

  bool is_null(std::size_t column) const { return statement_->is_null(offset_ + column); }
  std::int64_t get_int64(std::size_t column) const {
    return statement_->get_int64(offset_ + column);
  }
  double get_double(std::size_t column) const { return statement_->get_double(offset_ + column); }
  bool get_bool(std::size_t column) const { return statement_->get_int64(offset_ + column) != 0; }
  std::string_view get_text(std::size_t column) const {
    return statement_->get_text(offset_ + column);
  }
  Timestamp get_timestamp(std::size_t column) const {
    return statement_->get_timestamp(offset_ + column);
  }
  // The row's columns: how many, and their names. Valid after next().
  std::size_t column_count() const { return statement_->column_count() - offset_; }
  std::string_view column_name(std::size_t column) const {
    return statement_->column_name(offset_ + column);
  }
  // Column indexes count from `offset` on (the columns of one joined table
  // read as if they were a row of their own).
  void set_column_offset(std::size_t offset) noexcept { offset_ = offset; }

  // Runs the statement to completion and returns the rows it changed.
  std::int64_t run();

 private:
  friend class Connection;
  Cursor(driver::Statement* statement, bool* in_use, std::unique_ptr<driver::Statement> owned);

  driver::Statement* statement_;
  bool* in_use_;  // the cache entry's flag, or null for an uncached statement
  std::unique_ptr<driver::Statement> owned_;
  std::size_t offset_ = 0;
  bool done_ = false;
};

// One connection. Not thread-safe: one thread uses it at a time (the pool
// hands it out to one owner).
class Connection {
 public:
  Connection(std::unique_ptr<driver::Connection> driver, std::shared_ptr<const StatementLog> log,
             std::size_t cache_capacity = 256);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Prepares `sql` (or reuses the cached statement), binds `params` in order
  // and reports the statement. The statement runs on the cursor's first
  // next() (or run()). The params are copied by the driver at bind time.
  Cursor execute(std::string_view sql, std::span<const Param> params = {});

  // Runs one statement without parameters or rows (DDL, PRAGMA...).
  void execute_script(std::string_view sql);

  // Transactions. begin_write() takes the write lock up front where the
  // database has one (SQLite: BEGIN IMMEDIATE).
  void begin_write();
  void commit();
  void rollback();
  bool in_transaction() const noexcept { return in_transaction_; }

  std::int64_t last_insert_id() const { return driver_->last_insert_id(); }
  // See driver::Connection::healthy() and alive().
  bool healthy() const noexcept { return driver_->healthy(); }
  bool alive() noexcept { return driver_->alive(); }

  // Counters: statements run, and statements prepared (cache misses).
  std::uint64_t statements_run() const noexcept { return statements_run_; }
  std::uint64_t statements_prepared() const noexcept { return statements_prepared_; }

 private:
  struct CacheEntry {
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

  void evict_if_full();

  std::unique_ptr<driver::Connection> driver_;
  std::shared_ptr<const StatementLog> log_;
  std::size_t cache_capacity_;
  std::list<std::string> lru_;  // most recently used first
  std::unordered_map<std::string, CacheEntry, StringHash, std::equal_to<>> cache_;
  bool in_transaction_ = false;
  std::uint64_t statements_run_ = 0;
  std::uint64_t statements_prepared_ = 0;
};

}  // namespace relate
