// relate's bulk update by filter (Query::update) against hand-written code
// sending the same UPDATE, on sqlite3 and, when a server is named
// (RELATE_BENCH_POSTGRES_URL, or RELATE_TEST_POSTGRES_URL as
// scripts/with-postgres sets), on libpq: 50,000 of 100,000 comments get a
// new content in one statement and one transaction, rows never loaded. The
// session holds no comment, so relate sends no RETURNING (synchronize has
// nothing to update), as the raw code. Each round runs both, the first
// alternating; the median of each is reported with the ratio relate/raw.

#include <libpq-fe.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "bench_models.hpp"
#include "raw_sqlite.hpp"

namespace {

using namespace bench;
const int kRounds = rounds();
constexpr std::int64_t kLastPostUpdated = 500;  // 500 posts x 100 comments = 50,000 rows
constexpr const char* kSqliteUpdate = "UPDATE comment SET content = ? WHERE comment.post_id <= ?";
constexpr const char* kPostgresUpdate =
    "UPDATE comment SET content = $1 WHERE comment.post_id <= $2";

std::int64_t relate_update(relate::Database& db, const std::string& content) {
  auto s = db.session();
  const std::int64_t n = s.query<Comment>()
                             .filter(relate::col(&Comment::post_id) <= kLastPostUpdated)
                             .update(relate::set(&Comment::content, content));
  s.commit();
  return n;
}

std::int64_t raw_sqlite_update(RawDb& db, const std::string& content) {
  sqlite3_stmt* update = db.prepare(kSqliteUpdate);
  db.exec("BEGIN IMMEDIATE");
  sqlite3_bind_text(update, 1, content.data(), static_cast<int>(content.size()), SQLITE_STATIC);
  sqlite3_bind_int64(update, 2, kLastPostUpdated);
  check(sqlite3_step(update), db.handle());
  sqlite3_reset(update);
  db.exec("COMMIT");
  return sqlite3_changes(db.handle());
}

class RawPostgres {
 public:
  explicit RawPostgres(const std::string& url) : connection_(PQconnectdb(url.c_str())) {
    if (PQstatus(connection_) != CONNECTION_OK)
      throw std::runtime_error(PQerrorMessage(connection_));
    PQclear(expect(PQprepare(connection_, "update", kPostgresUpdate, 0, nullptr)));
  }
  ~RawPostgres() { PQfinish(connection_); }
  RawPostgres(const RawPostgres&) = delete;
  RawPostgres& operator=(const RawPostgres&) = delete;

  std::int64_t update(const std::string& content) {
    PQclear(expect(PQexec(connection_, "BEGIN")));
    const std::string last = std::to_string(kLastPostUpdated);
    const char* params[] = {content.c_str(), last.c_str()};
    PGresult* r = expect(PQexecPrepared(connection_, "update", 2, params, nullptr, nullptr, 0));
    const std::int64_t n = std::strtoll(PQcmdTuples(r), nullptr, 10);
    PQclear(r);
    PQclear(expect(PQexec(connection_, "COMMIT")));
    return n;
  }

 private:
  PGresult* expect(PGresult* r) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
      PQclear(r);
      throw std::runtime_error(PQerrorMessage(connection_));
    }
    return r;
  }
  PGconn* connection_;
};

// Rounds of raw then relate, each writing a content of its own round.
template <class Raw>
Result measure(const char* name, relate::Database& db, Raw&& raw_update) {
  std::vector<double> raw, orm;
  for (int r = 0; r < kRounds; ++r) {
    std::int64_t raw_rows = 0, orm_rows = 0;
    const auto run_raw = [&] {
      raw.push_back(seconds_of([&] { raw_rows = raw_update("raw " + std::to_string(r)); }));
    };
    const auto run_orm = [&] {
      orm.push_back(seconds_of([&] { orm_rows = relate_update(db, "orm " + std::to_string(r)); }));
    };
    // Who goes first alternates: the second writer of a round may pay for
    // the first one's WAL checkpoint.
    if (r % 2 == 0) {
      run_raw();
      run_orm();
    } else {
      run_orm();
      run_raw();
    }
    if (raw_rows != 50'000 || orm_rows != 50'000)
      throw std::runtime_error("a bulk update changed " + std::to_string(raw_rows) + " and " +
                               std::to_string(orm_rows) + " rows, not 50,000");
  }
  return {name, median(raw), median(orm)};
}

const char* postgres_url() {
  for (const char* name : {"RELATE_BENCH_POSTGRES_URL", "RELATE_TEST_POSTGRES_URL"}) {
    if (const char* url = std::getenv(name)) return url;
  }
  return nullptr;
}

}  // namespace

int main() {
  std::vector<Result> results;
  {
    const auto path = std::filesystem::temp_directory_path() / "relate-bench-bulk.db";
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(path.string() + suffix);
    relate::Database db("sqlite:///" + path.string());
    reset_schema(db);
    relate_insert(db, 100);
    RawDb raw(path.string());
    results.push_back(measure("sqlite3: bulk update of 50,000 of 100,000 comments", db,
                              [&](const std::string& c) { return raw_sqlite_update(raw, c); }));
  }
  if (const char* url = postgres_url()) {
    relate::Database db(url);
    reset_schema(db);
    relate_insert(db, 100);
    RawPostgres raw(url);
    results.push_back(measure("libpq: bulk update of 50,000 of 100,000 comments", db,
                              [&](const std::string& c) { return raw.update(c); }));
  } else {
    std::printf("(no PostgreSQL server named: its line is left out)\n");
  }
  std::printf("%-66s %10s %10s %8s\n", "relate Query::update vs raw (median of rounds)", "raw ms",
              "relate ms", "ratio");
  for (const Result& r : results)
    std::printf("%-66s %10.1f %10.1f %7.2fx\n", r.name, r.raw * 1e3, r.orm * 1e3, r.orm / r.raw);
}
