// expect: no match for .*operator==
#include "common.hpp"
template <>
inline constexpr auto relate::model<cf::Post> =
    relate::table<cf::Post>("post", relate::column("id", &cf::Post::id, relate::primary_key),
                            relate::column("title", &cf::Post::title));
// An expression compared with a value of another kind.
auto f = relate::lower(relate::col(&cf::Post::title)) == 42;
