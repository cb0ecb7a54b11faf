// Real joins: JOIN and LEFT OUTER JOIN along a relationship or on a
// condition, aliases for a model joined with itself, filters and orderings
// on the joined model's columns — for s.query<T>() and for select().

#include <gtest/gtest.h>

#include "kinds_models.hpp"
#include "test_support.hpp"

using namespace relate;
using models::Comment;
using models::Post;
using relate_test::OrmTest;

using Join = OrmTest;
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(Join);

namespace {

// "first": ann, bob, ann; "second": bob; "third": no comment.
void add_blog(Database& db) {
  auto s = db.session();
  auto first = s.add(Post{.title = "first", .content = "same"});
  auto second = s.add(Post{.title = "second", .content = "same"});
  s.add(Post{.title = "third", .content = "other"});
  s.add(Comment{.author = "ann", .content = "1", .post = first});
  s.add(Comment{.author = "bob", .content = "2", .post = first});
  s.add(Comment{.author = "ann", .content = "3", .post = first});
  s.add(Comment{.author = "bob", .content = "4", .post = second});
  s.commit();
}

template <class T>
std::vector<std::string> titles(const std::vector<Ptr<T>>& posts) {
  std::vector<std::string> out;
  for (const auto& p : posts)
    out.push_back(p->title);
  return out;
}

}  // namespace

TEST_P(Join, AQueryJoinsAlongARelationshipAndFiltersOnTheJoinedColumns) {
  add_blog(db);
  auto s = db.session();
  recorder.clear();
  const auto posts = s.query<Post>()
                         .join(&Post::comments)
                         .filter(col(&Comment::author) == "ann")
                         .order_by(asc(&Post::id))
                         .all();
  EXPECT_EQ(recorder.statements(),
            (std::vector<std::string>{
                sql("SELECT post.id, post.title, post.content FROM post JOIN comment ON "
                    "comment.post_id = post.id WHERE comment.author = ? ORDER BY post.id")}));
  // Two joined rows for "first": the post comes once.
  EXPECT_EQ(titles(posts), (std::vector<std::string>{"first"}));
  // count() counts the joined rows, as SQLAlchemy's Query.count() does.
  EXPECT_EQ(s.query<Post>().join(&Post::comments).filter(col(&Comment::author) == "ann").count(),
            2);
}

TEST_P(Join, AnOuterJoinKeepsRowsWithoutRelatedRows) {
  add_blog(db);
  auto s = db.session();
  recorder.clear();
  const auto lonely =
      s.query<Post>().outer_join(&Post::comments).filter(col(&Comment::post_id).is_null()).all();
  EXPECT_EQ(recorder.statements(),
            (std::vector<std::string>{
                "SELECT post.id, post.title, post.content FROM post LEFT OUTER JOIN comment ON "
                "comment.post_id = post.id WHERE comment.post_id IS NULL"}));
  EXPECT_EQ(titles(lonely), (std::vector<std::string>{"third"}));
}

TEST_P(Join, OrdersByTheJoinedModelsColumns) {
  add_blog(db);
  auto s = db.session();
  const auto comments =
      s.query<Comment>().join(&Comment::post).order_by(desc(&Post::title), asc(&Comment::id)).all();
  std::vector<std::string> contents;
  for (const auto& c : comments)
    contents.push_back(c->content);
  EXPECT_EQ(contents, (std::vector<std::string>{"4", "1", "2", "3"}));
}

TEST_P(Join, JoinsOnAnExplicitCondition) {
  add_blog(db);
  auto s = db.session();
  recorder.clear();
  const auto posts = s.query<Post>()
                         .join<Comment>(col(&Comment::post_id) == col(&Post::id))
                         .filter(col(&Comment::author) == "bob")
                         .order_by(asc(&Post::id))
                         .all();
  EXPECT_EQ(titles(posts), (std::vector<std::string>{"first", "second"}));
  EXPECT_EQ(recorder.statements(),
            (std::vector<std::string>{
                sql("SELECT post.id, post.title, post.content FROM post JOIN comment ON "
                    "comment.post_id = post.id WHERE comment.author = ? ORDER BY post.id")}));
}

TEST_P(Join, AnAliasJoinsTheSameModelTwice) {
  add_blog(db);
  auto s = db.session();
  using ByAnn = Alias<Comment, "by_ann">;
  using ByBob = Alias<Comment, "by_bob">;
  recorder.clear();
  const auto posts =
      s.query<Post>()
          .join<ByAnn>(&Post::comments)
          .join<ByBob>(&Post::comments)
          .filter(col<ByAnn>(&Comment::author) == "ann" && col<ByBob>(&Comment::author) == "bob")
          .all();
  EXPECT_EQ(titles(posts), (std::vector<std::string>{"first"}));
  EXPECT_EQ(recorder.statements(),
            (std::vector<std::string>{
                sql("SELECT post.id, post.title, post.content FROM post JOIN comment AS by_ann ON "
                    "by_ann.post_id = post.id JOIN comment AS by_bob ON by_bob.post_id = post.id "
                    "WHERE (by_ann.author = ? AND by_bob.author = ?)")}));
}

TEST_P(Join, SelectJoinsAModelToItselfUnderAnAlias) {
  add_blog(db);
  auto s = db.session();
  using Other = Alias<Post, "other">;
  recorder.clear();
  // Pairs of posts with the same content.
  const auto pairs = s.select(col(&Post::title), col<Other>(&Post::title))
                         .join<Other>(col<Other>(&Post::content) == col(&Post::content) &&
                                      col<Other>(&Post::id) > col(&Post::id))
                         .all();
  EXPECT_EQ(pairs, (std::vector<std::tuple<std::string, std::string>>{{"first", "second"}}));
  EXPECT_EQ(recorder.statements(),
            (std::vector<std::string>{
                "SELECT post.title, other.title FROM post JOIN post AS other ON (other.content = "
                "post.content AND other.id > post.id)"}));
}

TEST_P(Join, SelectJoinsManyToOneAndFiltersOnBothModels) {
  add_blog(db);
  auto s = db.session();
  const auto rows = s.select(col(&Comment::content), col(&Post::title))
                        .join(&Comment::post)
                        .filter(col(&Post::title) != "second" && col(&Comment::author) == "bob")
                        .all();
  EXPECT_EQ(rows, (std::vector<std::tuple<std::string, std::string>>{{"2", "first"}}));
}

TEST_P(Join, AJoinedQueryStillLoadsEagerlyAndLimits) {
  add_blog(db);
  auto s = db.session();
  const auto posts = s.query<Post>()
                         .join(&Post::comments)
                         .filter(col(&Comment::author) == "bob")
                         .options(joinedload(&Post::comments))
                         .order_by(asc(&Post::id))
                         .limit(5)
                         .all();
  ASSERT_EQ(titles(posts), (std::vector<std::string>{"first", "second"}));
  // joinedload fills every comment of the post, not only the joined ones.
  EXPECT_EQ(posts[0]->comments.size(), 3U);
  EXPECT_EQ(posts[1]->comments.size(), 1U);
}

namespace {

class JoinManyToMany : public OrmTest {
 protected:
  void SetUp() override {
    OrmTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db.create_all<models::Student, models::Course>();
  }
};
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(JoinManyToMany);

}  // namespace

TEST_P(JoinManyToMany, JoinsThroughTheAssociationTable) {
  using models::Course;
  using models::Student;
  {
    auto s = db.session();
    auto ada = make(Student{.name = "Ada"});
    auto bo = make(Student{.name = "Bo"});
    auto math = make(Course{.title = "Math"});
    auto art = make(Course{.title = "Art"});
    ada->courses.append(math);
    ada->courses.append(art);
    bo->courses.append(art);
    s.add(ada);
    s.add(bo);
    s.commit();
  }
  auto s = db.session();
  recorder.clear();
  const auto rows = s.select(col(&Course::title), count(col(&Student::id)))
                        .outer_join(&Course::students)
                        .group_by(col(&Course::title))
                        .order_by(asc(&Course::title))
                        .all();
  EXPECT_EQ(rows, (std::vector<std::tuple<std::string, std::int64_t>>{{"Art", 2}, {"Math", 1}}));
  EXPECT_EQ(recorder.statements(),
            (std::vector<std::string>{
                "SELECT course.title, count(student.id) FROM course LEFT OUTER JOIN enrollments ON "
                "enrollments.course_id = course.id LEFT OUTER JOIN student ON "
                "enrollments.student_id = student.id GROUP BY course.title ORDER BY "
                "course.title"}));
  const auto students =
      s.query<Student>().join(&Student::courses).filter(col(&Course::title) == "Math").all();
  ASSERT_EQ(students.size(), 1U);
  EXPECT_EQ(students[0]->name, "Ada");
}
