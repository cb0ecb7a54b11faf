// Seed 004 ("Flask by Example: SQLAlchemy Relationship Mapping"): User has
// many Posts with backref='author' and lazy=True (select loading), and the
// N+1 query problem that lazy loading can cause.
//
// Usage: seed_004 [database-url]   (default: sqlite:///seed_004.db)

#include <cstdint>
#include <cstdio>
#include <string>

#include "relate/relate.hpp"

struct Post;

struct User {
  std::int64_t id{};
  std::string name{};
  relate::HasMany<Post> posts{};  // lazy=True: loaded on first access
};

struct Post {
  std::int64_t id{};
  std::string title{};
  std::int64_t user_id{};  // nullable=False
  relate::BelongsTo<User> author{};
};

template <>
inline constexpr auto relate::model<User> =
    relate::table<User>("user", relate::column("id", &User::id, relate::primary_key),
                        relate::column("name", &User::name, relate::varchar(50)),
                        relate::relationship(&User::posts, relate::backref(&Post::author)));

template <>
inline constexpr auto relate::model<Post> =
    relate::table<Post>("post", relate::column("id", &Post::id, relate::primary_key),
                        relate::column("title", &Post::title, relate::varchar(100)),
                        relate::column("user_id", &Post::user_id, relate::foreign_key(&User::id)));

int main(int argc, char** argv) {
  relate::Database db{argc > 1 ? argv[1] : "sqlite:///seed_004.db"};
  db.drop_all<User, Post>();
  db.create_all<User, Post>();

  {
    auto s = db.session();
    // u = User(name='John'); p1 = Post(title='My First Post', author=u)
    auto u = relate::make(User{.name = "John"});
    auto p1 = relate::make(Post{.title = "My First Post", .author = u});
    s.add(u);
    s.add(p1);
    s.commit();

    std::printf("[");  // print(u.posts)
    for (const auto& p : u->posts)
      std::printf("<Post \"%s\">", p->title.c_str());
    std::printf("]\n");
    std::printf("%s\n", p1->author->name.c_str());  // print(p1.author.name)

    for (const char* name : {"Ada", "Grace"}) {
      auto user = s.add(User{.name = name});
      s.add(Post{.title = std::string(name) + "'s post", .author = user});
    }
    s.commit();
  }

  // The N+1 problem: one query for the users, then one per user for posts.
  auto s = db.session();
  const auto before = s.statement_count();
  for (const auto& user : s.query<User>().all()) {
    std::printf("%s: %zu post(s)\n", user->name.c_str(), user->posts.size());
  }
  std::printf("statements: %llu (1 for the users + 1 per user)\n",
              static_cast<unsigned long long>(s.statement_count() - before));
}
