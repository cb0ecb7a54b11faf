// expect: OK
// The control: the same command compiles a correct mapping, so the other
// cases fail for their mistake and not for the command.
#include "common.hpp"
template <>
inline constexpr auto relate::model<cf::Post> = relate::table<cf::Post>(
    "post", relate::column("id", &cf::Post::id, relate::primary_key),
    relate::relationship(&cf::Post::comments, relate::backref(&cf::Comment::post)));
template <>
inline constexpr auto relate::model<cf::Comment> = relate::table<cf::Comment>(
    "comment", relate::column("id", &cf::Comment::id, relate::primary_key),
    relate::column("post_id", &cf::Comment::post_id, relate::foreign_key(&cf::Post::id)));
int main() {
  relate::Database db("sqlite://");
  db.create_all<cf::Post>();
  auto s = db.session();
  (void)s.query<cf::Post>().filter(relate::col(&cf::Post::id) == 1).all();
}
