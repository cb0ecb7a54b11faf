// What a session caches and when it reads again: commit expires what it
// loaded (SQLAlchemy's expire_on_commit), so that a session never writes
// back values that another session changed since it read them again;
// refresh, expire, expire_all and populate_existing.

#include <gtest/gtest.h>

#include "test_support.hpp"

using namespace relate;
using models::Account;
using models::Comment;
using models::Post;
using relate_test::OrmTest;

using Expiry = OrmTest;
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(Expiry);

namespace {

// Another session sets the account's logins and commits.
void set_logins_elsewhere(Database& db, std::int64_t id, int logins) {
  auto other = db.session();
  other.get<Account>(id)->logins = logins;
  other.commit();
}

std::int64_t logins_in_database(Database& db, std::int64_t id) {
  auto s = db.session();
  return s.get<Account>(id)->logins;
}

}  // namespace

// The lost update the library review found: A commits 1, B commits 77, A
// reads again and adds one. Without expiry A's re-query kept 1 and wrote 2.
TEST_P(Expiry, ASessionThatReadsAgainAfterCommitSeesAnotherSessionsWrite) {
  auto a = db.session();
  auto account = a.add(Account{.username = "ann", .logins = 1});
  a.commit();
  set_logins_elsewhere(db, account->id, 77);
  auto again = a.query<Account>().filter(col(&Account::username) == "ann").one();
  EXPECT_EQ(again, account);  // the same object, with the row's values
  EXPECT_EQ(again->logins, 77);
  again->logins += 1;
  a.commit();
  EXPECT_EQ(logins_in_database(db, account->id), 78);
}

TEST_P(Expiry, GetAfterCommitReadsTheRowAgain) {
  auto a = db.session();
  auto account = a.add(Account{.username = "ann", .logins = 1});
  a.commit();
  set_logins_elsewhere(db, account->id, 5);
  recorder.clear();
  EXPECT_EQ(a.get<Account>(account->id), account);
  EXPECT_EQ(recorder.count("SELECT"), 1U);
  EXPECT_EQ(account->logins, 5);
  // Read again, it is fresh: the next get() is answered from memory.
  recorder.clear();
  EXPECT_EQ(a.get<Account>(account->id), account);
  EXPECT_EQ(recorder.count("SELECT"), 0U);
}

TEST_P(Expiry, WithExpireOnCommitOffASessionKeepsWhatItLoaded) {
  auto a = db.session();
  a.set_expire_on_commit(false);
  auto account = a.add(Account{.username = "ann", .logins = 1});
  a.commit();
  set_logins_elsewhere(db, account->id, 5);
  recorder.clear();
  EXPECT_EQ(a.get<Account>(account->id)->logins, 1);
  EXPECT_EQ(recorder.count("SELECT"), 0U);
}

TEST_P(Expiry, RefreshReadsTheRowNowAndDiscardsUnflushedChanges) {
  auto a = db.session();
  a.set_expire_on_commit(false);
  auto account = a.add(Account{.username = "ann", .logins = 1});
  a.commit();
  set_logins_elsewhere(db, account->id, 9);
  a.set_autoflush(false);
  account->username = "changed in memory";
  recorder.clear();
  a.refresh(account);
  EXPECT_EQ(recorder.count("SELECT"), 1U);
  EXPECT_EQ(account->logins, 9);
  EXPECT_EQ(account->username, "ann");
  a.commit();  // nothing left to write
  EXPECT_EQ(db.session().get<Account>(account->id)->username, "ann");
}

// refresh() used to autoflush first, writing the changes it promises to discard.
TEST_P(Expiry, RefreshDiscardsUnflushedChangesWithAutoflushOnToo) {
  auto a = db.session();
  auto account = a.add(Account{.username = "ann", .logins = 1});
  a.commit();
  account->username = "changed in memory";
  recorder.clear();
  a.refresh(account);
  EXPECT_EQ(recorder.count("UPDATE"), 0U);
  EXPECT_EQ(account->username, "ann");
  a.commit();
  EXPECT_EQ(db.session().get<Account>(account->id)->username, "ann");
}

TEST_P(Expiry, RefreshOfADeletedRowIsAClearError) {
  auto a = db.session();
  auto account = a.add(Account{.username = "ann"});
  a.commit();
  {
    auto b = db.session();
    b.remove(b.get<Account>(account->id));
    b.commit();
  }
  try {
    a.refresh(account);
    FAIL() << "refresh of a deleted row succeeded";
  } catch (const InvalidRequestError& e) {
    EXPECT_NE(std::string(e.what()).find("its row is gone"), std::string::npos) << e.what();
  }
}

TEST_P(Expiry, ExpireAndExpireAllMakeTheNextQueryOverwriteAndReloadRelationships) {
  auto a = db.session();
  a.set_expire_on_commit(false);
  auto post = a.add(Post{.title = "Hello", .content = ""});
  a.add(Comment{.author = "ann", .content = "one", .post = post});
  a.commit();
  ASSERT_EQ(post->comments.size(), 1U);
  {
    auto b = db.session();
    auto other = b.get<Post>(post->id);
    other->title = "Edited";
    b.add(Comment{.author = "bob", .content = "two", .post = other});
    b.commit();
  }
  a.expire(post);
  EXPECT_EQ(post->comments.size(), 2U);  // reloaded
  EXPECT_EQ(a.get<Post>(post->id)->title, "Edited");
  {
    auto b = db.session();
    b.get<Post>(post->id)->title = "Again";
    b.commit();
  }
  a.expire_all();
  EXPECT_EQ(a.query<Post>().one()->title, "Again");
}

TEST_P(Expiry, PopulateExistingOverwritesTheObjectsAQueryMeets) {
  auto a = db.session();
  a.set_expire_on_commit(false);
  auto account = a.add(Account{.username = "ann", .logins = 1});
  a.commit();
  set_logins_elsewhere(db, account->id, 3);
  EXPECT_EQ(a.query<Account>().one()->logins, 1);  // the session's object wins
  EXPECT_EQ(a.query<Account>().populate_existing().one()->logins, 3);
}

// A row read again moves the object between parents when another session
// changed its key.
TEST_P(Expiry, AReadAgainFollowsAForeignKeyAnotherSessionChanged) {
  auto a = db.session();
  auto first = a.add(Post{.title = "first", .content = ""});
  auto second = a.add(Post{.title = "second", .content = ""});
  auto comment = a.add(Comment{.author = "ann", .content = "c", .post = first});
  a.commit();
  ASSERT_EQ(comment->post.get(), first);
  {
    auto b = db.session();
    b.get<Comment>(comment->id)->post_id = second->id;
    b.commit();
  }
  (void)a.query<Comment>().all();
  EXPECT_EQ(comment->post_id, second->id);
  EXPECT_EQ(comment->post.get(), second);
}
