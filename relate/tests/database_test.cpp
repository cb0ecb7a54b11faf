// Database: tables created and dropped in dependency order, echo; on every
// backend.

#include <gtest/gtest.h>

#include <algorithm>

#include "test_support.hpp"

using namespace relate;
using relate_test::Recorder;
using relate_test::table_names;

namespace {

std::size_t position_of(const std::vector<std::string>& statements, std::string_view prefix) {
  auto it = std::find_if(statements.begin(), statements.end(),
                         [&](const std::string& s) { return s.starts_with(prefix); });
  return static_cast<std::size_t>(it - statements.begin());
}

class DatabaseTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { RELATE_REQUIRE_BACKEND(target); }

  relate_test::TestDatabase target{GetParam()};
  Recorder recorder;
};
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(DatabaseTest);

}  // namespace

TEST_P(DatabaseTest, CreateAllCreatesParentsFirstAndIncludesReferencedTables) {
  Database db{target.url(), recorder.options()};
  db.create_all<models::Comment>();  // Post comes along: comment references it
  EXPECT_EQ(table_names(db), (std::vector<std::string>{"comment", "post"}));
  const auto& s = recorder.statements();
  EXPECT_LT(position_of(s, "CREATE TABLE IF NOT EXISTS post"),
            position_of(s, "CREATE TABLE IF NOT EXISTS comment"));
  EXPECT_LT(position_of(s, "CREATE TABLE IF NOT EXISTS comment"),
            position_of(s, "CREATE INDEX IF NOT EXISTS ix_comment_post_id"));
}

TEST_P(DatabaseTest, CreateAllLeavesExistingTablesAndData) {
  Database db{target.url()};
  db.create_all<models::Post>();
  {
    auto s = db.session();
    s.add(models::Post{.title = "kept"});
    s.commit();
  }
  db.create_all<models::Post>();
  EXPECT_EQ(db.session().query<models::Post>().count(), 1);
}

TEST_P(DatabaseTest, DropAllDropsChildrenFirstAndIncludesReferencingTables) {
  Database db{target.url(), recorder.options()};
  db.create_all<models::Post, models::Comment>();
  {
    auto s = db.session();
    auto p = s.add(models::Post{.title = "p"});
    s.add(models::Comment{.content = "c", .post = p});
    s.commit();
  }
  recorder.clear();
  db.drop_all<models::Post>();  // comment references post: dropped first
  EXPECT_TRUE(table_names(db).empty());
  EXPECT_LT(position_of(recorder.statements(), "DROP TABLE IF EXISTS comment"),
            position_of(recorder.statements(), "DROP TABLE IF EXISTS post"));
}

TEST_P(DatabaseTest, CreateAllWithoutModelsCreatesEveryModelInTheProgram) {
  Database db{target.url()};
  db.create_all();
  const auto names = table_names(db);
  for (const char* t : {"post", "comment", "parent", "child", "blog", "entry", "account"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), t), names.end()) << t;
  }
}

TEST_P(DatabaseTest, EchoLogsTheSessionsStatementsWithParameters) {
  Database db{target.url()};
  db.create_all<models::Post>();
  db.set_echo(true);
  const relate::sql::Dialect& dialect = db.engine().dialect();
  std::string insert = "INSERT INTO post (title, content) VALUES (";
  dialect.append_placeholder(insert, 1);
  insert += ", ";
  dialect.append_placeholder(insert, 2);
  insert += dialect.returns_new_keys() ? ") RETURNING id" : ")";
  testing::internal::CaptureStderr();
  {
    auto s = db.session();
    s.add(models::Post{.title = "Echo", .content = "x"});
    s.commit();
  }
  const std::string out = testing::internal::GetCapturedStderr();
  EXPECT_NE(out.find("relate: " + insert + "\nrelate: [params] ('Echo', 'x')\n"), std::string::npos)
      << out;
  EXPECT_NE(out.find("relate: COMMIT"), std::string::npos);
  // A statement without parameters has no parameter line.
  EXPECT_EQ(out.find("[params] ()"), std::string::npos) << out;
}

TEST_P(DatabaseTest, SessionsSeeEachOthersCommits) {
  // On SQLite, a file: each connection to an in-memory database would be a
  // database of its own.
  relate_test::TempDatabase file;
  Database db{GetParam() == "sqlite" ? file.url() : target.url()};
  db.create_all<models::Post>();
  auto writer = db.session();
  auto reader = db.session();
  writer.add(models::Post{.title = "shared"});
  writer.commit();
  EXPECT_EQ(reader.query<models::Post>().count(), 1);
}
