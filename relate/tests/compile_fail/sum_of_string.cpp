// expect: sum\(\) takes a number column or expression
#include "common.hpp"
template <>
inline constexpr auto relate::model<cf::Post> =
    relate::table<cf::Post>("post", relate::column("id", &cf::Post::id, relate::primary_key),
                            relate::column("title", &cf::Post::title));
auto f = relate::sum(relate::col(&cf::Post::title));
