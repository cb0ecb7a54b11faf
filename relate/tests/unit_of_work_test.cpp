// The order and number of statements a flush runs.

#include <gtest/gtest.h>

#include "relate/orm/model_info.hpp"
#include "relate/sql/compiler.hpp"
#include "test_support.hpp"

using namespace relate;
using models::Comment;
using models::Post;
using relate_test::OrmTest;

using UnitOfWork = OrmTest;
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(UnitOfWork);

TEST_P(UnitOfWork, InsertsParentBeforeChildren) {
  auto s = db.session();
  // Children added first: the flush still writes the post first.
  auto post = make(Post{.title = "P", .content = "x"});
  for (int i = 0; i < 3; ++i)
    s.add(Comment{.content = "c" + std::to_string(i), .post = post});
  s.commit();
  std::vector<std::string> expected = {
      begin_sql(), insert_sql("INSERT INTO post (title, content) VALUES (?, ?)")};
  if (batches_inserts()) {
    // The three comments in one statement, after the post.
    expected.push_back(
        relate::sql::insert_many_sql(relate::detail::model_info<Comment>().table, 3, dialect()));
  } else {
    expected.insert(expected.end(), 3,
                    insert_sql("INSERT INTO comment (author, website, content, post_id) "
                               "VALUES (?, ?, ?, ?)"));
  }
  expected.emplace_back("COMMIT");
  EXPECT_EQ(recorder.statements(), expected);
  for (const auto& c : post->comments)
    EXPECT_EQ(c->post_id, post->id);
}

TEST_P(UnitOfWork, AddingAPostAddsItsNewComments) {
  auto s = db.session();
  auto post = make(Post{.title = "P", .content = "x"});
  post->comments.append(make(Comment{.content = "one"}));
  post->comments.append(make(Comment{.content = "two"}));
  s.add(post);  // save-update cascade
  s.commit();
  EXPECT_EQ(recorder.count("INSERT INTO comment"), batches_inserts() ? 1U : 2U);
  EXPECT_EQ(db.session().query<Comment>().filter(col(&Comment::post_id) == post->id).count(), 2);
}

TEST_P(UnitOfWork, DeletesChildrenBeforeParent) {
  auto s = db.session();
  auto post = s.add(Post{.title = "P", .content = "x"});
  s.add(Comment{.content = "a", .post = post});
  s.add(Comment{.content = "b", .post = post});
  s.commit();
  recorder.clear();
  s.remove(post);
  s.commit();
  const auto deletes = recorder.starting_with("DELETE");
  const std::vector<std::string> expected = {sql("DELETE FROM comment WHERE id = ?"),
                                             sql("DELETE FROM comment WHERE id = ?"),
                                             sql("DELETE FROM post WHERE id = ?")};
  EXPECT_EQ(deletes, expected);
}

TEST_P(UnitOfWork, NothingToWriteRunsNothing) {
  auto s = db.session();
  s.flush();
  s.commit();
  EXPECT_TRUE(recorder.statements().empty());
}

TEST_P(UnitOfWork, UpdatesOnlyTheChangedColumns) {
  auto s = db.session();
  auto c = s.add(Comment{.author = "a", .content = "b"});
  s.commit();
  recorder.clear();
  c->website = "https://example.org";
  c->content = "edited";
  s.commit();
  EXPECT_EQ(
      recorder.starting_with("UPDATE"),
      std::vector<std::string>{sql("UPDATE comment SET website = ?, content = ? WHERE id = ?")});
}

TEST_P(UnitOfWork, AFailedFlushRollsBackAndLeavesNothingBehind) {
  auto s = db.session();
  s.add(Post{.title = "first", .content = "x"});
  s.add(Comment{.content = "orphan", .post_id = 999});  // no such post
  EXPECT_THROW(s.commit(), ForeignKeyViolation);
  auto fresh = db.session();
  EXPECT_EQ(fresh.query<Post>().count(), 0);
  EXPECT_EQ(fresh.query<Comment>().count(), 0);
}

TEST_P(UnitOfWork, BulkInsertKeepsOneStatementPerRowWhereTheDialectDoesNotBatch) {
  if (batches_inserts()) GTEST_SKIP() << dialect().name() << " batches inserts";
  auto s = db.session();
  auto post = s.add(Post{.title = "P", .content = "x"});
  for (int i = 0; i < 100; ++i)
    s.add(Comment{.content = std::to_string(i), .post = post});
  s.commit();
  EXPECT_EQ(recorder.count("INSERT INTO comment"), 100U);
  EXPECT_EQ(recorder.count("BEGIN"), 1U);
  EXPECT_EQ(recorder.count("COMMIT"), 1U);
}

TEST_P(UnitOfWork, BatchedInsertWritesAModelsNewRowsInOneStatementWithTheirKeys) {
  if (!batches_inserts()) GTEST_SKIP() << dialect().name() << " inserts one row per statement";
  auto s = db.session();
  auto post = s.add(Post{.title = "P", .content = "x"});
  std::vector<Ptr<Comment>> comments;
  for (int i = 0; i < 100; ++i)
    comments.push_back(s.add(Comment{.content = std::to_string(i), .post = post}));
  s.commit();
  EXPECT_EQ(recorder.count("INSERT INTO post"), 1U);
  EXPECT_EQ(recorder.count("INSERT INTO comment"), 1U);
  EXPECT_EQ(recorder.statements().size(), 4U);  // BEGIN, post, comments, COMMIT
  // Each object got the key of its own row, and its parent's key.
  auto fresh = db.session();
  for (const auto& c : comments) {
    ASSERT_GT(c->id, 0);
    EXPECT_EQ(c->post_id, post->id);
    auto row = fresh.get<Comment>(c->id);
    ASSERT_TRUE(row);
    EXPECT_EQ(row->content, c->content);
  }
  EXPECT_EQ(fresh.query<Comment>().count(), 100);
}

TEST_P(UnitOfWork, BatchesAreCutAtTheDialectsRowLimit) {
  if (!batches_inserts()) GTEST_SKIP() << dialect().name() << " inserts one row per statement";
  const auto limit = static_cast<int>(
      relate::sql::max_rows_per_insert(relate::detail::model_info<Comment>().table, dialect()));
  auto s = db.session();
  auto post = s.add(Post{.title = "P", .content = "x"});
  for (int i = 0; i < 2 * limit + 1; ++i)
    s.add(Comment{.content = std::to_string(i), .post = post});
  s.commit();
  EXPECT_EQ(recorder.count("INSERT INTO comment"), 3U);  // limit, limit, then one row
  EXPECT_EQ(db.session().query<Comment>().count(), 2 * limit + 1);
}

TEST_P(UnitOfWork, NewObjectsOfOneDepthAreWrittenModelByModel) {
  auto s = db.session();
  for (int i = 0; i < 3; ++i) {
    s.add(Post{.title = "P" + std::to_string(i), .content = "x"});
    s.add(models::Account{.username = "a" + std::to_string(i)});
  }
  s.commit();
  // Interleaved adds: batched per model, or one statement per row in add order.
  const auto inserts = recorder.starting_with("INSERT");
  if (batches_inserts()) {
    ASSERT_EQ(inserts.size(), 2U);
    EXPECT_TRUE(inserts[0].starts_with("INSERT INTO post")) << inserts[0];
    EXPECT_TRUE(inserts[1].starts_with("INSERT INTO account")) << inserts[1];
  } else {
    ASSERT_EQ(inserts.size(), 6U);
    EXPECT_TRUE(inserts[0].starts_with("INSERT INTO post")) << inserts[0];
    EXPECT_TRUE(inserts[1].starts_with("INSERT INTO account")) << inserts[1];
  }
  EXPECT_EQ(db.session().query<models::Account>().count(), 3);
}
