// relate on PostgreSQL against hand-written libpq code doing the same work,
// in one run, on the server RELATE_BENCH_POSTGRES_URL (or
// RELATE_TEST_POSTGRES_URL, which scripts/with-postgres sets) names:
//   1. insert 100,000 comments across 1,000 posts in one transaction;
//   2. load 1,000 posts and read every comment (lazy loading);
//   3. 10,000 times: get a post by id in a fresh session, read its 20 comments;
//   4. 1,000 posts with their comment counts (100,000 comments), one grouped
//      statement, 20 times a round.
// The raw code is what a careful hand-writer would do with the same SQL:
// one connection, statements prepared once (PQprepare / PQexecPrepared),
// text parameters, and for scenario 1 the same multi-row INSERT ...
// RETURNING statements relate's flush sends (1,000 rows each). A second
// raw line for scenario 1, one INSERT per row, shows what batching buys.
// The data is ANALYZEd and each read scenario warmed up once before its
// rounds, so that both sides' prepared statements get the same plans. Each
// scenario runs several rounds, alternating raw and relate; the median of
// each is reported with the ratio relate/raw.

#include <libpq-fe.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <random>
#include <stdexcept>

#include "bench_models.hpp"

namespace {

using namespace bench;
const int kRounds = rounds();
constexpr std::size_t kRowsPerInsert = 1000;  // as relate's PostgreSQL dialect

// --------------------------------------------------------------- raw libpq

class RawDb {
 public:
  explicit RawDb(const std::string& url) : connection_(PQconnectdb(url.c_str())) {
    if (PQstatus(connection_) != CONNECTION_OK)
      throw std::runtime_error(PQerrorMessage(connection_));
  }
  ~RawDb() { PQfinish(connection_); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  void exec(const char* sql) {
    PGresult* r = PQexec(connection_, sql);
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok) throw std::runtime_error(PQerrorMessage(connection_));
  }
  // The name of `sql`, prepared on first use.
  const std::string& prepared(const std::string& sql) {
    auto [it, inserted] = names_.try_emplace(sql);
    if (inserted) {
      it->second = "raw_" + std::to_string(names_.size());
      PGresult* r = PQprepare(connection_, it->second.c_str(), sql.c_str(), 0, nullptr);
      const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
      PQclear(r);
      if (!ok) throw std::runtime_error(PQerrorMessage(connection_));
    }
    return it->second;
  }
  // Runs a prepared statement with text parameters; the caller PQclears.
  PGresult* run(const std::string& name, const std::vector<const char*>& params) {
    PGresult* r = PQexecPrepared(connection_, name.c_str(), static_cast<int>(params.size()),
                                 params.data(), nullptr, nullptr, 0);
    const ExecStatusType status = PQresultStatus(r);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      PQclear(r);
      throw std::runtime_error(PQerrorMessage(connection_));
    }
    return r;
  }

 private:
  PGconn* connection_;
  std::map<std::string, std::string> names_;
};

std::int64_t integer(const PGresult* r, int row, int column) {
  return std::strtoll(PQgetvalue(r, row, column), nullptr, 10);
}

std::string text(const PGresult* r, int row, int column) {
  return {PQgetvalue(r, row, column), static_cast<std::size_t>(PQgetlength(r, row, column))};
}

struct Column {
  const char* name;
  const char* type;
};
const std::vector<Column> kPostColumns = {{"title", "TEXT"}, {"content", "TEXT"}};
const std::vector<Column> kCommentColumns = {{"content", "TEXT"}, {"post_id", "BIGINT"}};

// INSERT INTO table (columns) of `rows` rows, keys drawn in row order (the
// statement shape relate's flush uses; see relate::sql::insert_many_sql).
std::string insert_many(const char* table, const std::vector<Column>& columns, std::size_t rows) {
  std::string sql = std::string("INSERT INTO ") + table + " (";
  std::string select, aliases;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    sql += (c ? ", " : "") + std::string(columns[c].name);
    select += (c ? ", p" : "p") + std::to_string(c);
    aliases += "p" + std::to_string(c) + ", ";
  }
  sql += ") SELECT " + select + " FROM (VALUES ";
  std::size_t n = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    sql += r ? ", (" : "(";
    for (const Column& column : columns)
      sql += "$" + std::to_string(++n) + "::" + column.type + ", ";
    sql += std::to_string(r) + ")";
  }
  return sql + ") AS batch (" + aliases + "sentinel) ORDER BY sentinel RETURNING id";
}

// Runs one multi-row insert of `values` (row after row) and returns the new
// keys in row order.
std::vector<std::int64_t> insert_rows(RawDb& db, const char* table,
                                      const std::vector<Column>& columns,
                                      const std::vector<std::string>& values) {
  const std::size_t rows = values.size() / columns.size();
  std::vector<const char*> params;
  params.reserve(values.size());
  for (const auto& v : values)
    params.push_back(v.c_str());
  PGresult* r = db.run(db.prepared(insert_many(table, columns, rows)), params);
  std::vector<std::int64_t> keys;
  keys.reserve(rows);
  for (int i = 0; i < PQntuples(r); ++i)
    keys.push_back(integer(r, i, 0));
  PQclear(r);
  std::sort(keys.begin(), keys.end());
  return keys;
}

void raw_insert(RawDb& db, int comments_per_post) {
  db.exec("BEGIN");
  std::vector<std::string> values;
  for (int p = 0; p < kPosts; ++p) {
    values.push_back("Post " + std::to_string(p));
    values.emplace_back("Some content");
  }
  const std::vector<std::int64_t> post_ids = insert_rows(db, "post", kPostColumns, values);
  values.clear();
  for (int p = 0; p < kPosts; ++p) {
    const std::string post_id = std::to_string(post_ids[static_cast<std::size_t>(p)]);
    for (int c = 0; c < comments_per_post; ++c) {
      values.push_back("Comment " + std::to_string(c));
      values.push_back(post_id);
      if (values.size() == kCommentColumns.size() * kRowsPerInsert) {
        insert_rows(db, "comment", kCommentColumns, values);
        values.clear();
      }
    }
  }
  if (!values.empty()) insert_rows(db, "comment", kCommentColumns, values);
  db.exec("COMMIT");
}

// The same work as raw_insert, one INSERT ... RETURNING per row.
void raw_insert_row_by_row(RawDb& db, int comments_per_post) {
  const std::string& post =
      db.prepared("INSERT INTO post (title, content) VALUES ($1, $2) RETURNING id");
  const std::string& comment =
      db.prepared("INSERT INTO comment (content, post_id) VALUES ($1, $2) RETURNING id");
  db.exec("BEGIN");
  for (int p = 0; p < kPosts; ++p) {
    const std::string title = "Post " + std::to_string(p);
    PGresult* r = db.run(post, {title.c_str(), "Some content"});
    const std::string post_id = PQgetvalue(r, 0, 0);
    PQclear(r);
    for (int c = 0; c < comments_per_post; ++c) {
      const std::string content = "Comment " + std::to_string(c);
      PQclear(db.run(comment, {content.c_str(), post_id.c_str()}));
    }
  }
  db.exec("COMMIT");
}

std::vector<RawComment> raw_comments_of(RawDb& db, const std::string& query, std::int64_t post_id) {
  const std::string id = std::to_string(post_id);
  PGresult* r = db.run(query, {id.c_str()});
  std::vector<RawComment> out;
  out.reserve(static_cast<std::size_t>(PQntuples(r)));
  for (int i = 0; i < PQntuples(r); ++i) {
    out.push_back(RawComment{
        integer(r, i, 0), text(r, i, 1),
        PQgetisnull(r, i, 2) ? std::nullopt : std::optional<std::int64_t>{integer(r, i, 2)}});
  }
  PQclear(r);
  return out;
}

constexpr const char* kCommentsOfPost =
    "SELECT comment.id, comment.content, comment.post_id FROM comment WHERE comment.post_id = $1";

std::size_t raw_load_all(RawDb& db) {
  const std::string& posts = db.prepared("SELECT post.id, post.title, post.content FROM post");
  const std::string& comments = db.prepared(kCommentsOfPost);
  std::vector<RawPost> all;
  PGresult* r = db.run(posts, {});
  for (int i = 0; i < PQntuples(r); ++i)
    all.push_back(RawPost{integer(r, i, 0), text(r, i, 1), text(r, i, 2)});
  PQclear(r);
  std::size_t bytes = 0;
  std::vector<std::vector<RawComment>> loaded;
  loaded.reserve(all.size());
  for (const RawPost& p : all) {
    loaded.push_back(raw_comments_of(db, comments, p.id));
    for (const RawComment& c : loaded.back())
      bytes += c.content.size();
  }
  return bytes;
}

std::size_t raw_get_many(RawDb& db, const std::vector<std::int64_t>& ids) {
  const std::string& post =
      db.prepared("SELECT post.id, post.title, post.content FROM post WHERE post.id = $1");
  const std::string& comments = db.prepared(kCommentsOfPost);
  std::size_t bytes = 0;
  for (std::int64_t id : ids) {
    const std::string key = std::to_string(id);
    PGresult* r = db.run(post, {key.c_str()});
    if (PQntuples(r) != 1) throw std::runtime_error("missing post");
    RawPost p{integer(r, 0, 0), text(r, 0, 1), text(r, 0, 2)};
    PQclear(r);
    for (const RawComment& c : raw_comments_of(db, comments, p.id))
      bytes += c.content.size();
  }
  return bytes;
}

std::int64_t raw_comment_counts(RawDb& db) {
  const std::string& q = db.prepared(kCommentCountsSql);
  CommentCounts rows;
  PGresult* r = db.run(q, {});
  for (int i = 0; i < PQntuples(r); ++i)
    rows.emplace_back(integer(r, i, 0), text(r, i, 1), integer(r, i, 2));
  PQclear(r);
  return check_of(rows);
}

// After loading the data: statistics, as a database in use has them, so
// that both sides' prepared statements get the same plans.
void analyze(relate::Database& db) {
  auto connection = db.engine().connect();
  connection->execute_script("ANALYZE");
}

std::string server_url() {
  for (const char* name : {"RELATE_BENCH_POSTGRES_URL", "RELATE_TEST_POSTGRES_URL"}) {
    if (const char* url = std::getenv(name)) return url;
  }
  throw std::runtime_error(
      "set RELATE_BENCH_POSTGRES_URL, or run through scripts/with-postgres (bench/relate/run "
      "does)");
}

}  // namespace

int main(int argc, char** argv) {
  // An argument picks one scenario (1 to 4), for profiling.
  const int only = argc > 1 ? std::atoi(argv[1]) : 0;
  const std::string url = server_url();
  relate::Database db(url);
  RawDb raw_db(url);
  std::vector<Result> results;

  if (only == 0 || only == 1) {  // 1. 100,000 inserts in one transaction
    std::vector<double> raw, orm;
    for (int r = 0; r < kRounds; ++r) {
      reset_schema(db);
      raw.push_back(seconds_of([&] { raw_insert(raw_db, 100); }));
      reset_schema(db);
      orm.push_back(seconds_of([&] { relate_insert(db, 100); }));
    }
    results.push_back(
        {"insert 100,000 comments across 1,000 posts (one transaction)", median(raw), median(orm)});
    reset_schema(db);
    const double row_by_row = seconds_of([&] { raw_insert_row_by_row(raw_db, 100); });
    results.push_back(
        {"  the same, raw with one INSERT per row (1 round)", row_by_row, results.back().orm});
  }

  if (only == 0 || only == 2) {  // 2. load 1,000 posts and every comment
    reset_schema(db);
    relate_insert(db, 100);
    analyze(db);
    std::vector<double> raw, orm;
    std::size_t raw_bytes = 0, orm_bytes = 0;
    raw_load_all(raw_db);  // warm-up: plans, caches
    relate_load_all(db);
    for (int r = 0; r < kRounds; ++r) {
      raw.push_back(seconds_of([&] { raw_bytes = raw_load_all(raw_db); }));
      orm.push_back(seconds_of([&] { orm_bytes = relate_load_all(db); }));
    }
    if (raw_bytes != orm_bytes) throw std::runtime_error("scenario 2 read different data");
    results.push_back(
        {"load 1,000 posts and read all 100,000 comments (lazy)", median(raw), median(orm)});
  }

  if (only == 0 || only == 3) {  // 3. 10,000 x (fresh session, get a post, read its 20 comments)
    reset_schema(db);
    relate_insert(db, 20);
    std::mt19937 rng(42);
    std::uniform_int_distribution<std::int64_t> pick(1, kPosts);
    std::vector<std::int64_t> ids(10'000);
    for (auto& id : ids)
      id = pick(rng);
    analyze(db);
    std::vector<double> raw, orm;
    std::size_t raw_bytes = 0, orm_bytes = 0;
    raw_get_many(raw_db, ids);  // warm-up: plans, caches
    relate_get_many(db, ids);
    for (int r = 0; r < kRounds; ++r) {
      raw.push_back(seconds_of([&] { raw_bytes = raw_get_many(raw_db, ids); }));
      orm.push_back(seconds_of([&] { orm_bytes = relate_get_many(db, ids); }));
    }
    if (raw_bytes != orm_bytes) throw std::runtime_error("scenario 3 read different data");
    results.push_back({"10,000 x get a post in a fresh session and read its 20 comments",
                       median(raw), median(orm)});
  }

  if (only == 0 || only == 4) {  // 4. posts with comment counts, one grouped statement
    reset_schema(db);
    relate_insert(db, 100);
    analyze(db);
    std::vector<double> raw, orm;
    std::int64_t raw_check = 0, orm_check = 0;
    raw_comment_counts(raw_db);  // warm-up: plans, caches
    relate_comment_counts(db);
    for (int r = 0; r < kRounds; ++r) {
      raw.push_back(seconds_of([&] {
        for (int i = 0; i < 20; ++i)
          raw_check = raw_comment_counts(raw_db);
      }));
      orm.push_back(seconds_of([&] {
        for (int i = 0; i < 20; ++i)
          orm_check = relate_comment_counts(db);
      }));
    }
    if (raw_check != orm_check) throw std::runtime_error("scenario 4 read different data");
    results.push_back({"20 x 1,000 posts with their comment counts (one grouped SELECT)",
                       median(raw), median(orm)});
  }

  std::printf("%-66s %10s %10s %8s\n", "relate vs raw libpq (median of rounds)", "raw ms",
              "relate ms", "ratio");
  for (const Result& r : results) {
    std::printf("%-66s %10.1f %10.1f %7.2fx\n", r.name, r.raw * 1e3, r.orm * 1e3, r.orm / r.raw);
  }
}
