// relate::sqlite::backup_to and integrity_check: SQLite's online backup API
// and PRAGMA integrity_check on connections of their own.

#include "relate/sqlite/backup.hpp"

#include <sqlite3.h>

#include <cstdio>
#include <memory>

#include "relate/connection/url.hpp"
#include "relate/error.hpp"

namespace relate::sqlite {

namespace {

constexpr int kBusyTimeoutMs = 5000;

struct Closer {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
using Handle = std::unique_ptr<sqlite3, Closer>;

std::string file_of(std::string_view text) {
  const Url url = Url::parse(text);
  if (url.scheme != "sqlite") {
    throw UrlError("'" + url.redacted() + "' is not a sqlite URL: only SQLite files are copied " +
                   "this way");
  }
  if (url.database.empty() || url.database == ":memory:") {
    throw UrlError("'" + url.redacted() + "' is an in-memory database: there is no file to copy");
  }
  return url.database;
}

Handle open(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  Handle handle(db);
  if (rc != SQLITE_OK) {
    throw ConnectionError("cannot open SQLite database '" + path +
                          "': " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  return handle;
}

[[noreturn]] void fail(int code, const std::string& what) {
  const std::string message = "sqlite: " + what + ": " + sqlite3_errstr(code);
  switch (code & 0xff) {
    case SQLITE_FULL:
      throw StorageFull(message);
    case SQLITE_READONLY:
      throw ReadOnlyDatabase(message);
    case SQLITE_BUSY:
      throw LockTimeout(message);
    default:
      throw OperationalError(message);
  }
}

std::string check(sqlite3* db) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &raw, nullptr);
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
  if (rc != SQLITE_OK) fail(rc, "integrity_check");
  std::string out;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    if (!out.empty()) out += '\n';
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 0));
    out += text != nullptr ? text : "";
  }
  if (rc != SQLITE_DONE) fail(rc, "integrity_check");
  return out;
}

}  // namespace

void backup_to(std::string_view url, const std::string& destination) {
  const std::string source_path = file_of(url);
  const std::string partial = destination + ".partial";
  std::remove(partial.c_str());
  {
    // Read-write (though only read): a read-only connection cannot open a WAL
    // database whose -shm file is not there yet.
    Handle source = open(source_path, SQLITE_OPEN_READWRITE);
    Handle copy = open(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sqlite3_backup* backup = sqlite3_backup_init(copy.get(), "main", source.get(), "main");
    if (backup == nullptr) {
      const std::string why = sqlite3_errmsg(copy.get());
      std::remove(partial.c_str());
      throw OperationalError("sqlite: cannot back up '" + source_path + "': " + why);
    }
    // All pages in one step: one read transaction, hence one snapshot.
    // SQLITE_BUSY here means the source could not be read yet (a writer
    // recovering it); the busy timeout has already waited.
    const int rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
      copy.reset();
      std::remove(partial.c_str());
      fail(rc, "backing up '" + source_path + "'");
    }
    const std::string verdict = check(copy.get());
    if (verdict != "ok") {
      copy.reset();
      std::remove(partial.c_str());
      throw DatabaseError("sqlite: the copy of '" + source_path +
                          "' failed its integrity check: " + verdict);
    }
  }  // closed: the copy's WAL is checkpointed into its one file
  if (std::rename(partial.c_str(), destination.c_str()) != 0) {
    std::remove(partial.c_str());
    throw OperationalError("cannot rename the backup to '" + destination + "'");
  }
}

std::string integrity_check(std::string_view url) {
  Handle db = open(file_of(url), SQLITE_OPEN_READWRITE);  // see backup_to
  return check(db.get());
}

}  // namespace relate::sqlite
