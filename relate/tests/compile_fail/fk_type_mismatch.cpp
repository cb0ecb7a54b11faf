// expect: a foreign key column must have the type of the column it references
#include "common.hpp"
constexpr auto c = relate::column("bad_post_id", &cf::Comment::bad_post_id, relate::foreign_key(&cf::Post::id));
