// Seed 002 (DigitalOcean's "One-to-Many Relationships with Flask-SQLAlchemy"),
// step 2, with relate: the Post and Comment models, init_db.py, and the
// `flask shell` loop that prints every post with its comments.
//
// Usage: seed_002 [database-url]   (default: sqlite:///database.db)

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "relate/relate.hpp"

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

// comments = db.relationship('Comment', backref='post')
template <>
inline constexpr auto relate::model<Post> =
    relate::table<Post>("post", relate::column("id", &Post::id, relate::primary_key),
                        relate::column("title", &Post::title, relate::varchar(100)),
                        relate::column("content", &Post::content),
                        relate::relationship(&Post::comments, relate::backref(&Comment::post)));

// post_id = db.Column(db.Integer, db.ForeignKey('post.id'))
template <>
inline constexpr auto relate::model<Comment> = relate::table<Comment>(
    "comment", relate::column("id", &Comment::id, relate::primary_key),
    relate::column("content", &Comment::content),
    relate::column("post_id", &Comment::post_id, relate::foreign_key(&Post::id)));

int main(int argc, char** argv) {
  relate::Database db{argc > 1 ? argv[1] : "sqlite:///database.db"};
  db.drop_all<Post, Comment>();
  db.create_all<Post, Comment>();

  {  // init_db.py
    auto s = db.session();
    auto post1 =
        relate::make(Post{.title = "Post The First", .content = "Content for the first post"});
    auto post2 =
        relate::make(Post{.title = "Post The Second", .content = "Content for the Second post"});
    auto post3 =
        relate::make(Post{.title = "Post The Third", .content = "Content for the third post"});

    auto comment1 = relate::make(Comment{.content = "Comment for the first post", .post = post1});
    auto comment2 = relate::make(Comment{.content = "Comment for the second post", .post = post2});
    auto comment3 =
        relate::make(Comment{.content = "Another comment for the second post", .post_id = 2});
    auto comment4 =
        relate::make(Comment{.content = "Another comment for the first post", .post_id = 1});

    s.add_all({post1, post2, post3});
    s.add_all({comment1, comment2, comment3, comment4});
    s.commit();
  }

  // flask shell
  auto s = db.session();
  for (const auto& post : s.query<Post>().all()) {
    std::printf("## %s\n", post->title.c_str());
    for (const auto& comment : post->comments)
      std::printf("> %s\n", comment->content.c_str());
    std::printf("----\n");
  }
}
