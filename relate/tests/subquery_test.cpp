// Subqueries: in_(select(...)), exists(select(...)) correlated with the outer
// query, and a correlated scalar subquery as a column.

#include <gtest/gtest.h>

#include "test_support.hpp"

using namespace relate;
using models::Comment;
using models::Post;
using relate_test::OrmTest;

using Subquery = OrmTest;
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(Subquery);

namespace {

// "first": ann, bob; "second": bob; "third": none.
void add_three_posts(Database& db) {
  auto s = db.session();
  auto first = s.add(Post{.title = "first", .content = ""});
  auto second = s.add(Post{.title = "second", .content = ""});
  s.add(Post{.title = "third", .content = ""});
  s.add(Comment{.author = "ann", .content = "", .post = first});
  s.add(Comment{.author = "bob", .content = "", .post = first});
  s.add(Comment{.author = "bob", .content = "", .post = second});
  s.commit();
}

std::vector<std::string> titles(const std::vector<Ptr<Post>>& posts) {
  std::vector<std::string> out;
  for (const auto& p : posts)
    out.push_back(p->title);
  return out;
}

}  // namespace

TEST_P(Subquery, InSelectOfOneColumn) {
  add_three_posts(db);
  auto s = db.session();
  recorder.clear();
  const auto posts =
      s.query<Post>()
          .filter(
              in_(col(&Post::id),
                  relate::select(col(&Comment::post_id)).filter(col(&Comment::author) == "bob")))
          .order_by(asc(&Post::id))
          .all();
  EXPECT_EQ(titles(posts), (std::vector<std::string>{"first", "second"}));
  EXPECT_EQ(recorder.statements(),
            (std::vector<std::string>{
                sql("SELECT post.id, post.title, post.content FROM post WHERE post.id IN (SELECT "
                    "comment.post_id FROM comment WHERE comment.author = ?) ORDER BY post.id")}));
  const auto others =
      s.query<Post>()
          .filter(not_in_(
              col(&Post::id),
              relate::select(col(&Comment::post_id)).filter(col(&Comment::post_id).is_not_null())))
          .all();
  EXPECT_EQ(titles(others), (std::vector<std::string>{"third"}));
}

TEST_P(Subquery, ExistsCorrelatedWithTheOuterQuery) {
  add_three_posts(db);
  auto s = db.session();
  recorder.clear();
  const auto posts = s.query<Post>()
                         .filter(exists(relate::select(col(&Comment::id))
                                            .filter(col(&Comment::post_id) == col(&Post::id) &&
                                                    col(&Comment::author) == "ann")))
                         .all();
  EXPECT_EQ(titles(posts), (std::vector<std::string>{"first"}));
  EXPECT_EQ(recorder.statements(),
            (std::vector<std::string>{
                sql("SELECT post.id, post.title, post.content FROM post WHERE EXISTS (SELECT "
                    "comment.id FROM comment WHERE (comment.post_id = post.id AND comment.author = "
                    "?))")}));
  const auto silent =
      s.query<Post>()
          .filter(!exists(
              relate::select(col(&Comment::id)).filter(col(&Comment::post_id) == col(&Post::id))))
          .all();
  EXPECT_EQ(titles(silent), (std::vector<std::string>{"third"}));
}

TEST_P(Subquery, ACorrelatedScalarSubqueryIsAColumn) {
  add_three_posts(db);
  auto s = db.session();
  const auto comments = scalar(
      relate::select(count(col(&Comment::id))).filter(col(&Comment::post_id) == col(&Post::id)));
  recorder.clear();
  std::vector<std::tuple<std::string, std::optional<std::int64_t>>> rows;
  {
    auto budget = s.budget(1);  // one statement, whatever the number of posts
    rows = s.select(col(&Post::title), comments).order_by(desc(comments), asc(&Post::title)).all();
  }
  EXPECT_EQ(rows, (std::vector<std::tuple<std::string, std::optional<std::int64_t>>>{
                      {"first", 2}, {"second", 1}, {"third", 0}}));
  EXPECT_EQ(recorder.statements(),
            (std::vector<std::string>{
                "SELECT post.title, (SELECT count(comment.id) FROM comment WHERE comment.post_id "
                "= post.id) FROM post ORDER BY (SELECT count(comment.id) FROM comment WHERE "
                "comment.post_id = post.id) DESC, post.title"}));
  // ... and a filter: posts with more than one comment.
  const auto busy = s.query<Post>().filter(comments > 1).all();
  EXPECT_EQ(titles(busy), (std::vector<std::string>{"first"}));
}
