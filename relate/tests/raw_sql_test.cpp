// Raw SQL through the session: one :name placeholder style on every
// backend, values owned by the call, run in the session's own transaction
// (a raw write used to go to another pooled connection and, on SQLite, fail
// with "database is locked" while the session held the write lock).

#include <gtest/gtest.h>

#include "../src/sql/named_params.hpp"
#include "relate/sql/dialect.hpp"
#include "test_support.hpp"

using namespace relate;
using models::Account;
using models::Comment;
using models::Post;
using relate_test::OrmTest;

// ------------------------------------------------ the placeholder rewrite

namespace {

std::string rewritten(std::string_view sql, const std::vector<NamedValue>& values,
                      const sql::Dialect& dialect = sql::postgres_dialect()) {
  return sql::bind_named(sql, values, dialect).text;
}

std::string refusal(std::string_view sql, const std::vector<NamedValue>& values) {
  try {
    rewritten(sql, values);
  } catch (const InvalidRequestError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST(NamedParams, EachPlaceholderBecomesTheDialectsAndBindsItsValueInOrder) {
  const std::vector<NamedValue> values{{"b", "two"}, {"a", 1}};
  const auto bound = sql::bind_named("SELECT :a, :b, :a", values, sql::postgres_dialect());
  EXPECT_EQ(bound.text, "SELECT $1, $2, $3");
  ASSERT_EQ(bound.params.size(), 3U);
  EXPECT_EQ(std::get<std::int64_t>(bound.params[0]), 1);
  EXPECT_EQ(std::get<std::string_view>(bound.params[1]), "two");
  EXPECT_EQ(std::get<std::int64_t>(bound.params[2]), 1);
  EXPECT_EQ(rewritten("SELECT :a", {{"a", 1}}, sql::sqlite_dialect()), "SELECT ?");
}

TEST(NamedParams, QuotesCommentsAndCastsAreLeftAlone) {
  EXPECT_EQ(rewritten("SELECT ':no', \"x:y\", '?' -- :no ?\n, :id::text /* :no ? */", {{"id", 1}}),
            "SELECT ':no', \"x:y\", '?' -- :no ?\n, $1::text /* :no ? */");
  EXPECT_EQ(rewritten("SELECT 'it''s :not', :v", {{"v", 1}}), "SELECT 'it''s :not', $1");
  EXPECT_EQ(rewritten("SELECT 'open", {}), "SELECT 'open");  // the database reports it
  EXPECT_EQ(rewritten("SELECT a[1:2] FROM t", {}), "SELECT a[1:2] FROM t");
}

TEST(NamedParams, MistakesAreClearErrors) {
  EXPECT_NE(refusal("SELECT :missing", {}).find("no value was given for :missing"),
            std::string::npos);
  EXPECT_NE(refusal("SELECT 1", {{"extra", 1}}).find(":extra, which the statement does not use"),
            std::string::npos);
  EXPECT_NE(refusal("SELECT :a", {{"a", 1}, {"a", 2}}).find("given twice"), std::string::npos);
  EXPECT_NE(refusal("SELECT * FROM t WHERE id = ?", {}).find("not '?'"), std::string::npos);
}

TEST(NamedParams, OnlyStatementsThatStartWithSelectOrValuesRead) {
  EXPECT_TRUE(sql::reads_only("  select 1"));
  EXPECT_TRUE(sql::reads_only("-- report\n/* x */ (SELECT 1) UNION SELECT 2"));
  EXPECT_TRUE(sql::reads_only("VALUES (1)"));
  EXPECT_FALSE(sql::reads_only("WITH gone AS (DELETE FROM t RETURNING *) SELECT * FROM gone"));
  EXPECT_FALSE(sql::reads_only("INSERT INTO t VALUES (1) RETURNING id"));
  EXPECT_FALSE(sql::reads_only("SELECTED"));
  EXPECT_FALSE(sql::reads_only(""));
}

// ------------------------------------------------ through the session

using RawSql = OrmTest;
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(RawSql);

TEST_P(RawSql, ExecuteRunsInTheSessionsTransactionAndConnection) {
  auto s = db.session();
  auto ann = s.add(Account{.username = "ann", .logins = 1});
  s.flush();  // the session now holds the write transaction (SQLite: the write lock)
  const std::int64_t changed = s.execute("UPDATE account SET logins = logins + :n WHERE id = :id",
                                         {{"n", 10}, {"id", ann->id}});
  EXPECT_EQ(changed, 1);  // ann's row exists only in this session's transaction
  // The raw write is visible to what the session reads next.
  EXPECT_EQ(std::get<0>(s.fetch<std::int64_t>("SELECT logins FROM account").at(0)), 11);
  s.rollback();
  EXPECT_EQ(db.session().query<Account>().count(), 0);  // rolled back with the session
}

TEST_P(RawSql, ExecuteAutoflushesAndCommitEndsItsTransaction) {
  auto s = db.session();
  s.add(Account{.username = "ann"});
  recorder.clear();
  s.execute("UPDATE account SET display_name = :name", {{"name", std::string("Ann")}});
  EXPECT_EQ(recorder.count("INSERT"), 1U);  // the pending account, flushed first
  s.commit();
  auto fresh = db.session();
  EXPECT_EQ(fresh.query<Account>().one()->display_name, "Ann");
}

TEST_P(RawSql, ParametersAreOwnedByTheCall) {
  auto s = db.session();
  {
    std::string name = "temporary";
    s.execute(
        "INSERT INTO account (username, logins, score, is_admin, created_at) "
        "VALUES (:name, 0, 0, :admin, :now)",
        {{"name", name}, {"admin", false}, {"now", std::chrono::system_clock::now()}});
    name.assign(100, 'x');  // the statement has run; the call kept its own copy
  }
  s.commit();
  EXPECT_EQ(db.session().query<Account>().one()->username, "temporary");
}

TEST_P(RawSql, FetchReturnsTypedTuplesWithOptionalForNull) {
  auto s = db.session();
  s.add(Account{.username = "ann", .display_name = "Ann", .logins = 3, .score = 1.5});
  s.add(Account{.username = "bob", .logins = 5});
  s.commit();
  using Row = std::tuple<std::string, std::optional<std::string>, int, double>;
  const auto rows = s.fetch<std::string, std::optional<std::string>, int, double>(
      "SELECT username, display_name, logins, score FROM account WHERE logins >= :min "
      "ORDER BY username",
      {{"min", 1}});
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0], Row("ann", "Ann", 3, 1.5));
  EXPECT_EQ(rows[1], Row("bob", std::nullopt, 5, 0.0));
}

TEST_P(RawSql, FetchChecksColumnsAndNulls) {
  auto s = db.session();
  s.add(Account{.username = "bob"});
  s.commit();
  EXPECT_THROW(s.fetch<std::string>("SELECT username, logins FROM account"), InvalidRequestError);
  try {
    s.fetch<std::string>("SELECT display_name FROM account");
    FAIL() << "a NULL read into a double";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("std::optional"), std::string::npos) << e.what();
  }
  // Errors reading into C++ leave the session usable.
  EXPECT_EQ(s.query<Account>().count(), 1);
}

TEST_P(RawSql, AReadOnlyFetchTakesNoWriteLock) {
  auto s = db.session();
  recorder.clear();
  s.fetch<std::int64_t>("SELECT count(*) FROM account");
  EXPECT_EQ(recorder.count(begin_sql()), 0U);
  // A write that returns rows runs in the write transaction.
  const auto ids = s.fetch<std::int64_t>(
      "INSERT INTO account (username, logins, score, is_admin, created_at) "
      "VALUES ('ann', 0, 0, :no, :now) RETURNING id",
      {{"no", false}, {"now", std::chrono::system_clock::now()}});
  EXPECT_EQ(recorder.count(begin_sql()), 1U);
  ASSERT_EQ(ids.size(), 1U);
  s.rollback();
  EXPECT_EQ(db.session().query<Account>().count(), 0);
}

TEST_P(RawSql, FetchObjectsGoesThroughTheIdentityMap) {
  auto s = db.session();
  auto post = s.add(Post{.title = "Hello", .content = "x"});
  s.add(Comment{.author = "ann", .content = "one", .post = post});
  s.commit();
  const auto posts = s.fetch_objects<Post>(
      "SELECT post.* FROM post JOIN comment ON comment.post_id = post.id "
      "WHERE comment.author = :author",
      {{"author", "ann"}});
  ASSERT_EQ(posts.size(), 1U);
  EXPECT_EQ(posts[0], post);  // the object the session holds
  EXPECT_EQ(posts[0]->title, "Hello");
  EXPECT_EQ(posts[0]->comments.size(), 1U);  // relationships load as usual
}

TEST_P(RawSql, FetchObjectsNamesTheColumnsItNeeds) {
  auto s = db.session();
  s.add(Post{.title = "Hello", .content = "x"});
  s.commit();
  try {
    s.fetch_objects<Post>("SELECT title, id FROM post");
    FAIL() << "columns out of order were read";
  } catch (const InvalidRequestError& e) {
    EXPECT_NE(std::string(e.what()).find("needs the columns id, title, content"), std::string::npos)
        << e.what();
  }
}

TEST_P(RawSql, AStatementTheDatabaseRefusesFailsTheTransactionAsAFlushDoes) {
  auto s = db.session();
  s.add(Account{.username = "ann"});
  s.flush();
  EXPECT_THROW(s.execute("INSERT INTO account (username) VALUES (:u)", {{"u", "ann"}}),
               IntegrityError);
  EXPECT_THROW(s.execute("SELECT 1"), PendingRollbackError);
  s.rollback();
  EXPECT_EQ(s.execute("UPDATE account SET logins = 1"), 0);  // ann went with the rollback
}

TEST_P(RawSql, StatementsAreCountedAndEchoedLikeTheSessionsOwn) {
  auto s = db.session();
  const auto before = s.statement_count();
  recorder.clear();
  s.fetch<std::int64_t>("SELECT count(*) FROM post WHERE title = :t", {{"t", "x"}});
  EXPECT_EQ(s.statement_count(), before + 1);
  EXPECT_EQ(recorder.statements().back(), sql("SELECT count(*) FROM post WHERE title = ?"));
  auto budget = s.budget(0);
  EXPECT_THROW(s.execute("DELETE FROM post"), StatementBudgetExceeded);
}
