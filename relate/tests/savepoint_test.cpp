// Savepoints (Session::begin_nested, Session::nested), as SQLAlchemy's
// begin_nested(): SAVEPOINT / RELEASE / ROLLBACK TO in the session's
// transaction, the outer transaction going on after a nested failure, and
// the session's objects matching the database after a rollback to one.

#include <gtest/gtest.h>

#include <stdexcept>

#include "test_support.hpp"

using namespace relate;
using models::Account;
using models::Comment;
using models::Post;
using relate_test::logins_in;
using relate_test::OrmTest;

using Savepoints = OrmTest;
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(Savepoints);

TEST_P(Savepoints, ACommittedSavepointKeepsItsChangesInTheTransaction) {
  auto s = db.session();
  auto ann = s.add(Account{.username = "ann", .logins = 1});
  s.commit();
  recorder.clear();
  Savepoint sp = s.begin_nested();
  EXPECT_TRUE(sp.active());
  ann->logins = 5;
  s.add(Account{.username = "bob"});
  sp.commit();
  EXPECT_FALSE(sp.active());
  const auto& run = recorder.statements();
  ASSERT_EQ(run.size(), 5U);  // BEGIN, SAVEPOINT, INSERT, UPDATE, RELEASE
  EXPECT_EQ(run[0], begin_sql());
  EXPECT_EQ(run[1], "SAVEPOINT relate_savepoint_1");
  EXPECT_EQ(run.back(), "RELEASE SAVEPOINT relate_savepoint_1");
  EXPECT_EQ(recorder.count("INSERT INTO account"), 1U);
  EXPECT_EQ(recorder.count("UPDATE account"), 1U);
  s.commit();
  EXPECT_EQ(logins_in(db), (std::map<std::string, int>{{"ann", 5}, {"bob", 0}}));
}

TEST_P(Savepoints, RollingBackPutsTheDatabaseAndTheSessionsObjectsBack) {
  auto s = db.session();
  s.set_expire_on_commit(false);
  auto ann = s.add(Account{.username = "ann", .logins = 1});
  auto carl = s.add(Account{.username = "carl", .logins = 3});
  s.commit();
  auto dora = s.add(Account{.username = "dora"});
  s.flush();  // the outer transaction's write, which stays
  Savepoint sp = s.begin_nested();
  ann->logins = 7;
  auto bob = s.add(Account{.username = "bob"});
  s.remove(carl);
  s.flush();
  EXPECT_NE(bob->id, 0);
  recorder.clear();
  sp.rollback();
  EXPECT_EQ(recorder.statements(),
            (std::vector<std::string>{"ROLLBACK TO SAVEPOINT relate_savepoint_1"}));
  EXPECT_FALSE(sp.active());
  // Updated: its value at the savepoint. Inserted: new again. Deleted: back.
  EXPECT_EQ(ann->logins, 1);
  EXPECT_EQ(bob->id, 0);
  recorder.clear();
  EXPECT_EQ(s.get<Account>(carl->id), carl);  // in the identity map again: no SQL
  EXPECT_EQ(s.get<Account>(dora->id), dora);
  EXPECT_TRUE(recorder.statements().empty());
  // The outer transaction goes on; bob may be added again.
  s.add(bob);
  s.commit();
  EXPECT_EQ(logins_in(db),
            (std::map<std::string, int>{{"ann", 1}, {"bob", 0}, {"carl", 3}, {"dora", 0}}));
}

TEST_P(Savepoints, ChangesNotFlushedInsideAreDroppedWithoutWriting) {
  auto s = db.session();
  s.set_expire_on_commit(false);
  auto ann = s.add(Account{.username = "ann", .logins = 1});
  s.commit();
  {
    Savepoint sp = s.begin_nested();
    ann->logins = 9;
    s.add(Account{.username = "bob"});
  }  // the destructor rolls back
  EXPECT_EQ(recorder.count("UPDATE"), 0U);
  EXPECT_EQ(recorder.count("INSERT INTO account (username"), 1U);  // ann only
  EXPECT_EQ(recorder.count("ROLLBACK TO SAVEPOINT relate_savepoint_1"), 1U);
  EXPECT_EQ(ann->logins, 1);
  s.commit();
  EXPECT_EQ(logins_in(db), (std::map<std::string, int>{{"ann", 1}}));
}

TEST_P(Savepoints, NestedReleasesWhenTheBodyReturnsAndGivesItsResult) {
  auto s = db.session();
  const int answer = s.nested([&] {
    s.add(Account{.username = "ann"});
    return 42;
  });
  EXPECT_EQ(answer, 42);
  EXPECT_EQ(recorder.count("RELEASE SAVEPOINT relate_savepoint_1"), 1U);
  EXPECT_EQ(recorder.count("ROLLBACK"), 0U);
  s.commit();
  EXPECT_EQ(logins_in(db), (std::map<std::string, int>{{"ann", 0}}));
}

TEST_P(Savepoints, NestedRollsBackWhenTheBodyThrowsAndRethrows) {
  auto s = db.session();
  s.set_expire_on_commit(false);
  auto ann = s.add(Account{.username = "ann", .logins = 1});
  s.commit();
  EXPECT_THROW(s.nested([&] {
    ann->logins = 5;
    s.flush();
    throw std::runtime_error("changed my mind");
  }),
               std::runtime_error);
  EXPECT_EQ(recorder.count("ROLLBACK TO SAVEPOINT relate_savepoint_1"), 1U);
  EXPECT_EQ(ann->logins, 1);
  s.add(Account{.username = "bob"});
  s.commit();  // the outer transaction went on
  EXPECT_EQ(logins_in(db), (std::map<std::string, int>{{"ann", 1}, {"bob", 0}}));
}

TEST_P(Savepoints, AFailedFlushInsideRollsBackOnlyTheSavepoint) {
  auto s = db.session();
  s.add(Account{.username = "ann"});
  s.commit();
  auto dora = s.add(Account{.username = "dora"});
  s.flush();
  recorder.clear();
  EXPECT_THROW(s.nested([&] {
    s.add(Account{.username = "ann"});
    s.flush();
  }),
               UniqueViolation);
  EXPECT_EQ(recorder.count("ROLLBACK TO SAVEPOINT relate_savepoint_1"), 1U);  // once
  EXPECT_EQ(recorder.count("ROLLBACK"), 1U);  // and not the transaction
  EXPECT_NE(dora->id, 0);
  s.commit();
  EXPECT_EQ(logins_in(db), (std::map<std::string, int>{{"ann", 0}, {"dora", 0}}));
}

TEST_P(Savepoints, AfterAFailureInsideTheSessionWaitsForTheSavepointToEnd) {
  auto s = db.session();
  s.add(Account{.username = "ann"});
  s.commit();
  s.add(Account{.username = "dora"});
  Savepoint sp = s.begin_nested();
  s.add(Account{.username = "ann"});
  EXPECT_THROW(s.flush(), UniqueViolation);
  // SQLAlchemy's inactive nested transaction: refused until it ends.
  EXPECT_THROW(s.query<Account>().count(), PendingRollbackError);
  EXPECT_THROW(s.add(Account{.username = "eve"}), PendingRollbackError);
  EXPECT_THROW(sp.commit(), PendingRollbackError);
  EXPECT_THROW(s.begin_nested(), PendingRollbackError);
  EXPECT_TRUE(sp.active());
  recorder.clear();
  sp.rollback();  // already rolled back in the database: no statement
  EXPECT_TRUE(recorder.statements().empty());
  EXPECT_EQ(s.query<Account>().count(), 2);  // ann, and the outer dora
  s.commit();
  EXPECT_EQ(logins_in(db), (std::map<std::string, int>{{"ann", 0}, {"dora", 0}}));
}

TEST_P(Savepoints, AFailedRawStatementInsideRollsBackOnlyTheSavepoint) {
  auto s = db.session();
  s.add(Account{.username = "ann"});
  s.commit();
  s.add(Account{.username = "dora"});
  EXPECT_THROW(s.nested([&] {
    s.execute("INSERT INTO account (username, score) VALUES (:name, 0)",
              {{"name", std::string("ann")}});
  }),
               UniqueViolation);
  s.commit();
  EXPECT_EQ(logins_in(db), (std::map<std::string, int>{{"ann", 0}, {"dora", 0}}));
}

TEST_P(Savepoints, SavepointsNestAndEachRollsBackToItsOwnPoint) {
  auto s = db.session();
  s.set_expire_on_commit(false);
  auto ann = s.add(Account{.username = "ann", .logins = 1});
  s.commit();
  Savepoint outer = s.begin_nested();
  ann->logins = 2;
  s.flush();
  {
    Savepoint inner = s.begin_nested();
    ann->logins = 3;
    auto bob = s.add(Account{.username = "bob"});
    s.flush();
    inner.rollback();
    EXPECT_EQ(ann->logins, 2);
    EXPECT_EQ(bob->id, 0);
  }
  s.nested([&] {
    ann->logins = 4;
    s.nested([&] { ann->logins = 5; });  // released into its parent
  });
  EXPECT_EQ(ann->logins, 5);
  EXPECT_EQ(recorder.count("SAVEPOINT relate_savepoint_"), 4U);
  outer.rollback();  // undoes the released inner savepoints too
  EXPECT_EQ(ann->logins, 1);
  EXPECT_EQ(recorder.statements().back(), "ROLLBACK TO SAVEPOINT relate_savepoint_1");
  s.commit();
  EXPECT_EQ(logins_in(db), (std::map<std::string, int>{{"ann", 1}}));
}

TEST_P(Savepoints, ReleasedInnerSavepointsCommitWithTheOuterOne) {
  auto s = db.session();
  auto ann = s.add(Account{.username = "ann", .logins = 1});
  s.commit();
  s.nested([&] {
    ann->logins = 2;
    s.nested([&] { s.add(Account{.username = "bob", .logins = 3}); });
  });
  s.commit();
  EXPECT_EQ(logins_in(db), (std::map<std::string, int>{{"ann", 2}, {"bob", 3}}));
}

TEST_P(Savepoints, CommitAndRollbackOfTheSessionEndOpenSavepoints) {
  auto s = db.session();
  Savepoint sp = s.begin_nested();
  s.add(Account{.username = "ann"});
  s.commit();
  EXPECT_FALSE(sp.active());
  EXPECT_THROW(sp.commit(), InvalidRequestError);
  Savepoint again = s.begin_nested();
  s.add(Account{.username = "bob"});
  s.rollback();
  EXPECT_FALSE(again.active());
  recorder.clear();
  again.rollback();  // nothing left to do
  EXPECT_TRUE(recorder.statements().empty());
  EXPECT_EQ(logins_in(db), (std::map<std::string, int>{{"ann", 0}}));
}

TEST_P(Savepoints, BulkWritesInsideAreUndoneWithTheSavepoint) {
  auto s = db.session();
  s.set_expire_on_commit(false);
  auto ann = s.add(Account{.username = "ann", .logins = 1});
  auto bob = s.add(Account{.username = "bob", .logins = 2});
  s.commit();
  {
    Savepoint sp = s.begin_nested();
    s.query<Account>().update(set(&Account::logins, 50));
    s.query<Account>().filter(col(&Account::username) == "bob").delete_rows();
    EXPECT_EQ(ann->logins, 50);
  }
  EXPECT_EQ(ann->logins, 1);
  recorder.clear();
  EXPECT_EQ(s.get<Account>(bob->id), bob);
  EXPECT_TRUE(recorder.statements().empty());
  EXPECT_EQ(bob->logins, 2);
  s.commit();
  EXPECT_EQ(logins_in(db), (std::map<std::string, int>{{"ann", 1}, {"bob", 2}}));
}

TEST_P(Savepoints, RelationshipsLoadWhatTheDatabaseHoldsAfterARollback) {
  auto s = db.session();
  auto post = s.add(Post{.title = "p"});
  s.add(Comment{.author = "ann", .content = "first", .post = post});
  s.commit();
  ASSERT_EQ(post->comments.size(), 1U);
  {
    Savepoint sp = s.begin_nested();
    post->comments.append(make(Comment{.author = "bob", .content = "second"}));
    s.flush();
    ASSERT_EQ(post->comments.size(), 2U);
  }
  ASSERT_EQ(post->comments.size(), 1U);
  EXPECT_EQ(post->comments[0]->author, "ann");
  s.commit();
  auto check = db.session();
  EXPECT_EQ(check.query<Comment>().count(), 1);
}

TEST_P(Savepoints, AFailureInTheSavepointsOwnFlushRollsItBackAndTheOuterGoesOn) {
  auto s = db.session();
  s.add(Account{.username = "ann"});
  s.commit();
  auto dora = s.add(Account{.username = "dora"});
  // The duplicate is written by the flush of the savepoint's commit.
  EXPECT_THROW(s.nested([&] { s.add(Account{.username = "ann"}); }), UniqueViolation);
  EXPECT_EQ(recorder.count("ROLLBACK TO SAVEPOINT relate_savepoint_1"), 1U);
  EXPECT_EQ(recorder.count("RELEASE"), 0U);
  EXPECT_NE(dora->id, 0);  // flushed before the savepoint began
  EXPECT_EQ(s.query<Account>().count(), 2);
  s.commit();
  EXPECT_EQ(logins_in(db), (std::map<std::string, int>{{"ann", 0}, {"dora", 0}}));
}

TEST_P(Savepoints, SavepointStatementsAreCountedButNotBudgeted) {
  auto s = db.session();
  s.add(Account{.username = "ann"});
  s.commit();
  const std::uint64_t before = s.statement_count();
  auto budget = s.budget(1);
  s.nested([&] { s.query<Account>().count(); });
  EXPECT_EQ(budget.used(), 1U);                 // the count
  EXPECT_EQ(s.statement_count() - before, 4U);  // BEGIN, SAVEPOINT, SELECT, RELEASE
}
