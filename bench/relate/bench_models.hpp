#pragma once
// What relate's benchmarks share: the seed's Post/Comment models and the
// timing harness. Each benchmark compares relate with hand-written code on
// the database's C API doing the same work, in one run.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "relate/relate.hpp"

namespace bench {

struct Comment;
struct Post {
  std::int64_t id{};
  std::string title{};
  std::string content{};
  relate::HasMany<Comment> comments{};
};
struct Comment {
  std::int64_t id{};
  std::string content{};
  std::optional<std::int64_t> post_id{};
  relate::BelongsTo<Post> post{};
};

// The plain structs hand-written code would fill.
struct RawPost {
  std::int64_t id;
  std::string title;
  std::string content;
};
struct RawComment {
  std::int64_t id;
  std::string content;
  std::optional<std::int64_t> post_id;
};

constexpr int kPosts = 1000;

// Rounds per scenario (BENCH_ROUNDS, default 5); the median is reported.
inline int rounds() {
  const char* text = std::getenv("BENCH_ROUNDS");
  return text ? std::max(1, std::atoi(text)) : 5;
}

inline double seconds_of(const std::function<void()>& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

struct Result {
  const char* name;
  double raw;
  double orm;
};

}  // namespace bench

template <>
inline constexpr auto relate::model<bench::Post> = relate::table<bench::Post>(
    "post", relate::column("id", &bench::Post::id, relate::primary_key),
    relate::column("title", &bench::Post::title, relate::varchar(100)),
    relate::column("content", &bench::Post::content),
    relate::relationship(&bench::Post::comments, relate::backref(&bench::Comment::post),
                         relate::cascade("all, delete-orphan")));
template <>
inline constexpr auto relate::model<bench::Comment> = relate::table<bench::Comment>(
    "comment", relate::column("id", &bench::Comment::id, relate::primary_key),
    relate::column("content", &bench::Comment::content),
    relate::column("post_id", &bench::Comment::post_id, relate::foreign_key(&bench::Post::id)));

namespace bench {

// ---- relate's side, the same on every backend

inline void relate_insert(relate::Database& db, int comments_per_post) {
  auto s = db.session();
  for (int p = 0; p < kPosts; ++p) {
    auto post = s.add(Post{.title = "Post " + std::to_string(p), .content = "Some content"});
    for (int c = 0; c < comments_per_post; ++c) {
      s.add(Comment{.content = "Comment " + std::to_string(c), .post = post});
    }
  }
  s.commit();
}

inline std::size_t relate_load_all(relate::Database& db) {
  auto s = db.session();
  s.set_n_plus_one(relate::NPlusOne::off);  // lazy, one post at a time, on purpose
  std::size_t bytes = 0;
  for (const auto& post : s.query<Post>().all()) {
    for (const auto& c : post->comments)
      bytes += c->content.size();
  }
  return bytes;
}

// Scenario 4: every post with its number of comments, one grouped statement
// (the SQL both sides run).
constexpr const char* kCommentCountsSql =
    "SELECT post.id, post.title, count(comment.id) FROM post LEFT OUTER JOIN comment ON "
    "comment.post_id = post.id GROUP BY post.id, post.title ORDER BY post.id";
using CommentCounts = std::vector<std::tuple<std::int64_t, std::string, std::int64_t>>;
// The sum of the counts and the titles' lengths: what both sides must agree on.
inline std::int64_t check_of(const CommentCounts& rows) {
  std::int64_t check = 0;
  for (const auto& [id, title, n] : rows)
    check += n + static_cast<std::int64_t>(title.size()) + (id > 0 ? 0 : 1);
  return check;
}
inline std::int64_t relate_comment_counts(relate::Database& db) {
  using relate::col;
  auto s = db.session();
  return check_of(s.select(col(&Post::id), col(&Post::title), relate::count(col(&Comment::id)))
                      .outer_join(&Post::comments)
                      .group_by(col(&Post::id), col(&Post::title))
                      .order_by(relate::asc(&Post::id))
                      .all());
}

inline std::size_t relate_get_many(relate::Database& db, const std::vector<std::int64_t>& ids) {
  std::size_t bytes = 0;
  for (std::int64_t id : ids) {
    auto s = db.session();
    auto post = s.get<Post>(id);
    for (const auto& c : post->comments)
      bytes += c->content.size();
  }
  return bytes;
}

inline void reset_schema(relate::Database& db) {
  db.drop_all<Post, Comment>();
  db.create_all<Post, Comment>();
}

}  // namespace bench
