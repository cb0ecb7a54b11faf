// Bulk writes by filter (Query::update, Query::delete_rows), as SQLAlchemy
// 2.0's update(...).where(...) and delete(...).where(...): one statement, no
// rows loaded, the objects the session holds kept in step
// (synchronize_session="fetch", by RETURNING).

#include <gtest/gtest.h>

#include "test_support.hpp"

using namespace relate;
using models::Account;
using models::Comment;
using models::Post;
using relate_test::logins_in;
using relate_test::OrmTest;

using BulkWrites = OrmTest;
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(BulkWrites);

namespace {

constexpr std::string_view kAccountColumns =
    "account.id, account.username, account.display_name, account.logins, account.score, "
    "account.is_admin, account.created_at, account.last_seen";

// ann 1, bob 5, cara 20 logins.
void add_ann_bob_and_cara(Database& db) {
  auto s = db.session();
  s.add(Account{.username = "ann", .logins = 1});
  s.add(Account{.username = "bob", .logins = 5});
  s.add(Account{.username = "cara", .logins = 20});
  s.commit();
}

}  // namespace

TEST_P(BulkWrites, AnUpdateByFilterIsOneStatementAndLoadsNoRows) {
  add_ann_bob_and_cara(db);
  auto s = db.session();
  recorder.clear();
  const std::int64_t rows =
      s.query<Account>()
          .filter(col(&Account::logins) < 10)
          .update(set(&Account::logins, 0), set(&Account::display_name, "quiet"));
  EXPECT_EQ(rows, 2);
  EXPECT_EQ(recorder.statements(),
            (std::vector<std::string>{
                begin_sql(),
                sql("UPDATE account SET logins = ?, display_name = ? WHERE account.logins < ?")}));
  s.commit();
  EXPECT_EQ(logins_in(db), (std::map<std::string, int>{{"ann", 0}, {"bob", 0}, {"cara", 20}}));
  auto check = db.session();
  EXPECT_EQ(check.query<Account>().filter(col(&Account::display_name) == "quiet").count(), 2);
}

TEST_P(BulkWrites, HeldObjectsTakeTheRowsNewValuesFromReturning) {
  add_ann_bob_and_cara(db);
  auto s = db.session();
  const auto accounts = s.query<Account>().order_by(asc(&Account::id)).all();
  recorder.clear();
  EXPECT_EQ(
      s.query<Account>().filter(col(&Account::logins) >= 5).update(set(col(&Account::logins), 99)),
      2);
  const std::string columns(kAccountColumns);
  if (dialect().update_returning()) {
    EXPECT_EQ(
        recorder.statements(),
        (std::vector<std::string>{
            begin_sql(),
            sql("UPDATE account SET logins = ? WHERE account.logins >= ? RETURNING " + columns)}));
  } else {
    // No UPDATE ... RETURNING (MySQL, MariaDB): the held rows' keys first,
    // then those rows again after the UPDATE, in its transaction.
    EXPECT_EQ(recorder.statements(),
              (std::vector<std::string>{
                  begin_sql(), sql("SELECT " + columns + " FROM account WHERE account.logins >= ?"),
                  sql("UPDATE account SET logins = ? WHERE account.logins >= ?"),
                  sql("SELECT " + columns + " FROM account WHERE account.id IN (?, ?)")}));
  }
  EXPECT_EQ(accounts[0]->logins, 1);
  EXPECT_EQ(accounts[1]->logins, 99);
  EXPECT_EQ(accounts[2]->logins, 99);
  // In step, not stale: get() answers from memory, and nothing is written back.
  recorder.clear();
  EXPECT_EQ(s.get<Account>(accounts[1]->id), accounts[1]);
  s.flush();
  EXPECT_TRUE(recorder.statements().empty());
}

TEST_P(BulkWrites, AnUpdateAutoflushesFirst) {
  add_ann_bob_and_cara(db);
  auto s = db.session();
  s.add(Account{.username = "dan", .logins = 2});
  recorder.clear();
  EXPECT_EQ(s.query<Account>().filter(col(&Account::logins) < 10).update(set(&Account::logins, 7)),
            3);
  // Without UPDATE ... RETURNING the held rows are selected before and after.
  const std::size_t update = dialect().update_returning() ? 2 : 3;
  ASSERT_EQ(recorder.statements().size(), dialect().update_returning() ? 3U : 5U);
  EXPECT_EQ(recorder.statements()[0], begin_sql());
  EXPECT_TRUE(recorder.statements()[1].starts_with("INSERT INTO account"));
  EXPECT_TRUE(recorder.statements()[update].starts_with("UPDATE account SET logins = "));
}

TEST_P(BulkWrites, ADeleteByFilterIsOneStatement) {
  add_ann_bob_and_cara(db);
  auto s = db.session();
  recorder.clear();
  EXPECT_EQ(s.query<Account>().filter(col(&Account::logins) >= 5).delete_rows(), 2);
  EXPECT_EQ(recorder.statements(),
            (std::vector<std::string>{begin_sql(),
                                      sql("DELETE FROM account WHERE account.logins >= ?")}));
  s.commit();
  EXPECT_EQ(logins_in(db), (std::map<std::string, int>{{"ann", 1}}));
}

TEST_P(BulkWrites, HeldObjectsWhoseRowsWereDeletedLeaveTheSession) {
  add_ann_bob_and_cara(db);
  auto s = db.session();
  const auto accounts = s.query<Account>().order_by(asc(&Account::id)).all();
  recorder.clear();
  EXPECT_EQ(s.query<Account>().filter(col(&Account::username) != "ann").delete_rows(), 2);
  EXPECT_EQ(recorder.statements(),
            (std::vector<std::string>{
                begin_sql(),
                sql("DELETE FROM account WHERE account.username != ? RETURNING account.id")}));
  recorder.clear();
  EXPECT_EQ(s.get<Account>(accounts[0]->id), accounts[0]);  // from memory
  EXPECT_EQ(recorder.statements().size(), 0U);
  EXPECT_FALSE(s.get<Account>(accounts[1]->id));  // not in the identity map: read, and gone
  EXPECT_EQ(recorder.statements().size(), 1U);
  // Removing a deleted object is refused as after a flush's DELETE.
  EXPECT_THROW(s.remove(accounts[2]), InvalidRequestError);
}

TEST_P(BulkWrites, DeletedChildrenLeaveTheirParentsLoadedCollections) {
  auto setup = db.session();
  auto post = setup.add(Post{.title = "p"});
  setup.add(Comment{.author = "spam", .content = "buy", .post = post});
  setup.add(Comment{.author = "ann", .content = "nice", .post = post});
  setup.commit();
  auto s = db.session();
  auto p = s.get<Post>(post->id);
  ASSERT_EQ(p->comments.size(), 2U);
  EXPECT_EQ(s.query<Comment>().filter(col(&Comment::author) == "spam").delete_rows(), 1);
  recorder.clear();
  ASSERT_EQ(p->comments.size(), 1U);
  EXPECT_EQ(p->comments[0]->author, "ann");
  EXPECT_TRUE(recorder.statements().empty());
}

TEST_P(BulkWrites, RollbackPutsBackWhatABulkWriteChangedInMemory) {
  add_ann_bob_and_cara(db);
  auto s = db.session();
  const auto accounts = s.query<Account>().order_by(asc(&Account::id)).all();
  s.query<Account>().update(set(&Account::logins, 0));
  s.query<Account>().filter(col(&Account::username) == "cara").delete_rows();
  s.rollback();
  EXPECT_EQ(accounts[0]->logins, 1);
  EXPECT_EQ(accounts[1]->logins, 5);
  EXPECT_EQ(s.get<Account>(accounts[2]->id), accounts[2]);
  EXPECT_EQ(accounts[2]->logins, 20);
  EXPECT_EQ(logins_in(db), (std::map<std::string, int>{{"ann", 1}, {"bob", 5}, {"cara", 20}}));
}

TEST_P(BulkWrites, QueriesThatDoMoreThanFilterAreRefusedWithoutSql) {
  auto s = db.session();
  recorder.clear();
  const auto q = s.query<Account>().filter(col(&Account::logins) > 1);
  EXPECT_THROW(q.limit(1).update(set(&Account::logins, 0)), InvalidRequestError);
  EXPECT_THROW(q.offset(1).delete_rows(), InvalidRequestError);
  EXPECT_THROW(q.order_by(asc(&Account::id)).delete_rows(), InvalidRequestError);
  EXPECT_THROW(q.populate_existing().update(set(&Account::logins, 0)), InvalidRequestError);
  EXPECT_THROW(s.query<Post>().options(selectinload(&Post::comments)).delete_rows(),
               InvalidRequestError);
  EXPECT_THROW(q.update(set(&Account::id, 5)), InvalidRequestError);  // the primary key
  EXPECT_TRUE(recorder.statements().empty());
}

TEST_P(BulkWrites, AWriteTheDatabaseRefusesFailsTheTransactionAsAFlushDoes) {
  add_ann_bob_and_cara(db);
  auto s = db.session();
  s.add(Account{.username = "dan"});
  EXPECT_THROW(s.query<Account>().update(set(&Account::username, "same")), UniqueViolation);
  EXPECT_THROW(s.query<Account>().count(), PendingRollbackError);
  EXPECT_THROW(s.query<Account>().delete_rows(), PendingRollbackError);
  s.rollback();
  EXPECT_EQ(s.query<Account>().count(), 3);  // dan's insert was rolled back too
}

namespace {
struct Draft {
  std::int64_t id{};
  std::string title{};
  int scratch{};  // not mapped
};
}  // namespace
template <>
inline constexpr auto relate::model<Draft> =
    relate::table<Draft>("draft", relate::column("id", &Draft::id, relate::primary_key),
                         relate::column("title", &Draft::title));

TEST_P(BulkWrites, SetOfAMemberThatIsNotAMappedColumnThrows) {
  EXPECT_THROW(set(&Draft::scratch, 1), InvalidRequestError);
  EXPECT_NO_THROW(set(&Draft::title, "t"));
}
