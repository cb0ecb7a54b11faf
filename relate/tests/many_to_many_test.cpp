// Many-to-many through an association table (seed 003's Student/Course and
// enrollments), the association-object form, and a model related to itself.

#include <gtest/gtest.h>

#include "kinds_models.hpp"
#include "test_support.hpp"

using namespace relate;
using models::Article;
using models::Course;
using models::Note;
using models::Student;
using models::Tag;
using models::Tagging;

namespace {

class ManyToManyTest : public relate_test::OrmTest {
 protected:
  void SetUp() override {
    OrmTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db.create_all<Student, Course, Article, Tag, Tagging, Note>();
    recorder.clear();
  }
  std::vector<std::string> titles(const ManyToMany<Course>& courses) {
    std::vector<std::string> out;
    for (const auto& c : courses)
      out.push_back(c->title);
    return out;
  }
};
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(ManyToManyTest);

TEST_P(ManyToManyTest, AppendingOnEitherSideKeepsBothInSyncInMemory) {
  auto ada = make(Student{.name = "Ada"});
  auto math = make(Course{.title = "Math"});
  auto art = make(Course{.title = "Art"});
  ada->courses.append(math);
  art->students.append(ada);
  EXPECT_EQ(ada->courses.size(), 2U);
  ASSERT_EQ(math->students.size(), 1U);
  EXPECT_EQ(math->students[0], ada);
  ada->courses.remove(art);
  EXPECT_TRUE(art->students.empty());
  EXPECT_EQ(ada->courses.size(), 1U);
}

TEST_P(ManyToManyTest, FlushInsertsAndDeletesLinkRows) {
  {
    auto s = db.session();
    auto math = make(Course{.title = "Math"});
    auto art = make(Course{.title = "Art"});
    s.add(Student{.name = "Ada", .courses = {math, art}});
    s.add(Student{.name = "Bob", .courses = {math}});
    s.commit();
    EXPECT_EQ(recorder.count("INSERT INTO enrollments"), 3U);
    EXPECT_EQ(recorder.starting_with("INSERT INTO enrollments").front(),
              sql("INSERT INTO enrollments (student_id, course_id) VALUES (?, ?)"));
  }
  {
    auto s = db.session();
    auto ada = s.query<Student>().filter(col(&Student::name) == "Ada").one();
    EXPECT_EQ(titles(ada->courses), (std::vector<std::string>{"Art", "Math"}));  // order_by title
    auto art = ada->courses[0];
    ada->courses.remove(art);
    recorder.clear();
    s.commit();
    EXPECT_EQ(recorder.starting_with("DELETE FROM enrollments"),
              std::vector<std::string>{
                  sql("DELETE FROM enrollments WHERE student_id = ? AND course_id = ?")});
  }
  auto s = db.session();
  auto math = s.query<Course>().filter(col(&Course::title) == "Math").one();
  EXPECT_EQ(math->students.size(), 2U);
  auto art = s.query<Course>().filter(col(&Course::title) == "Art").one();
  EXPECT_TRUE(art->students.empty());
}

TEST_P(ManyToManyTest, AnAddThenRemoveBeforeTheFlushWritesNothing) {
  {
    auto s = db.session();
    s.add(Student{.name = "Ada"});
    s.add(Course{.title = "Math"});
    s.commit();
  }
  auto s = db.session();
  auto ada = s.query<Student>().one();
  auto math = s.query<Course>().one();
  ada->courses.append(math);
  ada->courses.remove(math);
  recorder.clear();
  s.commit();
  EXPECT_EQ(recorder.count("INSERT INTO enrollments"), 0U);
  EXPECT_EQ(recorder.count("DELETE FROM enrollments"), 0U);
}

TEST_P(ManyToManyTest, DeletingEitherEndRemovesItsLinks) {
  {
    auto s = db.session();
    auto math = make(Course{.title = "Math"});
    s.add(Student{.name = "Ada", .courses = {math}});
    s.add(Student{.name = "Bob", .courses = {math}});
    s.commit();
  }
  auto s = db.session();
  auto math = s.query<Course>().one();
  ASSERT_EQ(math->students.size(), 2U);
  auto ada = s.query<Student>().filter(col(&Student::name) == "Ada").one();
  s.remove(ada);
  s.commit();
  // Out of the loaded collection in memory, and out of the table.
  ASSERT_EQ(math->students.size(), 1U);
  EXPECT_EQ(math->students[0]->name, "Bob");
  auto fresh = db.session();
  EXPECT_EQ(fresh.query<Course>().one()->students.size(), 1U);
  fresh.remove(fresh.query<Course>().one());
  fresh.commit();
  EXPECT_TRUE(fresh.query<Student>().one()->courses.empty());
}

TEST_P(ManyToManyTest, LoadsByEveryStrategyAndFiltersWithAny) {
  {
    auto s = db.session();
    auto math = make(Course{.title = "Math"});
    auto art = make(Course{.title = "Art"});
    s.add(Student{.name = "Ada", .courses = {math, art}});
    s.add(Student{.name = "Bob", .courses = {math}});
    s.add(Student{.name = "Cy"});
    s.commit();
  }
  for (const auto& option : {lazyload(&Student::courses), selectinload(&Student::courses),
                             joinedload(&Student::courses)}) {
    auto s = db.session();
    s.set_n_plus_one(NPlusOne::off);
    const auto students = s.query<Student>().options(option).order_by(asc(&Student::id)).all();
    ASSERT_EQ(students.size(), 3U);
    EXPECT_EQ(titles(students[0]->courses), (std::vector<std::string>{"Art", "Math"}));
    EXPECT_EQ(titles(students[1]->courses), std::vector<std::string>{"Math"});
    EXPECT_TRUE(students[2]->courses.empty());
    const std::uint64_t expected = option.strategy == Load::select     ? 4U
                                   : option.strategy == Load::selectin ? 2U
                                                                       : 1U;
    EXPECT_EQ(s.statement_count(), expected);
  }
  auto s = db.session();
  const auto taking_art =
      s.query<Student>().filter(any(&Student::courses, col(&Course::title) == "Art")).all();
  ASSERT_EQ(taking_art.size(), 1U);
  EXPECT_EQ(taking_art[0]->name, "Ada");
  EXPECT_EQ(s.query<Course>().filter(!any(&Course::students)).count(), 0);
  EXPECT_EQ(s.query<Student>().filter(!any(&Student::courses)).one()->name, "Cy");
}

TEST_P(ManyToManyTest, AssociationObjectsCarryTheirOwnColumns) {
  {
    auto s = db.session();
    auto cpp = s.add(Tag{.name = "c++"});
    auto db_tag = s.add(Tag{.name = "databases"});
    auto article = s.add(Article{.title = "relate"});
    article->taggings.append(make(Tagging{.added_by = "ada", .tag = cpp}));
    article->taggings.append(make(Tagging{.added_by = "bob", .tag = db_tag}));
    s.commit();
  }
  auto s = db.session();
  auto article = s.query<Article>().options(selectinload(&Article::taggings)).one();
  ASSERT_EQ(article->taggings.size(), 2U);
  EXPECT_EQ(article->taggings[0]->added_by, "ada");
  EXPECT_EQ(article->taggings[0]->tag->name, "c++");
  auto cpp = s.query<Tag>().filter(col(&Tag::name) == "c++").one();
  EXPECT_EQ(cpp->taggings[0]->article.get(), article);
  // Removing the link object (delete-orphan) unlinks the two.
  article->taggings.remove(article->taggings[0]);
  s.commit();
  auto fresh = db.session();
  EXPECT_EQ(fresh.query<Tagging>().count(), 1);
  EXPECT_TRUE(fresh.query<Tag>().filter(col(&Tag::name) == "c++").one()->taggings.empty());
}

TEST_P(ManyToManyTest, ASelfReferentialTreeFlushesParentsFirstAndDeletesRepliesFirst) {
  std::int64_t root_id = 0;
  {
    auto s = db.session();
    auto reply = make(Note{.text = "reply"});
    reply->replies.append(make(Note{.text = "reply to the reply"}));
    auto root = make(Note{.text = "root", .replies = {reply}});
    s.add(reply);  // added before its parent: still inserted after it
    s.commit();
    root_id = root->id;
    EXPECT_LT(root->id, reply->id);
  }
  auto s = db.session();
  auto root = s.get<Note>(root_id);
  ASSERT_EQ(root->replies.size(), 1U);
  ASSERT_EQ(root->replies[0]->replies.size(), 1U);
  EXPECT_EQ(root->replies[0]->replies[0]->text, "reply to the reply");
  EXPECT_EQ(s.query<Note>().filter(any(&Note::replies, col(&Note::text) == "reply")).one(), root);
  s.remove(root);  // cascades through the tree, deepest first
  s.commit();
  EXPECT_EQ(s.query<Note>().count(), 0);
}

}  // namespace
