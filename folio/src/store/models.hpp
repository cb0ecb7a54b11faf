#pragma once
// Folio's data model (DESIGN.md section 5), declared with relate: users
// write posts, posts have comments (deleted with their post, and when taken
// out of it: seed 000's cascade="all, delete-orphan").

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "relate/relate.hpp"
#include "store/limits.hpp"

namespace folio {

using Clock = std::chrono::system_clock;
using Time = Clock::time_point;

struct Post;
struct Comment;

struct User {
  std::int64_t id{};
  std::string username{};
  std::string display_name{};
  std::string password_hash{};  // Argon2id, libsodium's string form
  bool is_admin{};
  Time created_at{};
  relate::HasMany<Post> posts{};
};

struct Post {
  std::int64_t id{};
  std::optional<std::int64_t> author_id{};  // the tutorial's sample posts have no author
  std::string title{};
  std::string slug{};
  std::string content{};  // Markdown
  bool published{true};
  Time created_at{};
  Time updated_at{};
  relate::BelongsTo<User> author{};
  relate::HasMany<Comment> comments{};
};

struct Comment {
  std::int64_t id{};
  std::int64_t post_id{};
  std::string author{};  // empty: shown as "Anonymous"
  std::optional<std::string> website{};
  std::string content{};
  Time created_at{};
  relate::BelongsTo<Post> post{};
};

// The generation of a user's sessions (see BlogStore::end_sessions), added
// by revision 0002. No row: generation 0.
struct SessionGeneration {
  std::int64_t id{};
  std::int64_t user_id{};
  std::int64_t generation{};
};

}  // namespace folio

template <>
inline constexpr auto relate::model<folio::User> = relate::table<folio::User>(
    "user", relate::column("id", &folio::User::id, relate::primary_key),
    relate::column("username", &folio::User::username, relate::varchar(folio::kUsernameMax),
                   relate::unique),
    relate::column("display_name", &folio::User::display_name, relate::varchar(128)),
    relate::column("password_hash", &folio::User::password_hash),
    relate::column("is_admin", &folio::User::is_admin, relate::default_value(false)),
    relate::column("created_at", &folio::User::created_at, relate::default_now),
    relate::relationship(&folio::User::posts, relate::backref(&folio::Post::author)));

template <>
inline constexpr auto relate::model<folio::Post> = relate::table<folio::Post>(
    "post", relate::column("id", &folio::Post::id, relate::primary_key),
    relate::column("author_id", &folio::Post::author_id,
                   relate::foreign_key(&folio::User::id, relate::OnDelete::set_null)),
    relate::column("title", &folio::Post::title, relate::varchar(folio::kTitleMax)),
    relate::column("slug", &folio::Post::slug, relate::varchar(120), relate::indexed),
    relate::column("content", &folio::Post::content),
    relate::column("published", &folio::Post::published, relate::default_value(true)),
    relate::column("created_at", &folio::Post::created_at, relate::default_now),
    relate::column("updated_at", &folio::Post::updated_at, relate::default_now),
    relate::relationship(&folio::Post::comments, relate::backref(&folio::Comment::post),
                         relate::cascade("all, delete-orphan"),
                         relate::order_by(&folio::Comment::id)));

template <>
inline constexpr auto relate::model<folio::Comment> = relate::table<folio::Comment>(
    "comment", relate::column("id", &folio::Comment::id, relate::primary_key),
    relate::column("post_id", &folio::Comment::post_id,
                   relate::foreign_key(&folio::Post::id, relate::OnDelete::cascade),
                   relate::indexed),
    relate::column("author", &folio::Comment::author, relate::varchar(folio::kAuthorMax)),
    relate::column("website", &folio::Comment::website, relate::varchar(folio::kWebsiteMax)),
    relate::column("content", &folio::Comment::content),
    relate::column("created_at", &folio::Comment::created_at, relate::default_now));

template <>
inline constexpr auto relate::model<folio::SessionGeneration> =
    relate::table<folio::SessionGeneration>(
        "session_generation",
        relate::column("id", &folio::SessionGeneration::id, relate::primary_key),
        relate::column("user_id", &folio::SessionGeneration::user_id,
                       relate::foreign_key(&folio::User::id, relate::OnDelete::cascade),
                       relate::unique),
        relate::column("generation", &folio::SessionGeneration::generation,
                       relate::default_value(std::int64_t{0})));
