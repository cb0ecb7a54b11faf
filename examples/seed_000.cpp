// Seeds 000/001 ("One to Many Relationships with Flask-SQLAlchemy"): Post
// and Comments with backref="post", cascade="all, delete-orphan" and
// lazy="dynamic"; the single-post page; appending a comment to
// post.comments.
//
// Usage: seed_000 [database-url]   (default: sqlite:///seed_000.db)

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "relate/relate.hpp"

struct Comments;

struct Post {
  std::int64_t id{};
  std::optional<std::string> author{};
  std::string title{};
  std::optional<std::string> content{};
  relate::DynamicMany<Comments> comments{};  // lazy='dynamic'
};

struct Comments {
  std::int64_t id{};
  std::string author{};
  std::optional<std::string> website{};
  std::string content{};
  std::optional<std::int64_t> post_id{};
  relate::BelongsTo<Post> post{};
};

template <>
inline constexpr auto relate::model<Post> =
    relate::table<Post>("post", relate::column("id", &Post::id, relate::primary_key),
                        relate::column("author", &Post::author, relate::varchar(255)),
                        relate::column("title", &Post::title, relate::varchar(255)),
                        relate::column("content", &Post::content),
                        relate::relationship(&Post::comments, relate::backref(&Comments::post),
                                             relate::cascade("all, delete-orphan")));

template <>
inline constexpr auto relate::model<Comments> = relate::table<Comments>(
    "comments", relate::column("id", &Comments::id, relate::primary_key),
    relate::column("author", &Comments::author, relate::varchar(128)),
    relate::column("website", &Comments::website, relate::varchar(255)),
    relate::column("content", &Comments::content),
    relate::column("post_id", &Comments::post_id, relate::foreign_key(&Post::id)));

// controller.py's single_post and single_post.html.
void single_post(relate::Session& s, std::int64_t id) {
  auto post = s.get<Post>(id);
  if (!post) {
    std::printf("404 Not Found\n");
    return;
  }
  std::printf("%s\n%s\n", post->title.c_str(), post->content.value_or("").c_str());
  for (const auto& comment : post->comments.all()) {
    std::printf("  %s: %s\n", comment->author.c_str(), comment->content.c_str());
  }
}

int main(int argc, char** argv) {
  relate::Database db{argc > 1 ? argv[1] : "sqlite:///seed_000.db"};
  db.drop_all<Post, Comments>();
  db.create_all<Post, Comments>();
  auto s = db.session();

  auto post =
      s.add(Post{.author = "Leo", .title = "Flask relationships", .content = "One to many"});
  s.commit();

  // >>> post = Post.query.get(post_id)
  // >>> comment = Comments(author='Leo', website='flask.com', content='flask-sqlalchemy example',
  // post_id=post_id)
  // >>> post.comments.append(comment)
  // >>> db.session.add(post)
  // >>> db.session.commit()
  auto comment = relate::make(Comments{.author = "Leo",
                                       .website = "flask.com",
                                       .content = "flask-sqlalchemy example",
                                       .post_id = post->id});
  post->comments.append(comment);
  post->comments.append(relate::make(Comments{.author = "Ada", .content = "Nice post"}));
  s.add(post);
  s.commit();
  single_post(s, post->id);
  single_post(s, 99);

  // lazy='dynamic': a query to refine, not a list.
  std::printf("comments by Leo: %lld\n",
              static_cast<long long>(
                  post->comments.filter(relate::col(&Comments::author) == "Leo").count()));

  // delete-orphan: a comment taken out of post.comments is deleted.
  post->comments.remove(comment);
  s.commit();
  std::printf("after removing one: %lld comment(s)\n",
              static_cast<long long>(s.query<Comments>().count()));

  // cascade delete: deleting the post deletes its comments.
  s.remove(post);
  s.commit();
  std::printf("after deleting the post: %lld post(s), %lld comment(s)\n",
              static_cast<long long>(s.query<Post>().count()),
              static_cast<long long>(s.query<Comments>().count()));
}
