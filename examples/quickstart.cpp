// relate in about 20 lines: two models, a one-to-many, a query.
#include <cstdio>
#include <optional>
#include <string>

#include "relate/relate.hpp"

struct Comment;
struct Post {
  std::int64_t id{};
  std::string title{};
  relate::HasMany<Comment> comments{};
};
struct Comment {
  std::int64_t id{};
  std::string content{};
  std::optional<std::int64_t> post_id{};
  relate::BelongsTo<Post> post{};
};
template <>
inline constexpr auto relate::model<Post> =
    relate::table<Post>("post", relate::column("id", &Post::id, relate::primary_key),
                        relate::column("title", &Post::title, relate::varchar(100)),
                        relate::relationship(&Post::comments, relate::backref(&Comment::post),
                                             relate::cascade("all, delete-orphan")));
template <>
inline constexpr auto relate::model<Comment> = relate::table<Comment>(
    "comment", relate::column("id", &Comment::id, relate::primary_key),
    relate::column("content", &Comment::content),
    relate::column("post_id", &Comment::post_id, relate::foreign_key(&Post::id)));

int main() {
  relate::Database db{"sqlite://"};  // in memory
  db.create_all<Post, Comment>();
  auto s = db.session();
  auto post = s.add(Post{.title = "Hello, relate"});
  s.add(Comment{.content = "First!", .post = post});
  s.commit();
  for (const auto& p : s.query<Post>().filter(relate::col(&Post::title).like("Hello%")).all()) {
    std::printf("%s: %zu comment(s)\n", p->title.c_str(), p->comments.size());
  }
}
