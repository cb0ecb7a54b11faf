// expect: no matching function for call to .*filter
#include "common.hpp"
template <>
inline constexpr auto relate::model<cf::Post> =
    relate::table<cf::Post>("post", relate::column("id", &cf::Post::id, relate::primary_key),
                            relate::column("title", &cf::Post::title));
template <>
inline constexpr auto relate::model<cf::Comment> = relate::table<cf::Comment>(
    "comment", relate::column("id", &cf::Comment::id, relate::primary_key));
// A condition over two models on a query that reads only one.
void f(relate::Session& s) {
  (void)s.query<cf::Post>().filter(relate::col(&cf::Comment::id) == relate::col(&cf::Post::id));
}
