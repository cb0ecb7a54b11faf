#pragma once
// Models shared by relate's tests: the seeds' Post/Comment with a backref and
// "all, delete-orphan" (seed 000), a back_populates pair without delete
// cascade, a dynamic relationship, and a model with every column type.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "relate/relate.hpp"

namespace models {

struct Comment;

struct Post {
  std::int64_t id{};
  std::string title{};
  std::string content{};
  relate::HasMany<Comment> comments{};
};

struct Comment {
  std::int64_t id{};
  std::string author{};
  std::optional<std::string> website{};
  std::string content{};
  std::optional<std::int64_t> post_id{};
  relate::BelongsTo<Post> post{};
};

// Seed 003's Parent/Child: both sides declared, no delete cascade.
struct Child;
struct Parent {
  std::int64_t id{};
  std::string name{};
  relate::HasMany<Child> children{};
};
struct Child {
  std::int64_t id{};
  std::string name{};
  std::optional<std::int64_t> parent_id{};
  relate::BelongsTo<Parent> parent{};
};

// Seed 000's lazy="dynamic": a query per parent.
struct Entry;
struct Blog {
  std::int64_t id{};
  std::string name{};
  relate::DynamicMany<Entry> entries{};
};
struct Entry {
  std::int64_t id{};
  std::string title{};
  std::int64_t rank{};
  std::int64_t blog_id{};  // NOT NULL
  relate::BelongsTo<Blog> blog{};
};

// Every column type, keys and defaults.
struct Account {
  std::int64_t id{};
  std::string username{};
  std::optional<std::string> display_name{};
  int logins{};
  double score{};
  bool is_admin{};
  std::chrono::system_clock::time_point created_at{};
  std::optional<std::chrono::system_clock::time_point> last_seen{};
};

}  // namespace models

template <>
inline constexpr auto relate::model<models::Post> = relate::table<models::Post>(
    "post", relate::column("id", &models::Post::id, relate::primary_key),
    relate::column("title", &models::Post::title, relate::varchar(100)),
    relate::column("content", &models::Post::content),
    relate::relationship(&models::Post::comments, relate::backref(&models::Comment::post),
                         relate::cascade("all, delete-orphan")));

template <>
inline constexpr auto relate::model<models::Comment> = relate::table<models::Comment>(
    "comment", relate::column("id", &models::Comment::id, relate::primary_key),
    relate::column("author", &models::Comment::author, relate::varchar(128)),
    relate::column("website", &models::Comment::website, relate::varchar(255)),
    relate::column("content", &models::Comment::content),
    relate::column("post_id", &models::Comment::post_id,
                   relate::foreign_key(&models::Post::id, relate::OnDelete::cascade)));

template <>
inline constexpr auto relate::model<models::Parent> = relate::table<models::Parent>(
    "parent", relate::column("id", &models::Parent::id, relate::primary_key),
    relate::column("name", &models::Parent::name),
    relate::relationship(&models::Parent::children,
                         relate::back_populates(&models::Child::parent)));

template <>
inline constexpr auto relate::model<models::Child> = relate::table<models::Child>(
    "child", relate::column("id", &models::Child::id, relate::primary_key),
    relate::column("name", &models::Child::name),
    relate::column("parent_id", &models::Child::parent_id,
                   relate::foreign_key(&models::Parent::id)),
    relate::relationship(&models::Child::parent,
                         relate::back_populates(&models::Parent::children)));

template <>
inline constexpr auto relate::model<models::Blog> = relate::table<models::Blog>(
    "blog", relate::column("id", &models::Blog::id, relate::primary_key),
    relate::column("name", &models::Blog::name),
    relate::relationship(&models::Blog::entries, relate::backref(&models::Entry::blog),
                         relate::cascade("all, delete-orphan")));

template <>
inline constexpr auto relate::model<models::Entry> = relate::table<models::Entry>(
    "entry", relate::column("id", &models::Entry::id, relate::primary_key),
    relate::column("title", &models::Entry::title), relate::column("rank", &models::Entry::rank),
    relate::column("blog_id", &models::Entry::blog_id, relate::foreign_key(&models::Blog::id)));

template <>
inline constexpr auto relate::model<models::Account> = relate::table<models::Account>(
    "account", relate::column("id", &models::Account::id, relate::primary_key),
    relate::column("username", &models::Account::username, relate::varchar(32), relate::unique),
    relate::column("display_name", &models::Account::display_name),
    relate::column("logins", &models::Account::logins, relate::default_value(0)),
    relate::column("score", &models::Account::score, relate::indexed),
    relate::column("is_admin", &models::Account::is_admin, relate::default_value(false)),
    relate::column("created_at", &models::Account::created_at, relate::default_now),
    relate::column("last_seen", &models::Account::last_seen));
