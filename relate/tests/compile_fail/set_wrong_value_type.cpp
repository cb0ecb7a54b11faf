// expect: no matching function for call to .*set
#include "common.hpp"
template <>
inline constexpr auto relate::model<cf::Post> =
    relate::table<cf::Post>("post", relate::column("id", &cf::Post::id, relate::primary_key),
                            relate::column("title", &cf::Post::title));
// A bulk update's value must be of the column's kind, as in a comparison.
auto a = relate::set(&cf::Post::title, 42);
