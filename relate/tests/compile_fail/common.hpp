#pragma once
// Models for the compile-fail tests: each test adds one mistake.
#include <cstdint>
#include <optional>
#include <string>

#include "relate/relate.hpp"

namespace cf {
struct Comment;
struct Post {
  std::int64_t id{};
  std::string title{};
  int unmapped{};
  relate::HasMany<Comment> comments{};
};
struct Other {
  std::int64_t id{};
};
struct Comment {
  std::int64_t id{};
  std::optional<std::int64_t> post_id{};
  std::optional<std::int64_t> editor_post_id{};
  std::optional<std::string> bad_post_id{};
  relate::BelongsTo<Post> post{};
  relate::BelongsTo<Other> other{};
};
}  // namespace cf

template <>
inline constexpr auto relate::model<cf::Other> =
    relate::table<cf::Other>("other", relate::column("id", &cf::Other::id, relate::primary_key));
