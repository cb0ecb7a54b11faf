#pragma once
// relate: Flask-SQLAlchemy's relationships for C++20. Include this one header.
//
//   struct Comment;
//   struct Post {
//     std::int64_t id{};
//     std::string title{};
//     relate::HasMany<Comment> comments{};
//   };
//   struct Comment {
//     std::int64_t id{};
//     std::string content{};
//     std::optional<std::int64_t> post_id{};
//     relate::BelongsTo<Post> post{};
//   };
//   template <> inline constexpr auto relate::model<Post> = relate::table<Post>("post",
//       relate::column("id", &Post::id, relate::primary_key),
//       relate::column("title", &Post::title, relate::varchar(100)),
//       relate::relationship(&Post::comments, relate::backref(&Comment::post),
//                            relate::cascade("all, delete-orphan")));
//   template <> inline constexpr auto relate::model<Comment> = relate::table<Comment>("comment",
//       relate::column("id", &Comment::id, relate::primary_key),
//       relate::column("content", &Comment::content),
//       relate::column("post_id", &Comment::post_id, relate::foreign_key(&Post::id)));

#include "relate/error.hpp"
#include "relate/orm/database.hpp"
#include "relate/orm/dynamic.hpp"
#include "relate/orm/expressions.hpp"
#include "relate/orm/fulltext.hpp"
#include "relate/orm/loading.hpp"
#include "relate/orm/mapping.hpp"
#include "relate/orm/object.hpp"
#include "relate/orm/query.hpp"
#include "relate/orm/relationships.hpp"
#include "relate/orm/select.hpp"
#include "relate/orm/select_query.hpp"
#include "relate/orm/session.hpp"
#include "relate/value.hpp"
