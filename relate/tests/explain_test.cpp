// The index check: Session::explain() gives the backend's plan and the tables
// it reads whole where an index would serve; Database::set_scan_check()
// checks every SELECT before it runs. The plan readers are also tested on
// plans as the backends print them, without a database.

#include <gtest/gtest.h>

#include "relate/connection/plan_readers.hpp"
#include "test_support.hpp"

using namespace relate;
using models::Account;
using models::Comment;
using models::Entry;
using models::Post;
using relate_test::OrmTest;

using IndexCheck = OrmTest;
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(IndexCheck);

namespace {

using Tables = std::vector<std::string>;

void add_rows(Database& db) {
  auto s = db.session();
  for (int i = 1; i <= 5; ++i) {
    auto post = s.add(Post{.title = "post " + std::to_string(i), .content = "text"});
    s.add(Comment{.author = "ann", .content = "hi", .post = post});
    s.add(Account{.username = "user" + std::to_string(i), .score = i * 1.0});
  }
  s.commit();
}

}  // namespace

TEST_P(IndexCheck, LookupsByKeyForeignKeyAndIndexedColumnUseAnIndex) {
  add_rows(db);
  auto s = db.session();
  const QueryPlan by_key = s.explain(s.query<Post>().filter(col(&Post::id) == 2));
  EXPECT_FALSE(by_key.lines.empty());
  EXPECT_EQ(by_key.full_scans, Tables{}) << by_key.text();
  const QueryPlan by_fk = s.explain(s.query<Comment>().filter(col(&Comment::post_id) == 2));
  EXPECT_EQ(by_fk.full_scans, Tables{}) << by_fk.text();
  const QueryPlan by_index = s.explain(s.query<Account>().filter(col(&Account::score) > 3.0));
  EXPECT_EQ(by_index.full_scans, Tables{}) << by_index.text();
  const QueryPlan unique = s.explain(s.query<Account>().filter(col(&Account::username) == "x"));
  EXPECT_EQ(unique.full_scans, Tables{}) << unique.text();
}

TEST_P(IndexCheck, AFilterOnAColumnWithoutAnIndexIsAFullScan) {
  add_rows(db);
  auto s = db.session();
  const QueryPlan plan = s.explain(s.query<Account>().filter(col(&Account::display_name) == "Ann"));
  EXPECT_EQ(plan.full_scans, Tables{"account"}) << plan.text();
}

TEST_P(IndexCheck, OrderingByAColumnWithoutAnIndexIsAFullScanAndByAnIndexedOneIsNot) {
  add_rows(db);
  auto s = db.session();
  const QueryPlan unindexed = s.explain(s.query<Entry>().order_by(desc(&Entry::rank)).limit(10));
  if (unindexed.judges_sorts) {
    EXPECT_EQ(unindexed.full_scans, Tables{"entry"}) << unindexed.text();
  }
  const QueryPlan indexed = s.explain(s.query<Account>().order_by(desc(&Account::score)).limit(10));
  EXPECT_EQ(indexed.full_scans, Tables{}) << indexed.text();
}

TEST_P(IndexCheck, AListingOfATableIsNotAFullScan) {
  add_rows(db);
  auto s = db.session();
  const QueryPlan all = s.explain(s.query<Post>());
  EXPECT_EQ(all.full_scans, Tables{}) << all.text();
  const QueryPlan newest = s.explain(s.query<Post>().order_by(desc(&Post::id)).limit(3));
  EXPECT_EQ(newest.full_scans, Tables{}) << newest.text();
}

TEST_P(IndexCheck, ExplainRunsOnlyThePlannerAndRawSqlTakesNamedParameters) {
  add_rows(db);
  auto s = db.session();
  const std::uint64_t before = s.statement_count();
  recorder.clear();
  const QueryPlan plan =
      s.explain("SELECT id FROM account WHERE display_name = :name", {{"name", "Ann"}});
  EXPECT_EQ(plan.full_scans, Tables{"account"}) << plan.text();
  EXPECT_EQ(s.statement_count(), before);
  EXPECT_TRUE(recorder.statements().empty());
  EXPECT_THROW(s.explain("SELECT id FROM no_such_table"), DatabaseError);
}

TEST_P(IndexCheck, RaiseModeRefusesAFullScanBeforeItRunsAndLetsIndexedQueriesRun) {
  add_rows(db);
  db.set_scan_check(ScanCheck::raise);
  auto s = db.session();
  recorder.clear();
  try {
    (void)s.query<Account>().filter(col(&Account::display_name) == "Ann").all();
    ADD_FAILURE() << "expected FullScanError";
  } catch (const FullScanError& e) {
    EXPECT_NE(std::string(e.what()).find("full scan of account"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(recorder.statements().empty()) << "the refused statement ran";
  // A page-style read: a post by key, its comments (a lazy load by the
  // indexed foreign key), a count: all served by indexes, each run once.
  auto post = s.get<Post>(2);
  ASSERT_TRUE(post);
  EXPECT_EQ(post->comments.size(), 1U);
  EXPECT_EQ(s.query<Comment>().filter(col(&Comment::post_id) == 2).count(), 1);
  EXPECT_EQ(recorder.statements().size(), 3U);
}

TEST_P(IndexCheck, WarnModeReportsTheScanAndRunsTheStatement) {
  add_rows(db);
  std::vector<std::string> warnings;
  db.on_warning([&](std::string_view message) { warnings.emplace_back(message); });
  db.set_scan_check(ScanCheck::warn);
  auto s = db.session();
  const auto found = s.query<Account>().filter(col(&Account::display_name) == "Ann").all();
  EXPECT_TRUE(found.empty());
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_NE(warnings[0].find("full scan of account"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[0].find("display_name"), std::string::npos) << warnings[0];
  (void)s.query<Post>().filter(col(&Post::id) == 1).all();
  EXPECT_EQ(warnings.size(), 1U);
  db.set_scan_check(ScanCheck::off);
  (void)s.query<Entry>().order_by(desc(&Entry::rank)).limit(2).all();
  EXPECT_EQ(warnings.size(), 1U);
}

// ---- the readers, on plans as the backends print them

TEST(SqlitePlanReader, FindsScansThatFilterJoinOrSortAndNotListings) {
  using plan::sqlite_full_scans;
  using plan::SqliteStep;
  EXPECT_EQ(sqlite_full_scans({{2, 0, "SCAN post"}}, "SELECT * FROM post"), Tables{});
  EXPECT_EQ(sqlite_full_scans({{2, 0, "SCAN post"}}, "SELECT * FROM post WHERE title = ?"),
            Tables{"post"});
  EXPECT_EQ(sqlite_full_scans({{3, 0, "SEARCH post USING INTEGER PRIMARY KEY (rowid=?)"}},
                              "SELECT * FROM post WHERE id = ?"),
            Tables{});
  EXPECT_EQ(sqlite_full_scans({{2, 0, "SCAN comment"}, {9, 0, "USE TEMP B-TREE FOR ORDER BY"}},
                              "SELECT * FROM comment ORDER BY created DESC LIMIT ?"),
            Tables{"comment"});
  EXPECT_EQ(sqlite_full_scans({{2, 0, "SCAN post"}, {4, 0, "SCAN comment"}},
                              "SELECT * FROM post JOIN comment ON comment.post_id = post.id"),
            Tables{"comment"});
  EXPECT_EQ(sqlite_full_scans(
                {{2, 0, "SCAN post"},
                 {4, 0, "SEARCH comment USING COVERING INDEX ix_comment_post_id (post_id=?)"}},
                "SELECT post.id, count(comment.id) FROM post LEFT JOIN comment ON ..."),
            Tables{});
  // The statement's WHERE is the subquery's, which searches by index.
  EXPECT_EQ(sqlite_full_scans({{2, 0, "SCAN post"},
                               {5, 0, "CORRELATED SCALAR SUBQUERY 1"},
                               {9, 5, "SEARCH comment USING INDEX ix_comment_post_id (post_id=?)"}},
                              "SELECT * FROM post WHERE EXISTS (SELECT 1 FROM comment WHERE ...)"),
            Tables{});
  EXPECT_EQ(
      sqlite_full_scans(
          {{2, 0, "SCAN post"}, {5, 0, "CORRELATED SCALAR SUBQUERY 1"}, {9, 5, "SCAN comment"}},
          "SELECT * FROM post WHERE EXISTS (SELECT 1 FROM comment WHERE ...)"),
      Tables{"comment"});
  EXPECT_EQ(sqlite_full_scans({{2, 0, "SCAN post"}, {7, 0, "USE TEMP B-TREE FOR GROUP BY"}},
                              "SELECT status, count(*) FROM post GROUP BY status"),
            Tables{});
  // A subquery's result read back under its alias (here the table's own name) is not the table.
  EXPECT_EQ(
      sqlite_full_scans({{2, 0, "CO-ROUTINE user"},
                         {5, 2, "SEARCH user USING INDEX uq_user_username (username=?)"},
                         {9, 0, "SCAN user"},
                         {11, 0, "SEARCH j1 USING INDEX uq_profile_user_id (user_id=?)"},
                         {20, 0, "USE TEMP B-TREE FOR ORDER BY"}},
                        "SELECT ... FROM (SELECT ... FROM user WHERE username = ? LIMIT ?) AS "
                        "user LEFT OUTER JOIN profile ... ORDER BY user.id"),
      Tables{});
  EXPECT_EQ(sqlite_full_scans({{2, 0, "SCAN post"}},
                              "SELECT * FROM post WHERE published = ? ORDER BY id DESC LIMIT ?"),
            Tables{});
  EXPECT_EQ(sqlite_full_scans({{2, 0, "SCAN post"}, {7, 0, "USE TEMP B-TREE FOR ORDER BY"}},
                              "SELECT * FROM post WHERE published = ? ORDER BY title LIMIT ?"),
            Tables{"post"});
  EXPECT_EQ(sqlite_full_scans({{2, 0, "SCAN post USING COVERING INDEX ix_post_title"}},
                              "SELECT title FROM post WHERE title > ?"),
            Tables{});
}

TEST(PostgresPlanReader, FindsSeqScansThatFilterJoinOrSortAndNotListings) {
  using plan::postgres_full_scans;
  EXPECT_EQ(postgres_full_scans({"Seq Scan on post"}), Tables{});
  EXPECT_EQ(postgres_full_scans({"Seq Scan on account", "  Filter: (display_name = 'x'::text)"}),
            Tables{"account"});
  EXPECT_EQ(postgres_full_scans({"Index Scan using post_pkey on post", "  Index Cond: (id = 2)"}),
            Tables{});
  EXPECT_EQ(postgres_full_scans({"Limit", "  ->  Sort", "        Sort Key: rank DESC",
                                 "        ->  Seq Scan on entry"}),
            Tables{"entry"});
  EXPECT_EQ(postgres_full_scans({"Hash Join", "  Hash Cond: (comment.post_id = post.id)",
                                 "  ->  Seq Scan on post", "  ->  Hash",
                                 "        ->  Seq Scan on comment"}),
            Tables{"comment"});
  EXPECT_EQ(postgres_full_scans({"Nested Loop Left Join", "  ->  Seq Scan on post",
                                 "  ->  Index Scan using ix_comment_post_id on comment",
                                 "        Index Cond: (post_id = post.id)"}),
            Tables{});
  EXPECT_EQ(postgres_full_scans({"Aggregate", "  ->  Seq Scan on comment"}), Tables{});
  // Grouping every row reads them all whatever the indexes.
  EXPECT_EQ(postgres_full_scans({"GroupAggregate", "  Group Key: status", "  ->  Sort",
                                 "        Sort Key: status", "        ->  Seq Scan on post"}),
            Tables{});
}

TEST(PlanReader, KnowsWhichStatementsAreQueries) {
  EXPECT_TRUE(plan::is_query("SELECT 1"));
  EXPECT_TRUE(plan::is_query("  select id from post"));
  EXPECT_TRUE(plan::is_query("WITH t AS (SELECT 1) SELECT * FROM t"));
  EXPECT_FALSE(plan::is_query("INSERT INTO post (title) VALUES (?)"));
  EXPECT_FALSE(plan::is_query("SELECTED"));
  EXPECT_FALSE(plan::is_query("UPDATE post SET title = ? WHERE id IN (SELECT 1)"));
}
