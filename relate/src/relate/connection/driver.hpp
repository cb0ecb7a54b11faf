#pragma once
// The interface a database driver implements. Drivers do I/O and nothing
// else: caching, echo, pooling and transactions bookkeeping live above them
// (relate::Connection, relate::Engine). Only drivers include a database's C
// header (sqlite3.h, libpq-fe.h).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string_view>

#include "relate/connection/plan.hpp"
#include "relate/error.hpp"

#include "relate/sql/dialect.hpp"
#include "relate/value.hpp"

namespace relate::driver {

// A prepared statement. Not thread-safe; used by one connection's owner.
class Statement {
 public:
  virtual ~Statement() = default;

  // Binds parameter `index` (0-based). The driver copies what it needs.
  virtual void bind(std::size_t index, const Param& value) = 0;
  // Runs the statement up to its next row; false when there are no more.
  // Throws DatabaseError (or a subclass) on failure.
  virtual bool step() = 0;
  // Makes the statement ready to run again and clears its bindings.
  virtual void reset() noexcept = 0;

  // Column accessors for the current row (0-based).
  virtual bool is_null(std::size_t column) const = 0;
  virtual std::int64_t get_int64(std::size_t column) const = 0;
  virtual double get_double(std::size_t column) const = 0;
  // Valid until the next step; data() is null for NULL (and not for "").
  virtual std::string_view get_text(std::size_t column) const = 0;
  virtual Timestamp get_timestamp(std::size_t column) const = 0;

  // The columns of the statement's rows: how many, and each one's name as
  // the database gives it. Valid once step() has run.
  virtual std::size_t column_count() const = 0;
  virtual std::string_view column_name(std::size_t column) const = 0;

  // Rows changed by the last INSERT/UPDATE/DELETE run.
  virtual std::int64_t rows_affected() const = 0;
};

// One open connection. Not thread-safe.
class Connection {
 public:
  virtual ~Connection() = default;

  // Prepares `sql`. Throws DatabaseError naming the statement on failure.
  virtual std::unique_ptr<Statement> prepare(std::string_view sql) = 0;
  // Runs one statement that takes no parameters and returns no rows.
  virtual void execute(std::string_view sql) = 0;
  // The SQL that opens a transaction that will write: SQLite takes the write
  // lock up front ("BEGIN IMMEDIATE") so that writers queue instead of failing.
  virtual std::string_view begin_write_sql() const noexcept { return "BEGIN"; }
  // The key the last INSERT gave its row (drivers whose dialect does not
  // return new keys with RETURNING).
  virtual std::int64_t last_insert_id() const = 0;
  // False once the connection is known to be broken (a statement lost it):
  // the pool drops it when it comes back. No I/O.
  virtual bool healthy() const noexcept { return true; }
  // healthy(), and also not closed by the server while it was idle (a
  // restart): the pool asks before lending an idle connection, so this must
  // be cheap (no round trip; a look at the socket at most).
  virtual bool alive() noexcept { return healthy(); }
  // The planner's plan for `sql` with `params` bound, without running it.
  // Throws DatabaseError as the statement would fail to prepare.
  virtual QueryPlan explain(std::string_view /*sql*/, std::span<const Param> /*params*/) {
    throw InvalidRequestError("this database backend cannot explain statements");
  }
};

// What a backend gives an Engine: its dialect, how to open connections, how
// many a pool should hold, and how long to keep trying to replace a lost
// connection.
struct Backend {
  const sql::Dialect* dialect = nullptr;
  // Opens a connection; throws ConnectionError when it cannot.
  std::function<std::unique_ptr<Connection>()> connect;
  std::size_t pool_size = 5;
  // Once the database has been reached, a failure to open a connection is
  // taken for a restart in progress and retried with exponential backoff for
  // up to this long. Zero: never retried (an embedded database).
  std::chrono::milliseconds reconnect_timeout{0};
  // One connection holds the whole database (SQLite in memory): the pool
  // never opens a second, whatever EngineOptions::pool_size asks.
  bool single_connection = false;
};

}  // namespace relate::driver
