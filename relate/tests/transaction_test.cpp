// Transaction rules after a failure, as SQLAlchemy's: a flush or commit
// that fails rolls its transaction back, and the session then refuses work
// (PendingRollbackError) until rollback(), so that nothing happens the caller
// did not see: rows from earlier flushes are not dropped silently, and
// objects from the failed transaction are not written by a later commit.

#include <gtest/gtest.h>

#include "test_support.hpp"

using namespace relate;
using models::Account;
using relate_test::OrmTest;
using relate_test::TempDatabase;

using Transactions = OrmTest;
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(Transactions);

namespace {

std::int64_t accounts_in(Database& db) {
  auto s = db.session();
  return s.query<Account>().count();
}

// Every call that would read or write through `s` throws PendingRollbackError.
void expect_refused(Session& s) {
  EXPECT_THROW(s.add(Account{.username = "late"}), PendingRollbackError);
  EXPECT_THROW(s.query<Account>().all(), PendingRollbackError);
  EXPECT_THROW(s.query<Account>().count(), PendingRollbackError);
  EXPECT_THROW(s.get<Account>(1), PendingRollbackError);
  EXPECT_THROW(s.flush(), PendingRollbackError);
  EXPECT_THROW(s.commit(), PendingRollbackError);
}

}  // namespace

TEST_P(Transactions, AFailedCommitRefusesWorkUntilRollback) {
  auto s = db.session();
  auto ann = s.add(Account{.username = "ann"});
  s.flush();  // ann's row is written in the open transaction
  s.add(Account{.username = "ann"});
  EXPECT_THROW(s.commit(), UniqueViolation);

  expect_refused(s);
  try {
    s.commit();
    FAIL() << "commit after a failed commit must throw";
  } catch (const PendingRollbackError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("rollback()"), std::string::npos) << what;
    EXPECT_NE(what.find("UNIQUE"), std::string::npos) << what;  // names the first failure
  }

  s.rollback();
  // ann's earlier flush was rolled back with the transaction: she is new
  // again, and nothing of the failed transaction is written by what follows.
  s.commit();
  EXPECT_EQ(accounts_in(db), 0);
  s.add(ann);
  s.commit();
  EXPECT_EQ(accounts_in(db), 1);
}

TEST_P(Transactions, AFailedFlushIsRefusedToo) {
  auto s = db.session();
  s.add(Account{.username = "ann"});
  s.commit();
  s.add(Account{.username = "ann"});
  EXPECT_THROW(s.flush(), UniqueViolation);
  expect_refused(s);
  s.rollback();
  EXPECT_EQ(s.query<Account>().count(), 1);
}

TEST_P(Transactions, AnAutoflushThatFailsIsRefusedUntilRollback) {
  auto s = db.session();
  s.add(Account{.username = "ann"});
  s.commit();
  s.add(Account{.username = "ann"});
  EXPECT_THROW(s.query<Account>().all(), UniqueViolation);
  expect_refused(s);
  s.rollback();
  EXPECT_EQ(s.query<Account>().all().size(), 1U);
}

TEST_P(Transactions, ValuesRefusedBeforeWritingAlsoNeedRollback) {
  // The same rule whether relate or the database refuses the value.
  auto s = db.session();
  s.add(Account{.username = std::string(40, 'a')});  // varchar(32)
  EXPECT_THROW(s.commit(), ValueTooLong);
  expect_refused(s);
  s.rollback();
  s.commit();
  EXPECT_EQ(accounts_in(db), 0);
}

TEST_P(Transactions, ASessionMayBeClosedOrExpungedAfterAFailure) {
  auto s = db.session();
  s.add(Account{.username = "ann"});
  s.commit();
  auto dup = s.add(Account{.username = "ann"});
  EXPECT_THROW(s.commit(), UniqueViolation);
  s.expunge(dup);
  s.expire_all();
  s.close();  // ends the failed state as rollback() does
  s.add(Account{.username = "bob"});
  s.commit();
  EXPECT_EQ(accounts_in(db), 2);
}

// A commit that failed waiting for another writer's lock kept its objects
// pending, and the next commit wrote them without the caller seeing it.
TEST_P(Transactions, ACommitThatTimedOutOnALockKeepsNothingPending) {
  const bool sqlite = GetParam() == "sqlite";
  TempDatabase file;  // SQLite: two connections need one file
  Database busy_db(sqlite ? file.url() + "?busy_timeout=50"
                          : target.url_with_server_settings("-clock_timeout%3D100"));
  if (sqlite) busy_db.create_all<Account>();

  auto holder = busy_db.session();
  holder.add(Account{.username = "ann"});
  holder.flush();  // holds SQLite's write lock, or PostgreSQL's lock on "ann"

  auto s = busy_db.session();
  s.add(Account{.username = "ann"});
  EXPECT_THROW(s.commit(), LockTimeout);
  holder.rollback();

  expect_refused(s);
  s.rollback();
  s.commit();
  EXPECT_EQ(accounts_in(busy_db), 0);
}

TEST_P(Transactions, RollbackWithoutAFailureIsStillAllowedAnyTime) {
  auto s = db.session();
  s.rollback();
  s.rollback();
  s.add(Account{.username = "ann"});
  s.commit();
  EXPECT_EQ(accounts_in(db), 1);
}
