// expect: OK
// The control for the select() cases: the same statement with its join.
#include "common.hpp"
template <>
inline constexpr auto relate::model<cf::Post> = relate::table<cf::Post>(
    "post", relate::column("id", &cf::Post::id, relate::primary_key),
    relate::column("title", &cf::Post::title),
    relate::relationship(&cf::Post::comments, relate::backref(&cf::Comment::post)));
template <>
inline constexpr auto relate::model<cf::Comment> = relate::table<cf::Comment>(
    "comment", relate::column("id", &cf::Comment::id, relate::primary_key),
    relate::column("post_id", &cf::Comment::post_id, relate::foreign_key(&cf::Post::id)));
void f(relate::Session& s) {
  (void)s.select(relate::col(&cf::Post::title), relate::count(relate::col(&cf::Comment::id)))
      .outer_join(&cf::Post::comments)
      .group_by(relate::col(&cf::Post::title))
      .all();
  (void)(relate::lower(relate::col(&cf::Post::title)) == "x");
  (void)relate::sum(relate::col(&cf::Post::id));
}
