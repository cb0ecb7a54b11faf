// relate's loading strategies against hand-written sqlite3 code running the
// same statements, in one run: load 1,000 posts with their comments (10
// each) and tags (3 each, of 50, through an association table) and read
// them all, by
//   lazy      one SELECT per post and relationship (1 + 2 x 1,000 statements)
//   joined    one SELECT with LEFT OUTER JOINs
//   selectin  one SELECT per relationship for all posts, IN (...) in batches of 500
//   peers     lazy, but the first access loads the relationship for every post
// and, to see what peer loading costs when it guesses wrong, read the
// comments of one post of the thousand (lazy vs peers).
// Each measurement is the median of several rounds (BENCH_ROUNDS, default 5).

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "bench_models.hpp"
#include "raw_sqlite.hpp"

namespace lb {

struct Comment;
struct Tag;
struct Post {
  std::int64_t id{};
  std::string title{};
  std::string content{};
  relate::HasMany<Comment> comments{};
  relate::ManyToMany<Tag> tags{};
};
struct Comment {
  std::int64_t id{};
  std::string content{};
  std::int64_t post_id{};
};
struct Tag {
  std::int64_t id{};
  std::string name{};
};
inline constexpr auto post_tag =
    relate::association_table<Post, Tag>("post_tag", "post_id", "tag_id");

}  // namespace lb

template <>
inline constexpr auto relate::model<lb::Post> = relate::table<lb::Post>(
    "post", relate::column("id", &lb::Post::id, relate::primary_key),
    relate::column("title", &lb::Post::title), relate::column("content", &lb::Post::content),
    relate::relationship(&lb::Post::comments, relate::cascade("all, delete-orphan")),
    relate::relationship(&lb::Post::tags, relate::secondary(lb::post_tag)));
template <>
inline constexpr auto relate::model<lb::Comment> = relate::table<lb::Comment>(
    "comment", relate::column("id", &lb::Comment::id, relate::primary_key),
    relate::column("content", &lb::Comment::content),
    relate::column("post_id", &lb::Comment::post_id, relate::foreign_key(&lb::Post::id)));
template <>
inline constexpr auto relate::model<lb::Tag> =
    relate::table<lb::Tag>("tag", relate::column("id", &lb::Tag::id, relate::primary_key),
                           relate::column("name", &lb::Tag::name));

namespace {

using bench::median;
using bench::RawDb;
using bench::seconds_of;
using bench::text;
constexpr int kPosts = 1000;
constexpr int kCommentsPerPost = 10;
constexpr int kTags = 50;
constexpr std::size_t kBatch = 500;  // relate's IN (...) batch

// ------------------------------------------------------------- raw sqlite3

struct RawComment {
  std::int64_t id;
  std::string content;
  std::int64_t post_id;
};
struct RawTag {
  std::int64_t id;
  std::string name;
};
struct RawPost {
  std::int64_t id;
  std::string title;
  std::string content;
  std::vector<RawComment> comments;
  std::vector<const RawTag*> tags;
};
// What hand-written code keeps: posts, and each tag once.
struct RawResult {
  std::vector<RawPost> posts;
  std::map<std::int64_t, RawTag> tags;
  const RawTag* tag(sqlite3_stmt* s, int id_col, int name_col) {
    const std::int64_t id = sqlite3_column_int64(s, id_col);
    auto [it, added] = tags.try_emplace(id, RawTag{id, {}});
    if (added) it->second.name = text(s, name_col);
    return &it->second;
  }
};

const char* kPostsSql = "SELECT post.id, post.title, post.content FROM post";
const char* kCommentsOfSql =
    "SELECT comment.id, comment.content, comment.post_id FROM comment WHERE comment.post_id = ?";
const char* kTagsOfSql =
    "SELECT tag.id, tag.name FROM tag JOIN post_tag ON post_tag.tag_id = tag.id WHERE "
    "post_tag.post_id = ?";

void read_posts(RawDb& db, RawResult& out) {
  sqlite3_stmt* q = db.prepare(kPostsSql);
  while (sqlite3_step(q) == SQLITE_ROW)
    out.posts.push_back(RawPost{sqlite3_column_int64(q, 0), text(q, 1), text(q, 2), {}, {}});
  sqlite3_reset(q);
}

void read_comments(sqlite3_stmt* q, std::vector<RawComment>& out) {
  while (sqlite3_step(q) == SQLITE_ROW)
    out.push_back(RawComment{sqlite3_column_int64(q, 0), text(q, 1), sqlite3_column_int64(q, 2)});
  sqlite3_reset(q);
}

RawResult raw_lazy(RawDb& db) {
  RawResult r;
  read_posts(db, r);
  sqlite3_stmt* comments = db.prepare(kCommentsOfSql);
  sqlite3_stmt* tags = db.prepare(kTagsOfSql);
  for (RawPost& p : r.posts) {
    sqlite3_bind_int64(comments, 1, p.id);
    read_comments(comments, p.comments);
    sqlite3_bind_int64(tags, 1, p.id);
    while (sqlite3_step(tags) == SQLITE_ROW)
      p.tags.push_back(r.tag(tags, 0, 1));
    sqlite3_reset(tags);
  }
  return r;
}

std::string in_list(std::size_t n) {
  std::string out = "(";
  for (std::size_t i = 0; i < n; ++i)
    out += i ? ", ?" : "?";
  return out + ")";
}

RawResult raw_selectin(RawDb& db) {
  RawResult r;
  read_posts(db, r);
  std::unordered_map<std::int64_t, RawPost*> by_id;
  for (RawPost& p : r.posts)
    by_id[p.id] = &p;
  for (std::size_t begin = 0; begin < r.posts.size(); begin += kBatch) {
    const std::size_t n = std::min(kBatch, r.posts.size() - begin);
    sqlite3_stmt* comments = db.prepare(
        "SELECT comment.id, comment.content, comment.post_id FROM comment WHERE comment.post_id "
        "IN " +
        in_list(n));
    sqlite3_stmt* tags = db.prepare(
        "SELECT tag.id, tag.name, post_tag.post_id FROM tag JOIN post_tag ON post_tag.tag_id = "
        "tag.id WHERE post_tag.post_id IN " +
        in_list(n));
    for (std::size_t i = 0; i < n; ++i) {
      sqlite3_bind_int64(comments, static_cast<int>(i + 1), r.posts[begin + i].id);
      sqlite3_bind_int64(tags, static_cast<int>(i + 1), r.posts[begin + i].id);
    }
    while (sqlite3_step(comments) == SQLITE_ROW) {
      by_id[sqlite3_column_int64(comments, 2)]->comments.push_back(RawComment{
          sqlite3_column_int64(comments, 0), text(comments, 1), sqlite3_column_int64(comments, 2)});
    }
    sqlite3_reset(comments);
    while (sqlite3_step(tags) == SQLITE_ROW)
      by_id[sqlite3_column_int64(tags, 2)]->tags.push_back(r.tag(tags, 0, 1));
    sqlite3_reset(tags);
  }
  return r;
}

RawResult raw_joined(RawDb& db) {
  RawResult r;
  sqlite3_stmt* q = db.prepare(
      "SELECT post.id, post.title, post.content, j1.id, j1.content, j1.post_id, j2.id, j2.name "
      "FROM post LEFT OUTER JOIN comment AS j1 ON j1.post_id = post.id LEFT OUTER JOIN post_tag "
      "AS l2 ON l2.post_id = post.id LEFT OUTER JOIN tag AS j2 ON j2.id = l2.tag_id ORDER BY "
      "post.id");
  // Each post's rows come together: comments x tags, so each is kept once.
  std::set<std::int64_t> comments_seen, tags_seen;
  while (sqlite3_step(q) == SQLITE_ROW) {
    const std::int64_t id = sqlite3_column_int64(q, 0);
    if (r.posts.empty() || r.posts.back().id != id) {
      r.posts.push_back(RawPost{id, text(q, 1), text(q, 2), {}, {}});
      comments_seen.clear();
      tags_seen.clear();
    }
    RawPost& p = r.posts.back();
    if (sqlite3_column_type(q, 3) != SQLITE_NULL &&
        comments_seen.insert(sqlite3_column_int64(q, 3)).second) {
      p.comments.push_back(
          RawComment{sqlite3_column_int64(q, 3), text(q, 4), sqlite3_column_int64(q, 5)});
    }
    if (sqlite3_column_type(q, 6) != SQLITE_NULL &&
        tags_seen.insert(sqlite3_column_int64(q, 6)).second) {
      p.tags.push_back(r.tag(q, 6, 7));
    }
  }
  sqlite3_reset(q);
  return r;
}

std::size_t bytes_of(const RawResult& r) {
  std::size_t bytes = 0;
  for (const RawPost& p : r.posts) {
    for (const RawComment& c : p.comments)
      bytes += c.content.size();
    for (const RawTag* t : p.tags)
      bytes += t->name.size();
  }
  return bytes;
}

// ------------------------------------------------------------------ relate

std::size_t relate_read(relate::Session& s, const relate::Query<lb::Post>& query) {
  std::size_t bytes = 0;
  for (const auto& post : query.all()) {
    for (const auto& c : post->comments)
      bytes += c->content.size();
    for (const auto& t : post->tags)
      bytes += t->name.size();
  }
  (void)s;
  return bytes;
}

void fill(relate::Database& db) {
  db.drop_all<lb::Post, lb::Comment, lb::Tag>();
  db.create_all<lb::Post, lb::Comment, lb::Tag>();
  auto s = db.session();
  std::vector<relate::Ptr<lb::Tag>> tags;
  for (int t = 0; t < kTags; ++t)
    tags.push_back(s.add(lb::Tag{.name = "tag-" + std::to_string(t)}));
  for (int p = 0; p < kPosts; ++p) {
    auto post = s.add(lb::Post{.title = "Post " + std::to_string(p), .content = "Some content"});
    for (int c = 0; c < kCommentsPerPost; ++c)
      post->comments.append(relate::make(lb::Comment{.content = "Comment " + std::to_string(c)}));
    for (int t = 0; t < 3; ++t)
      post->tags.append(tags[static_cast<std::size_t>((p * 7 + t * 13) % kTags)]);
  }
  s.commit();
}

}  // namespace

int main() {
  const auto path = std::filesystem::temp_directory_path() / "relate-bench-loading.db";
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path.string() + suffix);
  relate::Database db("sqlite:///" + path.string());
  db.set_n_plus_one(relate::NPlusOne::off);  // the lazy rows are N+1 on purpose
  fill(db);
  RawDb raw(path.string());

  using relate::joinedload, relate::selectinload, relate::peerload;
  struct Strategy {
    const char* name;
    RawResult (*raw)(RawDb&);
    std::function<relate::Query<lb::Post>(relate::Session&)> query;
  };
  const std::vector<Strategy> strategies = {
      {"lazy (1 + 2,000 statements)", raw_lazy,
       [](relate::Session& s) { return s.query<lb::Post>(); }},
      {"joined (1 statement)", raw_joined,
       [](relate::Session& s) {
         return s.query<lb::Post>().options(joinedload(&lb::Post::comments),
                                            joinedload(&lb::Post::tags));
       }},
      {"selectin (1 + 2 x 2 statements)", raw_selectin,
       [](relate::Session& s) {
         return s.query<lb::Post>().options(selectinload(&lb::Post::comments),
                                            selectinload(&lb::Post::tags));
       }},
      {"peers (1 + 2 x 2; raw: the selectin code)", raw_selectin,
       [](relate::Session& s) {
         return s.query<lb::Post>().options(peerload(&lb::Post::comments),
                                            peerload(&lb::Post::tags));
       }},
  };
  const int rounds = bench::rounds();
  std::printf("%-58s %9s %9s %7s\n", "1,000 posts x (10 comments + 3 tags), read all", "raw ms",
              "relate ms", "ratio");
  for (const Strategy& strategy : strategies) {
    std::vector<double> raw_times, orm_times;
    std::size_t raw_bytes = 0, orm_bytes = 0;
    for (int r = 0; r < rounds; ++r) {
      raw_times.push_back(seconds_of([&] { raw_bytes = bytes_of(strategy.raw(raw)); }));
      orm_times.push_back(seconds_of([&] {
        auto s = db.session();
        orm_bytes = relate_read(s, strategy.query(s));
      }));
    }
    if (raw_bytes != orm_bytes) throw std::runtime_error("relate and raw read different data");
    std::printf("%-58s %9.2f %9.2f %6.2fx\n", strategy.name, median(raw_times) * 1e3,
                median(orm_times) * 1e3, median(orm_times) / median(raw_times));
  }

  // When only one post of the result is read, peer loading loads for all.
  std::vector<double> lazy_one, peers_one;
  for (int r = 0; r < rounds; ++r) {
    for (const bool peers : {false, true}) {
      const double t = seconds_of([&] {
        auto s = db.session();
        auto posts = peers ? s.query<lb::Post>().options(peerload(&lb::Post::comments)).all()
                           : s.query<lb::Post>().all();
        if (posts[500]->comments.size() != kCommentsPerPost) throw std::runtime_error("bad data");
      });
      (peers ? peers_one : lazy_one).push_back(t);
    }
  }
  std::printf("%-58s %9.2f %9.2f %6.2fx\n", "read one post's comments of 1,000: lazy vs peers",
              median(lazy_one) * 1e3, median(peers_one) * 1e3,
              median(peers_one) / median(lazy_one));
}
