// The order and number of statements a flush runs.

#include <gtest/gtest.h>

#include "test_support.hpp"

using namespace relate;
using models::Comment;
using models::Post;
using relate_test::OrmTest;

using UnitOfWork = OrmTest;

TEST_F(UnitOfWork, InsertsParentBeforeChildren) {
  auto s = db.session();
  // Children added first: the flush still writes the post first.
  auto post = make(Post{.title = "P", .content = "x"});
  for (int i = 0; i < 3; ++i)
    s.add(Comment{.content = "c" + std::to_string(i), .post = post});
  s.commit();
  const std::vector<std::string> expected = {
      "BEGIN IMMEDIATE",
      "INSERT INTO post (title, content) VALUES (?, ?)",
      "INSERT INTO comment (author, website, content, post_id) VALUES (?, ?, ?, ?)",
      "INSERT INTO comment (author, website, content, post_id) VALUES (?, ?, ?, ?)",
      "INSERT INTO comment (author, website, content, post_id) VALUES (?, ?, ?, ?)",
      "COMMIT"};
  EXPECT_EQ(recorder.statements(), expected);
  for (const auto& c : post->comments)
    EXPECT_EQ(c->post_id, post->id);
}

TEST_F(UnitOfWork, AddingAPostAddsItsNewComments) {
  auto s = db.session();
  auto post = make(Post{.title = "P", .content = "x"});
  post->comments.append(make(Comment{.content = "one"}));
  post->comments.append(make(Comment{.content = "two"}));
  s.add(post);  // save-update cascade
  s.commit();
  EXPECT_EQ(recorder.count("INSERT INTO comment"), 2U);
  EXPECT_EQ(db.session().query<Comment>().filter(col(&Comment::post_id) == post->id).count(), 2);
}

TEST_F(UnitOfWork, DeletesChildrenBeforeParent) {
  auto s = db.session();
  auto post = s.add(Post{.title = "P", .content = "x"});
  s.add(Comment{.content = "a", .post = post});
  s.add(Comment{.content = "b", .post = post});
  s.commit();
  recorder.clear();
  s.remove(post);
  s.commit();
  const auto deletes = recorder.starting_with("DELETE");
  const std::vector<std::string> expected = {"DELETE FROM comment WHERE id = ?",
                                             "DELETE FROM comment WHERE id = ?",
                                             "DELETE FROM post WHERE id = ?"};
  EXPECT_EQ(deletes, expected);
}

TEST_F(UnitOfWork, NothingToWriteRunsNothing) {
  auto s = db.session();
  s.flush();
  s.commit();
  EXPECT_TRUE(recorder.statements().empty());
}

TEST_F(UnitOfWork, UpdatesOnlyTheChangedColumns) {
  auto s = db.session();
  auto c = s.add(Comment{.author = "a", .content = "b"});
  s.commit();
  recorder.clear();
  c->website = "https://example.org";
  c->content = "edited";
  s.commit();
  EXPECT_EQ(recorder.starting_with("UPDATE"),
            std::vector<std::string>{"UPDATE comment SET website = ?, content = ? WHERE id = ?"});
}

TEST_F(UnitOfWork, AFailedFlushRollsBackAndLeavesNothingBehind) {
  auto s = db.session();
  s.add(Post{.title = "first", .content = "x"});
  s.add(Comment{.content = "orphan", .post_id = 999});  // no such post
  EXPECT_THROW(s.commit(), ForeignKeyViolation);
  auto fresh = db.session();
  EXPECT_EQ(fresh.query<Post>().count(), 0);
  EXPECT_EQ(fresh.query<Comment>().count(), 0);
}

TEST_F(UnitOfWork, BulkInsertKeepsOneStatementPerRow) {
  auto s = db.session();
  auto post = s.add(Post{.title = "P", .content = "x"});
  for (int i = 0; i < 100; ++i)
    s.add(Comment{.content = std::to_string(i), .post = post});
  s.commit();
  EXPECT_EQ(recorder.count("INSERT INTO comment"), 100U);
  EXPECT_EQ(recorder.count("BEGIN"), 1U);
  EXPECT_EQ(recorder.count("COMMIT"), 1U);
}
