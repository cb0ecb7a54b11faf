// Database: tables created and dropped in dependency order, echo.

#include <gtest/gtest.h>

#include <algorithm>

#include "test_support.hpp"

using namespace relate;
using relate_test::Recorder;

namespace {

std::vector<std::string> tables(Database& db) {
  auto c = db.engine().connect();
  auto cursor = c->execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  std::vector<std::string> names;
  while (cursor.next()) names.emplace_back(cursor.get_text(0));
  return names;
}

std::size_t position_of(const std::vector<std::string>& statements, std::string_view prefix) {
  auto it = std::find_if(statements.begin(), statements.end(),
                         [&](const std::string& s) { return s.starts_with(prefix); });
  return static_cast<std::size_t>(it - statements.begin());
}

}  // namespace

TEST(Database, CreateAllCreatesParentsFirstAndIncludesReferencedTables) {
  Recorder recorder;
  Database db{"sqlite://", recorder.options()};
  db.create_all<models::Comment>();  // Post comes along: comment references it
  EXPECT_EQ(tables(db), (std::vector<std::string>{"comment", "post"}));
  const auto& s = recorder.statements();
  EXPECT_LT(position_of(s, "CREATE TABLE IF NOT EXISTS post"),
            position_of(s, "CREATE TABLE IF NOT EXISTS comment"));
  EXPECT_LT(position_of(s, "CREATE TABLE IF NOT EXISTS comment"),
            position_of(s, "CREATE INDEX IF NOT EXISTS ix_comment_post_id"));
}

TEST(Database, CreateAllLeavesExistingTablesAndData) {
  Database db{"sqlite://"};
  db.create_all<models::Post>();
  {
    auto s = db.session();
    s.add(models::Post{.title = "kept"});
    s.commit();
  }
  db.create_all<models::Post>();
  EXPECT_EQ(db.session().query<models::Post>().count(), 1);
}

TEST(Database, DropAllDropsChildrenFirstAndIncludesReferencingTables) {
  Recorder recorder;
  Database db{"sqlite://", recorder.options()};
  db.create_all<models::Post, models::Comment>();
  {
    auto s = db.session();
    auto p = s.add(models::Post{.title = "p"});
    s.add(models::Comment{.content = "c", .post = p});
    s.commit();
  }
  recorder.clear();
  db.drop_all<models::Post>();  // comment references post: dropped first
  EXPECT_TRUE(tables(db).empty());
  EXPECT_LT(position_of(recorder.statements(), "DROP TABLE IF EXISTS comment"),
            position_of(recorder.statements(), "DROP TABLE IF EXISTS post"));
}

TEST(Database, CreateAllWithoutModelsCreatesEveryModelInTheProgram) {
  Database db{"sqlite://"};
  db.create_all();
  const auto names = tables(db);
  for (const char* t : {"post", "comment", "parent", "child", "blog", "entry", "account"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), t), names.end()) << t;
  }
}

TEST(Database, EchoLogsTheSessionsStatementsWithParameters) {
  Database db{"sqlite://"};
  db.create_all<models::Post>();
  db.set_echo(true);
  testing::internal::CaptureStderr();
  {
    auto s = db.session();
    s.add(models::Post{.title = "Echo", .content = "x"});
    s.commit();
  }
  const std::string out = testing::internal::GetCapturedStderr();
  EXPECT_NE(out.find("relate: INSERT INTO post (title, content) VALUES (?, ?)\n"
                     "relate: [params] ('Echo', 'x')\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("relate: COMMIT"), std::string::npos);
}

TEST(Database, SessionsOnOneFileSeeEachOthersCommits) {
  relate_test::TempDatabase file;
  Database db{file.url()};
  db.create_all<models::Post>();
  auto writer = db.session();
  auto reader = db.session();
  writer.add(models::Post{.title = "shared"});
  writer.commit();
  EXPECT_EQ(reader.query<models::Post>().count(), 1);
}
