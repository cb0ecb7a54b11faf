// expect: back_populates names a member that the related model's mapping does not declare
#include "common.hpp"
template <>
inline constexpr auto relate::model<cf::Post> = relate::table<cf::Post>(
    "post", relate::column("id", &cf::Post::id, relate::primary_key),
    relate::relationship(&cf::Post::comments, relate::back_populates(&cf::Comment::post)));
template <>
inline constexpr auto relate::model<cf::Comment> = relate::table<cf::Comment>(
    "comment", relate::column("id", &cf::Comment::id, relate::primary_key),
    relate::column("post_id", &cf::Comment::post_id, relate::foreign_key(&cf::Post::id)));
int main() { relate::Database("sqlite://").create_all<cf::Post>(); }
