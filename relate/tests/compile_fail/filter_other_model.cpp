// expect: Filter<cf::Comment>
#include "common.hpp"
template <>
inline constexpr auto relate::model<cf::Post> = relate::table<cf::Post>(
    "post", relate::column("id", &cf::Post::id, relate::primary_key));
template <>
inline constexpr auto relate::model<cf::Comment> = relate::table<cf::Comment>(
    "comment", relate::column("id", &cf::Comment::id, relate::primary_key));
void f(relate::Session& s) { s.query<cf::Post>().filter(relate::col(&cf::Comment::id) == 1); }
