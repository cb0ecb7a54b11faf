#pragma once
// A database connection with a prepared-statement cache, statement logging
// (echo) and transaction bookkeeping, over any driver (the private interface
// in src/relate/connection/driver.hpp). Calls that run SQL throw
// DatabaseError (or a subclass, relate/error.hpp) when it fails.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "relate/connection/plan.hpp"
#include "relate/value.hpp"

namespace relate {

namespace driver {
class Statement;
class Connection;
}  // namespace driver

// What the statement listener sees for each statement run.
struct StatementEvent {
  std::string_view sql;
  std::span<const Param> params;
};

// Where an engine's statements are reported (private: src/relate/connection/statement_log.hpp).
struct StatementLog;

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

  bool is_null(std::size_t column) const;
  std::int64_t get_int64(std::size_t column) const;
  double get_double(std::size_t column) const;
  bool get_bool(std::size_t column) const { return get_int64(column) != 0; }
  // Valid until the next step; data() is null for NULL (and not for "").
  std::string_view get_text(std::size_t column) const;
  Timestamp get_timestamp(std::size_t column) const;
  // Reads `column` into `out`; false when it is NULL (leaving `out` zero or
  // empty). Throws DataError for a value an int cannot hold.
  bool read(std::size_t column, std::int64_t& out) const;
  bool read(std::size_t column, int& out) const;
  bool read(std::size_t column, double& out) const;
  bool read(std::size_t column, bool& out) const;
  bool read(std::size_t column, std::string& out) const;
  bool read(std::size_t column, Timestamp& out) const;
  // The row's columns: how many, and their names. Valid after next().
  std::size_t column_count() const;
  std::string_view column_name(std::size_t column) const;
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

  // The backend's plan for `sql` with `params` (relate/connection/plan.hpp),
  // without running it. Neither reported nor counted as a statement run.
  // Throws DatabaseError for a statement the database refuses.
  QueryPlan explain(std::string_view sql, std::span<const Param> params = {});

  // Runs one statement without parameters or rows (DDL, PRAGMA...).
  void execute_script(std::string_view sql);

  // Transactions. begin_write() takes the write lock up front where the
  // database has one (SQLite: BEGIN IMMEDIATE).
  void begin_write();
  void commit();
  void rollback();
  bool in_transaction() const noexcept { return in_transaction_; }

  // The key the last INSERT gave its row (dialects without RETURNING).
  std::int64_t last_insert_id() const;
  // False once the connection is known to be broken; alive() also notices a
  // connection the server closed while it was idle. No round trip.
  bool healthy() const noexcept;
  bool alive() noexcept;

  // Counters: statements run, and statements prepared (cache misses).
  std::uint64_t statements_run() const noexcept { return statements_run_; }
  std::uint64_t statements_prepared() const noexcept { return statements_prepared_; }

 private:
  struct Cache;  // prepared statements by SQL text, least recently used evicted
  // The index check (StatementLog::scan_check) before a SELECT runs.
  void check_scans(std::string_view sql, std::span<const Param> params);

  std::unique_ptr<driver::Connection> driver_;
  std::shared_ptr<const StatementLog> log_;
  std::unique_ptr<Cache> cache_;
  bool in_transaction_ = false;
  std::uint64_t statements_run_ = 0;
  std::uint64_t statements_prepared_ = 0;
};

}  // namespace relate
