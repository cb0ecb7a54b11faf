// expect: unknown_cascade_word
#include "common.hpp"
constexpr auto r = relate::relationship(&cf::Post::comments, relate::cascade("all, delete-orphans"));
