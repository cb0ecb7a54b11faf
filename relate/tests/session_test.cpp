// Session basics: add, get, query, identity map, dirty detection, commit,
// rollback, close.

#include <gtest/gtest.h>

#include "test_support.hpp"

using namespace relate;
using models::Account;
using models::Comment;
using models::Post;
using relate_test::OrmTest;

using SessionTest = OrmTest;
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(SessionTest);

TEST_P(SessionTest, AddAssignsPrimaryKeysOnFlush) {
  auto s = db.session();
  auto post = s.add(Post{.title = "Hello", .content = "World"});
  EXPECT_EQ(post->id, 0);
  s.flush();
  EXPECT_EQ(post->id, 1);
  auto second = s.add(Post{.title = "Again", .content = ""});
  s.commit();
  EXPECT_EQ(second->id, 2);
}

TEST_P(SessionTest, GetReturnsTheSameObjectWithoutSql) {
  auto s = db.session();
  auto post = s.add(Post{.title = "Hello", .content = "World"});
  s.flush();  // (after a commit the object is expired: get() reads it again, see expiry_test)
  recorder.clear();
  EXPECT_EQ(s.get<Post>(post->id), post);
  EXPECT_EQ(recorder.count("SELECT"), 0U);
}

TEST_P(SessionTest, OneObjectPerPrimaryKeyPerSession) {
  {
    auto s = db.session();
    s.add(Post{.title = "Hello", .content = "World"});
    s.commit();
  }
  auto s = db.session();
  auto a = s.get<Post>(1);
  auto b = s.query<Post>().filter(col(&Post::title) == "Hello").one();
  auto c = s.query<Post>().all().front();
  EXPECT_EQ(a, b);
  EXPECT_EQ(b, c);
  // Another session has its own object for the same row.
  auto other = db.session();
  EXPECT_NE(other.get<Post>(1), a);
}

TEST_P(SessionTest, GetOfAMissingKeyIsNull) {
  auto s = db.session();
  EXPECT_FALSE(s.get<Post>(42));
  EXPECT_THROW((void)s.get<Post>(42)->title, InvalidRequestError);
}

TEST_P(SessionTest, QueryFiltersOrdersLimitsAndCounts) {
  auto s = db.session();
  for (int i = 1; i <= 5; ++i) {
    s.add(Post{.title = "Post " + std::to_string(i), .content = i % 2 ? "odd" : "even"});
  }
  s.commit();
  auto odd = s.query<Post>().filter(col(&Post::content) == "odd").order_by(desc(&Post::id)).all();
  ASSERT_EQ(odd.size(), 3U);
  EXPECT_EQ(odd[0]->title, "Post 5");
  EXPECT_EQ(odd[2]->title, "Post 1");
  auto page = s.query<Post>().order_by(asc(&Post::id)).limit(2).offset(2).all();
  ASSERT_EQ(page.size(), 2U);
  EXPECT_EQ(page[0]->id, 3);
  auto rest = s.query<Post>().order_by(asc(&Post::id)).offset(3).all();  // no limit
  ASSERT_EQ(rest.size(), 2U);
  EXPECT_EQ(rest[0]->id, 4);
  EXPECT_EQ(s.query<Post>().count(), 5);
  EXPECT_EQ(s.query<Post>().filter(col(&Post::id) > 3).count(), 2);
  EXPECT_EQ(s.query<Post>().filter(col(&Post::title).like("Post _")).count(), 5);
  EXPECT_EQ(s.query<Post>().filter(col(&Post::id).in({1, 4, 9})).count(), 2);
  EXPECT_EQ(s.query<Post>().order_by(desc(&Post::id)).first()->id, 5);
  EXPECT_FALSE(s.query<Post>().filter(col(&Post::id) > 99).first());
}

TEST_P(SessionTest, OneRequiresExactlyOneRow) {
  auto s = db.session();
  s.add(Post{.title = "a", .content = "same"});
  s.add(Post{.title = "b", .content = "same"});
  s.commit();
  EXPECT_THROW(s.query<Post>().filter(col(&Post::title) == "zzz").one(), NoResultFound);
  EXPECT_THROW(s.query<Post>().filter(col(&Post::content) == "same").one(), MultipleResultsFound);
  EXPECT_FALSE(s.query<Post>().filter(col(&Post::title) == "zzz").one_or_none());
  EXPECT_EQ(s.query<Post>().filter(col(&Post::title) == "a").one()->title, "a");
}

TEST_P(SessionTest, ChangedFieldsAreWrittenWithoutNamingThem) {
  auto s = db.session();
  auto post = s.add(Post{.title = "Draft", .content = "x"});
  s.commit();
  recorder.clear();
  post->title = "Final";
  s.commit();
  EXPECT_EQ(recorder.starting_with("UPDATE"),
            std::vector<std::string>{sql("UPDATE post SET title = ? WHERE id = ?")});
  auto fresh = db.session();
  EXPECT_EQ(fresh.get<Post>(post->id)->title, "Final");
}

TEST_P(SessionTest, UnchangedObjectsAreNotWritten) {
  auto s = db.session();
  auto post = s.add(Post{.title = "Same", .content = "x"});
  s.commit();
  recorder.clear();
  post->title = "Same";  // reached and assigned, but equal
  s.commit();
  EXPECT_EQ(recorder.count("UPDATE"), 0U);
  EXPECT_EQ(recorder.count("BEGIN"), 0U);
}

TEST_P(SessionTest, ChangesThroughAHeldReferenceAreWrittenAtCommit) {
  auto s = db.session();
  auto post = s.add(Post{.title = "Draft", .content = "x"});
  s.commit();
  Post& held = *post;
  (void)s.query<Post>().all();  // an autoflush in between
  held.content = "changed later";
  s.commit();
  EXPECT_EQ(db.session().get<Post>(post->id)->content, "changed later");
}

TEST_P(SessionTest, QueriesSeePendingChanges) {
  auto s = db.session();
  s.add(Post{.title = "Pending", .content = "x"});
  EXPECT_EQ(s.query<Post>().filter(col(&Post::title) == "Pending").count(), 1);  // autoflush
  s.rollback();
  EXPECT_EQ(s.query<Post>().count(), 0);
}

TEST_P(SessionTest, RollbackDiscardsChangesAndRestoresValues) {
  auto s = db.session();
  auto post = s.add(Post{.title = "Kept", .content = "x"});
  s.commit();
  post->title = "Flushed then rolled back";
  s.flush();
  auto extra = s.add(Post{.title = "Never", .content = "x"});
  s.flush();
  s.rollback();
  EXPECT_EQ(post->title, "Kept");
  EXPECT_EQ(extra->id, 0);  // new again
  EXPECT_EQ(s.query<Post>().count(), 1);
  EXPECT_EQ(db.session().get<Post>(post->id)->title, "Kept");
  // The rolled-back object can be added again.
  s.add(extra);
  s.commit();
  EXPECT_EQ(s.query<Post>().count(), 2);
}

TEST_P(SessionTest, DestroyingASessionRollsBackWhatWasNotCommitted) {
  {
    auto s = db.session();
    s.add(Post{.title = "Uncommitted", .content = "x"});
    s.flush();
  }
  EXPECT_EQ(db.session().query<Post>().count(), 0);
}

TEST_P(SessionTest, RemoveDeletesOnFlush) {
  auto s = db.session();
  auto post = s.add(Post{.title = "Doomed", .content = "x"});
  s.commit();
  s.remove(post);
  EXPECT_EQ(s.query<Post>().count(), 0);  // autoflushed
  s.commit();
  EXPECT_FALSE(db.session().get<Post>(1));
}

TEST_P(SessionTest, RemovingAPendingObjectJustForgetsIt) {
  auto s = db.session();
  auto post = s.add(Post{.title = "Never saved", .content = "x"});
  s.remove(post);
  s.commit();
  EXPECT_EQ(recorder.count("INSERT"), 0U);
}

TEST_P(SessionTest, AnObjectBelongsToOneSession) {
  auto a = db.session();
  auto post = a.add(Post{.title = "Mine", .content = "x"});
  auto b = db.session();
  EXPECT_THROW(b.add(post), InvalidRequestError);
  a.expunge(post);
  EXPECT_NO_THROW(b.add(post));
}

TEST_P(SessionTest, EveryColumnTypeRoundTrips) {
  using namespace std::chrono;
  const auto when = sys_days{year{2026} / 11 / 22} + hours{10} + minutes{4} + microseconds{123456};
  {
    auto s = db.session();
    s.add(Account{.username = "ada",
                  .display_name = "Ada L.",
                  .logins = 3,
                  .score = 2.5,
                  .is_admin = true,
                  .created_at = when,
                  .last_seen = std::nullopt});
    s.commit();
  }
  auto s = db.session();
  auto a = s.query<Account>().filter(col(&Account::username) == "ada").one();
  EXPECT_EQ(a->display_name, "Ada L.");
  EXPECT_EQ(a->logins, 3);
  EXPECT_DOUBLE_EQ(a->score, 2.5);
  EXPECT_TRUE(a->is_admin);
  EXPECT_EQ(a->created_at, when);
  EXPECT_FALSE(a->last_seen.has_value());
  EXPECT_EQ(s.query<Account>().filter(col(&Account::created_at) < when + seconds{1}).count(), 1);
  EXPECT_EQ(s.query<Account>().filter(col(&Account::last_seen).is_null()).count(), 1);
}

TEST_P(SessionTest, DefaultNowFillsAnUnsetTimestamp) {
  auto s = db.session();
  const auto before = std::chrono::system_clock::now();
  auto a = s.add(Account{.username = "new"});
  s.commit();
  EXPECT_GE(a->created_at, std::chrono::floor<std::chrono::microseconds>(before));
}

TEST_P(SessionTest, StatementCountCountsEveryStatement) {
  auto s = db.session();
  s.add(Post{.title = "a", .content = "x"});
  s.commit();  // BEGIN, INSERT, COMMIT
  EXPECT_EQ(s.statement_count(), 3U);
  (void)s.query<Post>().all();
  EXPECT_EQ(s.statement_count(), 4U);
}

// first() and one() used to replace the query's own limit: limit(0) read a row.
TEST_P(SessionTest, FirstAndOneKeepASmallerLimitOfTheQuery) {
  auto s = db.session();
  s.add(Post{.title = "a", .content = "x"});
  s.commit();
  EXPECT_FALSE(s.query<Post>().limit(0).first());
  EXPECT_FALSE(s.query<Post>().limit(0).one_or_none());
  EXPECT_TRUE(s.query<Post>().limit(5).first());
}
