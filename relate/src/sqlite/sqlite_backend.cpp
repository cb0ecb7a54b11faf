#include "relate/sqlite/sqlite_backend.hpp"

#include <sqlite3.h>

#include <charconv>
#include <map>
#include <string>
#include <vector>

#include "relate/connection/driver.hpp"
#include "relate/connection/plan_readers.hpp"
#include "relate/error.hpp"

namespace relate::sqlite {

namespace {

constexpr int kDefaultBusyTimeoutMs = 5000;
constexpr std::size_t kDefaultPoolSize = 8;

// Throws the relate error that matches SQLite's extended result code.
[[noreturn]] void throw_error(int code, const std::string& detail, std::string_view context) {
  std::string message = "sqlite: " + detail;
  if (!context.empty()) {
    message += " (while running: ";
    message += context;
    message += ")";
  }
  // SQLite words constraint failures as "UNIQUE constraint failed: t.c";
  // keep what follows the colon as the constraint description.
  std::string table, constraint;
  if (const auto colon = detail.find(": "); colon != std::string::npos) {
    constraint = detail.substr(colon + 2);
    table = constraint.substr(0, constraint.find('.'));
  }
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      throw UniqueViolation(message, table, constraint);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      throw ForeignKeyViolation(message, "", "");
    case SQLITE_CONSTRAINT_NOTNULL:
      throw NotNullViolation(message, table, constraint);
    case SQLITE_CONSTRAINT_CHECK:
      throw CheckViolation(message, table, constraint);
    default:
      break;
  }
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      throw IntegrityError(message, table, constraint);
    case SQLITE_FULL:
      throw StorageFull(message);
    case SQLITE_READONLY:
      throw ReadOnlyDatabase(message);
    case SQLITE_BUSY:
      throw LockTimeout(message);
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_NOMEM:
    case SQLITE_PROTOCOL:
      throw OperationalError(message);
    case SQLITE_TOOBIG:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
      throw DataError(message);
    default:
      throw DatabaseError(message);
  }
}

[[noreturn]] void throw_error(sqlite3* db, int code, std::string_view context) {
  throw_error(code, db ? sqlite3_errmsg(db) : sqlite3_errstr(code), context);
}

class Statement final : public driver::Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement() override { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(std::size_t index, const Param& value) override {
    const int i = static_cast<int>(index) + 1;
    const int rc = std::visit(
        [&](const auto& v) -> int {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, std::monostate>) {
            return sqlite3_bind_null(stmt_, i);
          } else if constexpr (std::is_same_v<V, std::int64_t>) {
            return sqlite3_bind_int64(stmt_, i, v);
          } else if constexpr (std::is_same_v<V, double>) {
            return sqlite3_bind_double(stmt_, i, v);
          } else if constexpr (std::is_same_v<V, bool>) {
            return sqlite3_bind_int(stmt_, i, v ? 1 : 0);
          } else if constexpr (std::is_same_v<V, std::string_view>) {
            return sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
          } else {
            const std::string text = format_timestamp(v);
            return sqlite3_bind_text64(stmt_, i, text.data(), text.size(), SQLITE_TRANSIENT,
                                       SQLITE_UTF8);
          }
        },
        value);
    if (rc != SQLITE_OK) throw_error(db_, rc, sqlite3_sql(stmt_));
  }

  bool step() override {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) {
      changes_ = sqlite3_changes64(db_);
      return false;
    }
    // The error code of sqlite3_step is the extended one since
    // sqlite3_extended_result_codes is on; reset so the statement can be reused.
    const std::string message = sqlite3_errmsg(db_);
    sqlite3_reset(stmt_);
    throw_error(rc, message, sqlite3_sql(stmt_));
  }

  void reset() noexcept override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  bool is_null(std::size_t c) const override {
    return sqlite3_column_type(stmt_, static_cast<int>(c)) == SQLITE_NULL;
  }
  std::int64_t get_int64(std::size_t c) const override {
    return sqlite3_column_int64(stmt_, static_cast<int>(c));
  }
  double get_double(std::size_t c) const override {
    return sqlite3_column_double(stmt_, static_cast<int>(c));
  }
  std::string_view get_text(std::size_t c) const override {
    const int col = static_cast<int>(c);
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    if (text == nullptr) return {};
    return {text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))};
  }
  Timestamp get_timestamp(std::size_t c) const override {
    const int col = static_cast<int>(c);
    if (sqlite3_column_type(stmt_, col) == SQLITE_INTEGER) {
      // Unix seconds, as written by other tools.
      return Timestamp{std::chrono::seconds{sqlite3_column_int64(stmt_, col)}};
    }
    return parse_timestamp(get_text(c));
  }

  std::size_t column_count() const override {
    return static_cast<std::size_t>(sqlite3_column_count(stmt_));
  }
  std::string_view column_name(std::size_t c) const override {
    const char* name = sqlite3_column_name(stmt_, static_cast<int>(c));
    return name == nullptr ? std::string_view{} : std::string_view{name};
  }

  std::int64_t rows_affected() const override { return changes_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::int64_t changes_ = 0;
};

class Connection final : public driver::Connection {
 public:
  Connection(const std::string& path, int busy_timeout_ms, std::string_view synchronous) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const char* filename = path.empty() ? ":memory:" : path.c_str();
    const int rc = sqlite3_open_v2(filename, &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      const std::string detail = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      throw ConnectionError("cannot open SQLite database '" + std::string(filename) +
                            "': " + detail);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, busy_timeout_ms);
    execute("PRAGMA foreign_keys = ON");
    if (!path.empty() && path != ":memory:") {
      // WAL lets readers run beside the one writer. NORMAL sync is safe in
      // WAL mode against a crash of the process (a power cut may lose the
      // last commits, never corrupt); FULL syncs every commit, for power
      // cuts too.
      execute("PRAGMA journal_mode = WAL");
      execute(synchronous == "full" ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    }
  }
  ~Connection() override { sqlite3_close_v2(db_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  std::unique_ptr<driver::Statement> prepare(std::string_view sql) override {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) throw_error(db_, rc, sql);
    if (stmt == nullptr) throw DatabaseError("sqlite: empty statement: '" + std::string(sql) + "'");
    return std::make_unique<Statement>(db_, stmt);
  }

  void execute(std::string_view sql) override {
    // After some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM...) SQLite
    // rolls the whole transaction back itself; a ROLLBACK then would fail
    // with "no transaction is active" and hide the error that mattered.
    if (sql == "ROLLBACK" && sqlite3_get_autocommit(db_) != 0) return;
    auto statement = prepare(sql);
    while (statement->step()) {
    }
  }

  std::string_view begin_write_sql() const noexcept override { return "BEGIN IMMEDIATE"; }

  QueryPlan explain(std::string_view sql, std::span<const Param> params) override {
    auto statement = prepare("EXPLAIN QUERY PLAN " + std::string(sql));
    for (std::size_t i = 0; i < params.size(); ++i)
      statement->bind(i, params[i]);
    std::vector<plan::SqliteStep> steps;
    std::map<int, std::size_t> depth;  // of each step, for the indented text
    QueryPlan out;
    while (statement->step()) {
      plan::SqliteStep step{static_cast<int>(statement->get_int64(0)),
                            static_cast<int>(statement->get_int64(1)),
                            std::string(statement->get_text(3))};
      const std::size_t d = step.parent == 0 ? 0 : depth[step.parent] + 1;
      depth[step.id] = d;
      out.lines.push_back(std::string(2 * d, ' ') + step.detail);
      steps.push_back(std::move(step));
    }
    out.full_scans = plan::sqlite_full_scans(steps, sql);
    return out;
  }

  std::int64_t last_insert_id() const override { return sqlite3_last_insert_rowid(db_); }

 private:
  sqlite3* db_ = nullptr;
};

std::size_t parse_count(const Url& url, const std::string& name, const std::string& text) {
  std::size_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) {
    throw UrlError("invalid database URL '" + url.redacted() + "': option " + name +
                   " must be a whole number, not '" + text + "'");
  }
  return value;
}

}  // namespace

driver::Backend backend(const Url& url) {
  if (!url.host.empty() || url.port || !url.username.empty()) {
    throw UrlError("invalid database URL '" + url.redacted() +
                   "': a sqlite URL has no host; use sqlite:///relative.db, "
                   "sqlite:////absolute/path.db or sqlite:// for memory");
  }
  int busy_timeout = kDefaultBusyTimeoutMs;
  std::size_t pool_size = kDefaultPoolSize;
  std::string synchronous = "normal";
  for (const auto& [name, value] : url.options) {
    if (name == "synchronous") {
      if (value != "normal" && value != "full") {
        throw UrlError("invalid database URL '" + url.redacted() +
                       "': synchronous must be 'normal' (survives a crash of the process) or "
                       "'full' (survives a power cut too), not '" +
                       value + "'");
      }
      synchronous = value;
    } else if (name == "busy_timeout") {
      busy_timeout = static_cast<int>(parse_count(url, name, value));
    } else if (name == "pool_size") {
      pool_size = parse_count(url, name, value);
      if (pool_size == 0)
        throw UrlError("invalid database URL '" + url.redacted() +
                       "': pool_size must be at least 1");
    } else {
      throw UrlError("invalid database URL '" + url.redacted() + "': unknown option '" + name +
                     "' (sqlite takes busy_timeout, pool_size and synchronous)");
    }
  }
  const bool memory = url.database.empty() || url.database == ":memory:";
  std::string path = memory ? std::string{} : url.database;
  return driver::Backend{
      &sql::sqlite_dialect(),
      [path, busy_timeout, synchronous] {
        return std::make_unique<Connection>(path, busy_timeout, synchronous);
      },
      memory ? std::size_t{1} : pool_size,
      std::chrono::milliseconds{0},
      memory,
  };
}

}  // namespace relate::sqlite
