// expect: Assignment<cf::Comment>
#include "common.hpp"
template <>
inline constexpr auto relate::model<cf::Post> =
    relate::table<cf::Post>("post", relate::column("id", &cf::Post::id, relate::primary_key));
template <>
inline constexpr auto relate::model<cf::Comment> = relate::table<cf::Comment>(
    "comment", relate::column("id", &cf::Comment::id, relate::primary_key),
    relate::column("post_id", &cf::Comment::post_id));
// A bulk update of posts cannot set a comment's column.
void f(relate::Session& s) {
  s.query<cf::Post>().update(relate::set(&cf::Comment::post_id, std::int64_t{1}));
}
