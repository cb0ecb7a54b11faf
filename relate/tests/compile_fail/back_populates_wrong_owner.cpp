// expect: does not point back at the owning type
#include "common.hpp"
constexpr auto r = relate::relationship(&cf::Post::comments, relate::back_populates(&cf::Comment::other));
