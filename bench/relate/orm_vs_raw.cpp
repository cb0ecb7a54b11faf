// relate against hand-written code on the raw sqlite3 C API doing the same
// work with the same pragmas, in one run:
//   1. insert 100,000 comments across 1,000 posts in one transaction;
//   2. load 1,000 posts and read every comment (lazy loading);
//   3. 10,000 times: get a post by id in a fresh session, read its 20 comments;
//   4. 1,000 posts with their comment counts (100,000 comments), one grouped
//      statement, 20 times a round.
// Each scenario runs several rounds, alternating raw and relate; the median
// of each is reported with the ratio relate/raw.

#include <cstdio>
#include <filesystem>
#include <random>
#include <stdexcept>

#include "bench_models.hpp"
#include "raw_sqlite.hpp"

namespace {

using namespace bench;
const int kRounds = rounds();

// ------------------------------------------------------------- raw sqlite3

void raw_insert(const std::string& path, int comments_per_post) {
  RawDb db(path);
  sqlite3_stmt* post = db.prepare("INSERT INTO post (title, content) VALUES (?, ?)");
  sqlite3_stmt* comment = db.prepare("INSERT INTO comment (content, post_id) VALUES (?, ?)");
  db.exec("BEGIN IMMEDIATE");
  for (int p = 0; p < kPosts; ++p) {
    const std::string title = "Post " + std::to_string(p);
    sqlite3_bind_text(post, 1, title.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(post, 2, "Some content", -1, SQLITE_TRANSIENT);
    check(sqlite3_step(post), db.handle());
    sqlite3_reset(post);
    const std::int64_t post_id = sqlite3_last_insert_rowid(db.handle());
    for (int c = 0; c < comments_per_post; ++c) {
      const std::string content = "Comment " + std::to_string(c);
      sqlite3_bind_text(comment, 1, content.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(comment, 2, post_id);
      check(sqlite3_step(comment), db.handle());
      sqlite3_reset(comment);
    }
  }
  db.exec("COMMIT");
}

std::vector<RawComment> raw_comments_of(sqlite3_stmt* q, std::int64_t post_id) {
  std::vector<RawComment> out;
  sqlite3_bind_int64(q, 1, post_id);
  while (sqlite3_step(q) == SQLITE_ROW) {
    out.push_back(RawComment{sqlite3_column_int64(q, 0), text(q, 1),
                             sqlite3_column_type(q, 2) == SQLITE_NULL
                                 ? std::nullopt
                                 : std::optional<std::int64_t>{sqlite3_column_int64(q, 2)}});
  }
  sqlite3_reset(q);
  return out;
}

std::size_t raw_load_all(const std::string& path) {
  RawDb db(path);
  sqlite3_stmt* posts = db.prepare("SELECT post.id, post.title, post.content FROM post");
  sqlite3_stmt* comments = db.prepare(
      "SELECT comment.id, comment.content, comment.post_id FROM comment WHERE comment.post_id = ?");
  std::vector<RawPost> all;
  while (sqlite3_step(posts) == SQLITE_ROW) {
    all.push_back(RawPost{sqlite3_column_int64(posts, 0), text(posts, 1), text(posts, 2)});
  }
  sqlite3_reset(posts);
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

std::size_t raw_get_many(const std::string& path, const std::vector<std::int64_t>& ids) {
  RawDb db(path);
  sqlite3_stmt* post =
      db.prepare("SELECT post.id, post.title, post.content FROM post WHERE post.id = ?");
  sqlite3_stmt* comments = db.prepare(
      "SELECT comment.id, comment.content, comment.post_id FROM comment WHERE comment.post_id = ?");
  std::size_t bytes = 0;
  for (std::int64_t id : ids) {
    sqlite3_bind_int64(post, 1, id);
    if (sqlite3_step(post) != SQLITE_ROW) throw std::runtime_error("missing post");
    RawPost p{sqlite3_column_int64(post, 0), text(post, 1), text(post, 2)};
    sqlite3_reset(post);
    for (const RawComment& c : raw_comments_of(comments, p.id))
      bytes += c.content.size();
  }
  return bytes;
}

std::int64_t raw_comment_counts(const std::string& path) {
  RawDb db(path);
  sqlite3_stmt* q = db.prepare(kCommentCountsSql);
  CommentCounts rows;
  while (sqlite3_step(q) == SQLITE_ROW)
    rows.emplace_back(sqlite3_column_int64(q, 0), text(q, 1), sqlite3_column_int64(q, 2));
  sqlite3_reset(q);
  return check_of(rows);
}

// ----------------------------------------------------------------- harness

std::string fresh_path(const std::string& name) {
  const auto path = std::filesystem::temp_directory_path() / ("relate-bench-" + name + ".db");
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path.string() + suffix);
  return path.string();
}

}  // namespace

int main(int argc, char** argv) {
  // An argument picks one scenario (1 to 4), for profiling.
  const int only = argc > 1 ? std::atoi(argv[1]) : 0;
  std::vector<Result> results;

  if (only == 0 || only == 1) {  // 1. 100,000 inserts in one transaction
    const std::string path = fresh_path("insert");
    relate::Database db("sqlite:///" + path);
    std::vector<double> raw, orm;
    for (int r = 0; r < kRounds; ++r) {
      reset_schema(db);
      raw.push_back(seconds_of([&] { raw_insert(path, 100); }));
      reset_schema(db);
      orm.push_back(seconds_of([&] { relate_insert(db, 100); }));
    }
    results.push_back(
        {"insert 100,000 comments across 1,000 posts (one transaction)", median(raw), median(orm)});
  }

  if (only == 0 || only == 2) {  // 2. load 1,000 posts and every comment
    const std::string path = fresh_path("load");
    relate::Database db("sqlite:///" + path);
    reset_schema(db);
    relate_insert(db, 100);
    std::vector<double> raw, orm;
    std::size_t raw_bytes = 0, orm_bytes = 0;
    for (int r = 0; r < kRounds; ++r) {
      raw.push_back(seconds_of([&] { raw_bytes = raw_load_all(path); }));
      orm.push_back(seconds_of([&] { orm_bytes = relate_load_all(db); }));
    }
    if (raw_bytes != orm_bytes) throw std::runtime_error("scenario 2 read different data");
    results.push_back(
        {"load 1,000 posts and read all 100,000 comments (lazy)", median(raw), median(orm)});
  }

  if (only == 0 || only == 3) {  // 3. 10,000 x (fresh session, get a post, read its 20 comments)
    const std::string path = fresh_path("get");
    relate::Database db("sqlite:///" + path);
    reset_schema(db);
    relate_insert(db, 20);
    std::mt19937 rng(42);
    std::uniform_int_distribution<std::int64_t> pick(1, kPosts);
    std::vector<std::int64_t> ids(10'000);
    for (auto& id : ids)
      id = pick(rng);
    std::vector<double> raw, orm;
    std::size_t raw_bytes = 0, orm_bytes = 0;
    for (int r = 0; r < kRounds; ++r) {
      raw.push_back(seconds_of([&] { raw_bytes = raw_get_many(path, ids); }));
      orm.push_back(seconds_of([&] { orm_bytes = relate_get_many(db, ids); }));
    }
    if (raw_bytes != orm_bytes) throw std::runtime_error("scenario 3 read different data");
    results.push_back({"10,000 x get a post in a fresh session and read its 20 comments",
                       median(raw), median(orm)});
  }

  if (only == 0 || only == 4) {  // 4. posts with comment counts, one grouped statement
    const std::string path = fresh_path("grouped");
    relate::Database db("sqlite:///" + path);
    reset_schema(db);
    relate_insert(db, 100);
    std::vector<double> raw, orm;
    std::int64_t raw_check = 0, orm_check = 0;
    for (int r = 0; r < kRounds; ++r) {
      raw.push_back(seconds_of([&] {
        for (int i = 0; i < 20; ++i)
          raw_check = raw_comment_counts(path);
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

  std::printf("%-66s %10s %10s %8s\n", "relate vs raw sqlite3 (median of rounds)", "raw ms",
              "relate ms", "ratio");
  for (const Result& r : results) {
    std::printf("%-66s %10.1f %10.1f %7.2fx\n", r.name, r.raw * 1e3, r.orm * 1e3, r.orm / r.raw);
  }
}
