// expect: select\(\) reads a column of a model it neither selects from nor joins
#include "common.hpp"
template <>
inline constexpr auto relate::model<cf::Post> =
    relate::table<cf::Post>("post", relate::column("id", &cf::Post::id, relate::primary_key),
                            relate::column("title", &cf::Post::title));
template <>
inline constexpr auto relate::model<cf::Comment> = relate::table<cf::Comment>(
    "comment", relate::column("id", &cf::Comment::id, relate::primary_key));
// Comment is never joined: the statement would read a table it has not named.
void f(relate::Session& s) {
  (void)s.select(relate::col(&cf::Post::title), relate::count(relate::col(&cf::Comment::id))).all();
}
