// expect: delete-orphan belongs on the one-to-many side
#include "common.hpp"
template <>
inline constexpr auto relate::model<cf::Post> = relate::table<cf::Post>(
    "post", relate::column("id", &cf::Post::id, relate::primary_key));
template <>
inline constexpr auto relate::model<cf::Comment> = relate::table<cf::Comment>(
    "comment", relate::column("id", &cf::Comment::id, relate::primary_key),
    relate::column("post_id", &cf::Comment::post_id, relate::foreign_key(&cf::Post::id)),
    relate::relationship(&cf::Comment::post, relate::cascade("all, delete-orphan")));
int main() { relate::Database("sqlite://").create_all<cf::Comment>(); }
