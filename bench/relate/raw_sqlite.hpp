#pragma once
// The hand-written side of relate's SQLite benchmarks: a connection set up
// as relate sets up its own (foreign keys, WAL, synchronous=NORMAL, a busy
// timeout), with each statement prepared once, as relate's cache does.

#include <sqlite3.h>

#include <stdexcept>
#include <string>
#include <unordered_map>

namespace bench {

inline void check(int rc, sqlite3* db) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    throw std::runtime_error(sqlite3_errmsg(db));
}

class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    check(
        sqlite3_open_v2(path.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr),
        db_);
    sqlite3_busy_timeout(db_, 5000);
    exec("PRAGMA foreign_keys = ON");
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA synchronous = NORMAL");
  }
  ~RawDb() {
    for (auto& [sql, s] : statements_)
      sqlite3_finalize(s);
    sqlite3_close(db_);
  }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  void exec(const char* sql) { check(sqlite3_exec(db_, sql, nullptr, nullptr, nullptr), db_); }
  // The statement for `sql`, prepared on first use.
  sqlite3_stmt* prepare(const std::string& sql) {
    sqlite3_stmt*& s = statements_[sql];
    if (s == nullptr)
      check(sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr), db_);
    return s;
  }
  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

// A text column as a std::string.
inline std::string text(sqlite3_stmt* s, int col) {
  return {reinterpret_cast<const char*>(sqlite3_column_text(s, col)),
          static_cast<std::size_t>(sqlite3_column_bytes(s, col))};
}

}  // namespace bench
