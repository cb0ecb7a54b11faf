// relate on MariaDB against hand-written Connector/C code doing the same
// work, in one run, on the server RELATE_BENCH_MARIADB_URL (or
// RELATE_TEST_MARIADB_URL, which scripts/with-mariadb sets) names:
//   1. insert 100,000 comments across 1,000 posts in one transaction;
//   2. load 1,000 posts and read every comment (lazy loading);
//   3. 10,000 times: get a post by id in a fresh session, read its 20 comments.
// The raw code is what a careful hand-writer would do with the same SQL: one
// connection, server-side prepared statements made once (mysql_stmt_prepare)
// and run with typed binds, rows stored in the client, and for scenario 1 the
// same multi-row INSERT ... RETURNING statements relate's flush sends on
// mariadb:// (1,000 rows each). Each scenario runs several rounds,
// alternating raw and relate; the median of each is reported with the ratio
// relate/raw.

#include <mysql.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>

#include "bench_models.hpp"
#include "relate/connection/url.hpp"

namespace {

using namespace bench;
const int kRounds = rounds();
constexpr std::size_t kRowsPerInsert = 1000;  // as relate's MariaDB dialect

// ------------------------------------------------------- raw Connector/C

// A prepared statement with its result buffers: integers and strings.
class RawStatement {
 public:
  RawStatement(MYSQL* mysql, const std::string& sql) : stmt_(mysql_stmt_init(mysql)) {
    if (mysql_stmt_prepare(stmt_, sql.data(), sql.size()) != 0) fail();
  }
  ~RawStatement() { mysql_stmt_close(stmt_); }
  RawStatement(const RawStatement&) = delete;
  RawStatement& operator=(const RawStatement&) = delete;

  // Runs with `params` (integers and strings, as MYSQL_BINDs) and stores the
  // rows; `columns` result columns: 'i' integer, 's' string.
  void run(std::vector<MYSQL_BIND>& params, const char* columns) {
    if (!params.empty() && mysql_stmt_bind_param(stmt_, params.data()) != 0) fail();
    if (mysql_stmt_execute(stmt_) != 0) fail();
    const std::size_t n = std::strlen(columns);
    if (n == 0) return;
    const my_bool update_max = 1;
    mysql_stmt_attr_set(stmt_, STMT_ATTR_UPDATE_MAX_LENGTH, &update_max);
    if (mysql_stmt_store_result(stmt_) != 0) fail();
    MYSQL_RES* meta = mysql_stmt_result_metadata(stmt_);
    const MYSQL_FIELD* fields = mysql_fetch_fields(meta);
    results_.assign(n, MYSQL_BIND{});
    ints_.assign(n, 0);
    lengths_.assign(n, 0);
    nulls_.assign(n, 0);
    texts_.resize(n);
    for (std::size_t c = 0; c < n; ++c) {
      MYSQL_BIND& b = results_[c];
      b.is_null = &nulls_[c];
      b.length = &lengths_[c];
      if (columns[c] == 'i') {
        b.buffer_type = MYSQL_TYPE_LONGLONG;
        b.buffer = &ints_[c];
      } else {
        texts_[c].resize(fields[c].max_length + 1);
        b.buffer_type = MYSQL_TYPE_STRING;
        b.buffer = texts_[c].data();
        b.buffer_length = texts_[c].size();
      }
    }
    mysql_free_result(meta);
    if (mysql_stmt_bind_result(stmt_, results_.data()) != 0) fail();
  }
  bool fetch() {
    const int status = mysql_stmt_fetch(stmt_);
    if (status == 1) fail();
    return status == 0;
  }
  void done() { mysql_stmt_free_result(stmt_); }
  std::int64_t integer(std::size_t c) const { return ints_[c]; }
  bool null(std::size_t c) const { return nulls_[c] != 0; }
  std::string text(std::size_t c) const { return {texts_[c].data(), lengths_[c]}; }

 private:
  [[noreturn]] void fail() { throw std::runtime_error(mysql_stmt_error(stmt_)); }
  MYSQL_STMT* stmt_;
  std::vector<MYSQL_BIND> results_;
  std::vector<long long> ints_;
  std::vector<unsigned long> lengths_;
  std::vector<my_bool> nulls_;
  std::vector<std::vector<char>> texts_;
};

class RawDb {
 public:
  explicit RawDb(const relate::Url& url) : mysql_(mysql_init(nullptr)) {
    mysql_optionsv(mysql_, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    if (mysql_real_connect(mysql_, url.host.c_str(), url.username.c_str(), url.password.c_str(),
                           url.database.c_str(), static_cast<unsigned>(url.port.value_or(3306)),
                           nullptr, CLIENT_FOUND_ROWS) == nullptr) {
      throw std::runtime_error(mysql_error(mysql_));
    }
    exec("SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,NO_BACKSLASH_ESCAPES'");
    exec("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
  }
  ~RawDb() {
    statements_.clear();
    mysql_close(mysql_);
  }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  void exec(const char* sql) {
    if (mysql_query(mysql_, sql) != 0) throw std::runtime_error(mysql_error(mysql_));
  }
  RawStatement& prepared(const std::string& sql) {
    auto& slot = statements_[sql];
    if (!slot) slot = std::make_unique<RawStatement>(mysql_, sql);
    return *slot;
  }

 private:
  MYSQL* mysql_;
  std::map<std::string, std::unique_ptr<RawStatement>> statements_;
};

MYSQL_BIND integer_param(long long& value) {
  MYSQL_BIND b{};
  b.buffer_type = MYSQL_TYPE_LONGLONG;
  b.buffer = &value;
  return b;
}

MYSQL_BIND text_param(const std::string& value) {
  MYSQL_BIND b{};
  b.buffer_type = MYSQL_TYPE_STRING;
  b.buffer = const_cast<char*>(value.data());
  b.buffer_length = value.size();
  return b;
}

std::string insert_many(const char* table, const char* columns, std::size_t rows) {
  std::string sql = std::string("INSERT INTO ") + table + " (" + columns + ") VALUES ";
  for (std::size_t r = 0; r < rows; ++r)
    sql += r ? ", (?, ?)" : "(?, ?)";
  return sql + " RETURNING id";
}

// Posts: (title, content) strings; comments: (content string, post_id integer).
std::vector<std::int64_t> insert_rows(RawDb& db, const char* table, const char* columns,
                                      std::vector<MYSQL_BIND>& params) {
  RawStatement& st = db.prepared(insert_many(table, columns, params.size() / 2));
  st.run(params, "i");
  std::vector<std::int64_t> keys;
  keys.reserve(params.size() / 2);
  while (st.fetch())
    keys.push_back(st.integer(0));
  st.done();
  return keys;
}

void raw_insert(RawDb& db, int comments_per_post) {
  db.exec("BEGIN");
  std::vector<std::string> titles;
  const std::string content = "Some content";
  titles.reserve(kPosts);
  std::vector<MYSQL_BIND> params;
  for (int p = 0; p < kPosts; ++p)
    titles.push_back("Post " + std::to_string(p));
  for (int p = 0; p < kPosts; ++p) {
    params.push_back(text_param(titles[static_cast<std::size_t>(p)]));
    params.push_back(text_param(content));
  }
  const std::vector<std::int64_t> post_ids = insert_rows(db, "post", "title, content", params);
  std::vector<std::string> contents;
  for (int c = 0; c < comments_per_post; ++c)
    contents.push_back("Comment " + std::to_string(c));
  std::vector<long long> keys(kRowsPerInsert);
  params.clear();
  for (int p = 0; p < kPosts; ++p) {
    for (int c = 0; c < comments_per_post; ++c) {
      const std::size_t row = params.size() / 2;
      keys[row] = post_ids[static_cast<std::size_t>(p)];
      params.push_back(text_param(contents[static_cast<std::size_t>(c)]));
      params.push_back(integer_param(keys[row]));
      if (params.size() == 2 * kRowsPerInsert) {
        insert_rows(db, "comment", "content, post_id", params);
        params.clear();
      }
    }
  }
  if (!params.empty()) insert_rows(db, "comment", "content, post_id", params);
  db.exec("COMMIT");
}

constexpr const char* kCommentsOfPost =
    "SELECT comment.id, comment.content, comment.post_id FROM comment WHERE comment.post_id = ?";

std::vector<RawComment> raw_comments_of(RawStatement& st, std::int64_t post_id) {
  long long id = post_id;
  std::vector<MYSQL_BIND> params{integer_param(id)};
  st.run(params, "isi");
  std::vector<RawComment> out;
  while (st.fetch()) {
    out.push_back(
        RawComment{st.integer(0), st.text(1),
                   st.null(2) ? std::nullopt : std::optional<std::int64_t>{st.integer(2)}});
  }
  st.done();
  return out;
}

std::size_t raw_load_all(RawDb& db) {
  RawStatement& posts = db.prepared("SELECT post.id, post.title, post.content FROM post");
  RawStatement& comments = db.prepared(kCommentsOfPost);
  std::vector<MYSQL_BIND> none;
  posts.run(none, "iss");
  std::vector<RawPost> all;
  while (posts.fetch())
    all.push_back(RawPost{posts.integer(0), posts.text(1), posts.text(2)});
  posts.done();
  std::size_t bytes = 0;
  std::vector<std::vector<RawComment>> loaded;
  loaded.reserve(all.size());
  for (const RawPost& p : all) {
    loaded.push_back(raw_comments_of(comments, p.id));
    for (const RawComment& c : loaded.back())
      bytes += c.content.size();
  }
  return bytes;
}

std::size_t raw_get_many(RawDb& db, const std::vector<std::int64_t>& ids) {
  RawStatement& post =
      db.prepared("SELECT post.id, post.title, post.content FROM post WHERE post.id = ?");
  RawStatement& comments = db.prepared(kCommentsOfPost);
  std::size_t bytes = 0;
  for (std::int64_t id : ids) {
    long long key = id;
    std::vector<MYSQL_BIND> params{integer_param(key)};
    post.run(params, "iss");
    if (!post.fetch()) throw std::runtime_error("missing post");
    RawPost p{post.integer(0), post.text(1), post.text(2)};
    post.done();
    for (const RawComment& c : raw_comments_of(comments, p.id))
      bytes += c.content.size();
  }
  return bytes;
}

std::string server_url() {
  for (const char* name : {"RELATE_BENCH_MARIADB_URL", "RELATE_TEST_MARIADB_URL"}) {
    if (const char* url = std::getenv(name)) return url;
  }
  throw std::runtime_error(
      "set RELATE_BENCH_MARIADB_URL, or run through scripts/with-mariadb (bench/relate/run "
      "does)");
}

}  // namespace

int main(int argc, char** argv) {
  // An argument picks one scenario (1, 2 or 3), for profiling.
  const int only = argc > 1 ? std::atoi(argv[1]) : 0;
  const std::string url = server_url();
  relate::Database db(url);
  RawDb raw_db(relate::Url::parse(url));
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
  }

  if (only == 0 || only == 2) {  // 2. load 1,000 posts and every comment
    reset_schema(db);
    relate_insert(db, 100);
    std::vector<double> raw, orm;
    std::size_t raw_bytes = 0, orm_bytes = 0;
    raw_load_all(raw_db);  // warm-up: caches
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
    std::vector<double> raw, orm;
    std::size_t raw_bytes = 0, orm_bytes = 0;
    raw_get_many(raw_db, ids);  // warm-up: caches
    relate_get_many(db, ids);
    for (int r = 0; r < kRounds; ++r) {
      raw.push_back(seconds_of([&] { raw_bytes = raw_get_many(raw_db, ids); }));
      orm.push_back(seconds_of([&] { orm_bytes = relate_get_many(db, ids); }));
    }
    if (raw_bytes != orm_bytes) throw std::runtime_error("scenario 3 read different data");
    results.push_back({"10,000 x get a post in a fresh session and read its 20 comments",
                       median(raw), median(orm)});
  }

  std::printf("%-66s %10s %10s %8s\n", "relate vs raw Connector/C on MariaDB (median of rounds)",
              "raw ms", "relate ms", "ratio");
  for (const Result& r : results) {
    std::printf("%-66s %10.1f %10.1f %7.2fx\n", r.name, r.raw * 1e3, r.orm * 1e3, r.orm / r.raw);
  }
}
