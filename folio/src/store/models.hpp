#pragma once
// Folio's data model (DESIGN.md section 5), declared with relate, all four
// relationship kinds: users write posts (one-to-many) and have a profile
// (one-to-one), posts have comments (deleted with their post, and when taken
// out of it: seed 000's cascade="all, delete-orphan") and tags (many-to-many
// through post_tag).

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
struct Profile;
struct Tag;

// The values of User::role, Post::status and Comment::status.
namespace role {
inline constexpr const char* admin = "admin";    // writes and edits every post, moderates
inline constexpr const char* author = "author";  // writes and edits their own posts
}  // namespace role
namespace post_status {
inline constexpr const char* draft = "draft";  // seen only by its author and admins
inline constexpr const char* published = "published";
}  // namespace post_status
namespace comment_status {
inline constexpr const char* visible = "visible";
inline constexpr const char* pending = "pending";  // awaiting moderation: admins only
}  // namespace comment_status

struct User {
  std::int64_t id{};
  std::string username{};
  std::string display_name{};
  std::string password_hash{};  // Argon2id, libsodium's string form
  std::string role{role::author};
  Time created_at{};
  relate::HasMany<Post> posts{};
  relate::HasOne<Profile> profile{};
};

// What an author tells readers about themselves (one-to-one with User).
struct Profile {
  std::int64_t id{};
  std::int64_t user_id{};
  std::string bio{};
  std::optional<std::string> website{};
  relate::BelongsTo<User> user{};
};

struct Tag {
  std::int64_t id{};
  std::string name{};
  std::string slug{};
  relate::ManyToMany<Post> posts{};
};

struct Post {
  std::int64_t id{};
  std::optional<std::int64_t> author_id{};  // the tutorial's sample posts have no author
  std::string title{};
  std::string slug{};
  std::string content{};  // Markdown
  // The content as HTML (util/markdown.hpp), written with it (set_content); null for a row
  // written otherwise, which readers then render (store_support.hpp's post_view).
  std::optional<std::string> content_html{};
  std::string status{post_status::published};
  std::optional<Time> published_at{};  // when it was first published
  Time created_at{};
  Time updated_at{};
  relate::BelongsTo<User> author{};
  relate::HasMany<Comment> comments{};
  relate::ManyToMany<Tag> tags{};
};

struct Comment {
  std::int64_t id{};
  std::int64_t post_id{};
  std::string author{};  // empty: shown as "Anonymous"
  std::optional<std::string> website{};
  std::string content{};
  std::string status{comment_status::visible};
  // Who wrote it, as far as the blog can tell: the random id in the
  // commenter's cookie (see site/commenter_key.hpp). Moderation "first"
  // trusts a key once a comment of it was approved.
  std::optional<std::string> commenter_key{};
  Time created_at{};
  relate::BelongsTo<Post> post{};
};

// The search page's index of the posts' words (revision 0006).
inline constexpr auto post_search =
    relate::fulltext_index("ix_post_search", &Post::title, &Post::content);

inline constexpr auto post_tag =
    relate::association_table<Post, Tag>("post_tag", "post_id", "tag_id");

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
    relate::column("role", &folio::User::role, relate::varchar(16),
                   relate::default_value(folio::role::author)),
    relate::column("created_at", &folio::User::created_at, relate::default_now),
    relate::relationship(&folio::User::posts, relate::backref(&folio::Post::author)),
    relate::relationship(&folio::User::profile, relate::backref(&folio::Profile::user),
                         relate::cascade("all, delete-orphan")));

template <>
inline constexpr auto relate::model<folio::Profile> = relate::table<folio::Profile>(
    "profile", relate::column("id", &folio::Profile::id, relate::primary_key),
    relate::column("user_id", &folio::Profile::user_id,
                   relate::foreign_key(&folio::User::id, relate::OnDelete::cascade),
                   relate::unique),
    relate::column("bio", &folio::Profile::bio),
    relate::column("website", &folio::Profile::website, relate::varchar(folio::kWebsiteMax)));

template <>
inline constexpr auto relate::model<folio::Tag> = relate::table<folio::Tag>(
    "tag", relate::column("id", &folio::Tag::id, relate::primary_key),
    relate::column("name", &folio::Tag::name, relate::varchar(folio::kTagMax), relate::unique),
    relate::column("slug", &folio::Tag::slug, relate::varchar(folio::kTagMax), relate::unique));

template <>
inline constexpr auto relate::model<folio::Post> = relate::table<folio::Post>(
    "post", relate::column("id", &folio::Post::id, relate::primary_key),
    relate::column("author_id", &folio::Post::author_id,
                   relate::foreign_key(&folio::User::id, relate::OnDelete::set_null)),
    relate::column("title", &folio::Post::title, relate::varchar(folio::kTitleMax)),
    relate::column("slug", &folio::Post::slug, relate::varchar(folio::kSlugMax), relate::unique),
    relate::column("content", &folio::Post::content),
    relate::column("content_html", &folio::Post::content_html),
    relate::column("status", &folio::Post::status, relate::varchar(16),
                   relate::default_value(folio::post_status::published)),
    relate::column("published_at", &folio::Post::published_at, relate::indexed),
    relate::column("created_at", &folio::Post::created_at, relate::default_now),
    relate::column("updated_at", &folio::Post::updated_at, relate::default_now),
    relate::relationship(&folio::Post::comments, relate::backref(&folio::Comment::post),
                         relate::cascade("all, delete-orphan"),
                         relate::order_by(&folio::Comment::id)),
    relate::relationship(&folio::Post::tags, relate::secondary(folio::post_tag),
                         relate::backref(&folio::Tag::posts), relate::order_by(&folio::Tag::name)),
    folio::post_search);

template <>
inline constexpr auto relate::model<folio::Comment> = relate::table<folio::Comment>(
    "comment", relate::column("id", &folio::Comment::id, relate::primary_key),
    relate::column("post_id", &folio::Comment::post_id,
                   relate::foreign_key(&folio::Post::id, relate::OnDelete::cascade),
                   relate::indexed),
    relate::column("author", &folio::Comment::author, relate::varchar(folio::kAuthorMax)),
    relate::column("website", &folio::Comment::website, relate::varchar(folio::kWebsiteMax)),
    relate::column("content", &folio::Comment::content),
    relate::column("status", &folio::Comment::status, relate::varchar(16),
                   relate::default_value(folio::comment_status::visible)),
    relate::column("commenter_key", &folio::Comment::commenter_key, relate::varchar(64),
                   relate::indexed),
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

// A bearer token for the JSON API (revision 0005). Only a hash of the token
// is stored (util/api_token.hpp); revoking one deletes its row.
namespace folio {
struct ApiToken {
  std::int64_t id{};
  std::int64_t user_id{};
  std::string name{};
  std::string token_hash{};  // hex SHA-256 of the token
  Time created_at{};
  std::optional<Time> last_used_at{};
};
}  // namespace folio

template <>
inline constexpr auto relate::model<folio::ApiToken> = relate::table<folio::ApiToken>(
    "api_token", relate::column("id", &folio::ApiToken::id, relate::primary_key),
    relate::column("user_id", &folio::ApiToken::user_id,
                   relate::foreign_key(&folio::User::id, relate::OnDelete::cascade),
                   relate::indexed),
    relate::column("name", &folio::ApiToken::name, relate::varchar(folio::kTokenNameMax)),
    relate::column("token_hash", &folio::ApiToken::token_hash, relate::varchar(64), relate::unique),
    relate::column("created_at", &folio::ApiToken::created_at, relate::default_now),
    relate::column("last_used_at", &folio::ApiToken::last_used_at));
