// Migrations on every backend: reflection, each operation on tables with
// rows (SQLite's rebuild included), the revision chain, upgrade / downgrade
// / stamp, a failing revision, the create_all baseline, --sql, check and
// autogenerate.

#include <gtest/gtest.h>

#include <thread>

#include "relate/migrate/migrator.hpp"
#include "relate/migrate/models.hpp"
#include "test_support.hpp"

using namespace relate;
using namespace relate::migrate;
using relate_test::TempDatabase;
using relate_test::TestDatabase;

namespace {

Revision first_revision() {
  return {.id = "1",
          .parent = "",
          .message = "authors and books",
          .upgrade =
              [](Operations& op) {
                op.create_table({.name = "author",
                                 .columns = {{.name = "id", .type = SqlType::integer},
                                             {.name = "name", .type = SqlType::text, .length = 50}},
                                 .primary_key = {"id"},
                                 .uniques = {{.name = "uq_author_name", .columns = {"name"}}}});
                op.create_table(
                    {.name = "book",
                     .columns = {{.name = "id", .type = SqlType::integer},
                                 {.name = "title", .type = SqlType::text},
                                 {.name = "author_id", .type = SqlType::integer, .nullable = true}},
                     .primary_key = {"id"},
                     .foreign_keys = {{.name = "fk_book_author_id",
                                       .columns = {"author_id"},
                                       .target_table = "author",
                                       .target_columns = {"id"},
                                       .on_delete = OnDelete::cascade}},
                     .indexes = {{.name = "ix_book_author_id", .columns = {"author_id"}}}});
              },
          .downgrade =
              [](Operations& op) {
                op.drop_table("book", data_loss_acknowledged);
                op.drop_table("author", data_loss_acknowledged);
              }};
}

Revision second_revision() {
  return {.id = "2",
          .parent = "1",
          .message = "pages, and an index on titles",
          .upgrade =
              [](Operations& op) {
                op.add_column("book", {.name = "pages",
                                       .type = SqlType::integer,
                                       .default_value = Value{std::int64_t{0}}});
                op.create_index("book", {.name = "ix_book_title", .columns = {"title"}});
              },
          .downgrade =
              [](Operations& op) {
                op.drop_index("book", "ix_book_title");
                op.drop_column("book", "pages", data_loss_acknowledged);
              }};
}

// Alters a table that another references (SQLite rebuilds it), renames a
// column and fills it in a data step.
Revision third_revision() {
  return {.id = "3",
          .parent = "2",
          .message = "longer names; page_count",
          .upgrade =
              [](Operations& op) {
                op.alter_column("author", {.name = "name", .type = SqlType::text, .length = 100});
                op.rename_column("book", "pages", "page_count");
                op.update_rows("book", {assign("page_count", std::int64_t{1})},
                               {{"page_count", std::int64_t{0}}});
              },
          .downgrade =
              [](Operations& op) {
                op.rename_column("book", "page_count", "pages");
                op.alter_column("author", {.name = "name", .type = SqlType::text, .length = 50});
              }};
}

std::vector<Revision> revisions() {
  return {third_revision(), first_revision(), second_revision()};  // any order
}

class Migrations : public ::testing::TestWithParam<std::string> {
 protected:
  Migrations() : target(GetParam()), db(target.url()) {}
  void SetUp() override { RELATE_REQUIRE_BACKEND(target); }

  std::int64_t count(std::string_view table) {
    auto s = db.session();
    return std::get<0>(s.fetch<std::int64_t>("SELECT count(*) FROM " + std::string(table)).at(0));
  }
  void seed() {
    auto s = db.session();
    s.execute("INSERT INTO author (id, name) VALUES (1, 'Ann'), (2, 'Bob')");
    s.execute(
        "INSERT INTO book (id, title, author_id) VALUES (1, 'One', 1), (2, 'Two', 1), "
        "(3, 'Three', 2)");
    s.commit();
  }

  TestDatabase target;
  Database db;
};
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(Migrations);

}  // namespace

TEST(MigrationChain, RevisionsMustFormOneChain) {
  Database db("sqlite://");
  const auto refusal = [&](std::vector<Revision> rs) {
    try {
      Migrator m(db, std::move(rs));
    } catch (const MigrationError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  Revision branch = second_revision();
  branch.id = "2b";
  EXPECT_NE(refusal({first_revision(), second_revision(), branch}).find("branches"),
            std::string::npos);
  EXPECT_NE(refusal({first_revision(), first_revision()}).find("two revisions are called 1"),
            std::string::npos);
  EXPECT_NE(refusal({second_revision()}).find("follows 1, which is not known"), std::string::npos);
  Migrator m(db, revisions());
  ASSERT_EQ(m.history().size(), 3U);
  EXPECT_EQ(m.history().front().id, "1");
  EXPECT_EQ(m.head(), "3");
}

TEST(MigrationChain, AStepThatDoesNotFitTheSchemaNamesTheRevisionAndStep) {
  Database db("sqlite://");
  Revision bad{.id = "9", .parent = "", .message = "typo", .upgrade = [](Operations& op) {
                 op.add_column("bok", {.name = "x", .type = SqlType::integer, .nullable = true});
               }};
  Migrator m(db, {bad});
  try {
    m.schema_at("head");
    FAIL();
  } catch (const MigrationError& e) {
    EXPECT_NE(std::string(e.what()).find("revision 9: add_column bok.x: there is no table bok"),
              std::string::npos)
        << e.what();
  }
}

// update_rows and read_rows: relate writes the statements (quoting names,
// binding every value), so a revision's data steps need no SQL text.
TEST_P(Migrations, TypedDataStepsUpdateAndReadRows) {
  Migrator base(db, {first_revision()});
  base.upgrade();
  seed();
  {
    auto s = db.session();
    s.execute("INSERT INTO book (id, title, author_id) VALUES (4, 'Four', NULL)");
    s.commit();
  }
  std::vector<std::pair<std::int64_t, std::string>> read;
  std::int64_t changed = 0;
  Revision labels{
      .id = "2",
      .parent = "1",
      .message = "labels",
      .upgrade =
          [&](Operations& op) {
            op.add_column("book", {.name = "label", .type = SqlType::text, .nullable = true});
            op.update_rows("book", {assign_from("label", "title")});
            op.update_rows("book", {assign("label", "orphan")}, {{"author_id", Value{}}});
            op.update_rows("book", {assign("label", "it's Ann's"), assign("title", "x")},
                           {{"author_id", std::int64_t{1}}, {"title", "Two"}});
            op.run("titles from labels", [&](DataStep& data) {
              data.read_rows("book", {"id", "label"}, "id", [&](const Cursor& row) {
                read.emplace_back(row.get_int64(0), std::string(row.get_text(1)));
              });
              for (const auto& [id, label] : read)
                changed += data.update_rows("book", {assign("title", label)}, {{"id", id}});
            });
          },
      .downgrade = [](Operations& op) { op.drop_column("book", "label", data_loss_acknowledged); }};
  Migrator m(db, {first_revision(), labels});
  m.upgrade();
  const std::vector<std::pair<std::int64_t, std::string>> expected{
      {1, "One"}, {2, "it's Ann's"}, {3, "Three"}, {4, "orphan"}};
  EXPECT_EQ(read, expected);
  EXPECT_EQ(changed, 4);
  auto s = db.session();
  EXPECT_EQ(s.fetch<std::string>("SELECT title FROM book ORDER BY id"),
            (std::vector<std::tuple<std::string>>{{"One"}, {"it's Ann's"}, {"Three"}, {"orphan"}}));
}

TEST(MigrationChain, ATypedDataStepNamingAnUnknownColumnIsRefused) {
  Database db("sqlite://");
  Revision bad = second_revision();
  bad.upgrade = [](Operations& op) {
    op.update_rows("book", {assign("pages", std::int64_t{1})}, {{"nope", std::int64_t{0}}});
  };
  Migrator m(db, {first_revision(), bad});
  try {
    m.schema_at("head");
    FAIL();
  } catch (const MigrationError& e) {
    EXPECT_NE(std::string(e.what()).find("update_rows book: book has no column pages"),
              std::string::npos)
        << e.what();
  }
}

TEST_P(Migrations, UpgradeBuildsTheSchemaItsRevisionsDescribe) {
  Migrator m(db, revisions());
  EXPECT_EQ(m.current(), std::nullopt);
  EXPECT_EQ(m.upgrade(), (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(m.current(), "3");
  EXPECT_EQ(differences(m.schema_at("head"), m.reflect()), std::vector<std::string>{});
  EXPECT_EQ(m.upgrade(), std::vector<std::string>{});  // nothing left to do
}

TEST_P(Migrations, EveryRowSurvivesUpgradeAndTheRoundTripToBase) {
  Migrator m(db, revisions());
  m.upgrade("1");
  seed();
  m.upgrade();
  EXPECT_EQ(count("author"), 2);
  EXPECT_EQ(count("book"), 3);  // the rebuild of author did not cascade into book
  {
    auto s = db.session();
    const auto rows = s.fetch<std::string, std::int64_t, std::int64_t>(
        "SELECT title, page_count, author_id FROM book ORDER BY id");
    EXPECT_EQ(rows.at(0), std::make_tuple(std::string("One"), std::int64_t{1}, std::int64_t{1}));
    // Foreign keys hold after the rebuild: a book of no author is refused...
    EXPECT_THROW(s.execute("INSERT INTO book (id, title, author_id) VALUES (100, 'x', 99)"),
                 ForeignKeyViolation);
    s.rollback();
    // ...and deleting an author still cascades.
    s.execute("DELETE FROM author WHERE id = 2");
    s.commit();
  }
  EXPECT_EQ(count("book"), 2);
  // A longer name fits now.
  {
    auto s = db.session();
    s.execute("UPDATE author SET name = :n WHERE id = 1", {{"n", std::string(80, 'a')}});
    s.commit();
  }
  EXPECT_EQ(m.downgrade("1"), (std::vector<std::string>{"3", "2"}));
  EXPECT_EQ(m.current(), "1");
  EXPECT_EQ(count("book"), 2);
  EXPECT_EQ(differences(m.schema_at("1"), m.reflect()), std::vector<std::string>{});
  m.downgrade("base");
  EXPECT_EQ(m.current(), "");
  EXPECT_TRUE(m.reflect().tables.empty());
  m.upgrade();
  EXPECT_EQ(differences(m.schema_at("head"), m.reflect()), std::vector<std::string>{});
}

TEST_P(Migrations, AFailingRevisionLeavesTheDatabaseAtTheOneBefore) {
  std::vector<Revision> rs = revisions();
  rs.push_back({.id = "4", .parent = "3", .message = "fails", .upgrade = [](Operations& op) {
                  op.add_column("book", {.name = "isbn", .type = SqlType::text, .nullable = true});
                  // NOT NULL over the rows' NULLs: the database refuses.
                  op.alter_column("book", {.name = "isbn", .type = SqlType::text});
                }});
  Migrator m(db, rs);
  m.upgrade("1");
  seed();
  try {
    m.upgrade();
    FAIL() << "revision 4 ran";
  } catch (const MigrationError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("revision 4 (upgrade), step alter_column book.isbn"), std::string::npos)
        << what;
    EXPECT_NE(what.find("stays at 3"), std::string::npos) << what;
    if (!db.engine().dialect().transactional_ddl()) {
      EXPECT_NE(what.find("the steps before this one were kept"), std::string::npos) << what;
    }
  }
  EXPECT_EQ(m.current(), "3");
  const Schema live = m.reflect();
  if (db.engine().dialect().transactional_ddl()) {
    EXPECT_EQ(live.table("book")->column("isbn"), nullptr);  // the first step was undone too
  } else {
    // MySQL commits each schema change: the first step stays, and the
    // error says so (docs/migrations.md).
    EXPECT_NE(live.table("book")->column("isbn"), nullptr);
  }
  EXPECT_EQ(count("book"), 3);
}

TEST_P(Migrations, ADatabaseMadeByCreateAllIsStampedNotRecreated) {
  // What create_all of these models makes, before migrations existed.
  const Schema models = schema_of<models::Post, models::Comment>();
  db.create_all<models::Post, models::Comment>();
  {
    auto s = db.session();
    s.add(models::Post{.title = "kept", .content = "x"});
    s.commit();
  }
  const Revision initial{
      .id = "1", .parent = "", .message = "initial", .upgrade = [&](Operations& op) {
        for (const Table& t : models.tables)
          op.create_table(t);
      }};
  const Revision next{.id = "2", .parent = "1", .message = "views", .upgrade = [](Operations& op) {
                        op.add_column("post", {.name = "views",
                                               .type = SqlType::integer,
                                               .default_value = Value{std::int64_t{0}}});
                      }};
  Migrator m(db, {initial, next});
  EXPECT_EQ(m.current(), std::nullopt);
  EXPECT_EQ(m.upgrade(), std::vector<std::string>{"2"});  // 1 was stamped
  EXPECT_EQ(m.current(), "2");
  EXPECT_EQ(count("post"), 1);
}

TEST_P(Migrations, AnUnknownSchemaWithoutAVersionIsRefused) {
  {
    auto s = db.session();
    s.execute("CREATE TABLE stray (id INTEGER PRIMARY KEY)");
    s.commit();
  }
  Migrator m(db, revisions());
  try {
    m.upgrade();
    FAIL();
  } catch (const MigrationError& e) {
    EXPECT_NE(std::string(e.what()).find("stamp"), std::string::npos) << e.what();
  }
  EXPECT_EQ(m.current(), std::nullopt);
}

TEST_P(Migrations, ADatabaseAtARevisionThisProgramDoesNotKnowIsAClearError) {
  std::vector<Revision> newer = revisions();
  newer.push_back(
      {.id = "9", .parent = "3", .message = "from newer code", .upgrade = [](Operations&) {}});
  Migrator(db, newer).upgrade();
  try {
    Migrator(db, revisions()).upgrade();
    FAIL();
  } catch (const MigrationError& e) {
    EXPECT_NE(std::string(e.what()).find("at revision 9, which this program does not know"),
              std::string::npos)
        << e.what();
  }
}

TEST_P(Migrations, StampRecordsARevisionWithoutRunningIt) {
  Migrator m(db, revisions());
  m.stamp("2");
  EXPECT_EQ(m.current(), "2");
  EXPECT_TRUE(m.reflect().tables.empty());
  m.stamp("base");
  EXPECT_EQ(m.current(), "");
}

TEST_P(Migrations, AnIrreversibleRevisionSaysSo) {
  std::vector<Revision> rs = revisions();
  rs[1].downgrade = nullptr;  // revision 1
  Migrator m(db, rs);
  m.upgrade();
  m.downgrade("1");
  try {
    m.downgrade("base");
    FAIL();
  } catch (const MigrationError& e) {
    EXPECT_NE(std::string(e.what()).find("revision 1 (authors and books) cannot be undone"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(m.current(), "1");
}

TEST_P(Migrations, SqlModeListsTheStatementsWithoutRunningThem) {
  Migrator m(db, revisions());
  const std::vector<std::string> sql = m.upgrade_sql("base");
  std::string all;
  for (const std::string& line : sql)
    all += line + "\n";
  EXPECT_NE(all.find("CREATE TABLE author"), std::string::npos) << all;
  EXPECT_NE(all.find("CREATE INDEX ix_book_title ON book (title)"), std::string::npos) << all;
  EXPECT_NE(all.find("INSERT INTO relate_version (version_num) VALUES ('3')"), std::string::npos);
  EXPECT_NE(all.find("UPDATE book SET page_count = "), std::string::npos) << all;
  EXPECT_NE(all.find("-- with 1, 0"), std::string::npos) << all;  // the data step's values
  if (GetParam() == "sqlite") {  // ALTER TABLE cannot lengthen a column: the table is rebuilt
    EXPECT_NE(all.find("INSERT INTO _relate_rebuild_author (id, name) SELECT id, name FROM author"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("ALTER TABLE book ADD COLUMN pages INTEGER NOT NULL DEFAULT 0"),
              std::string::npos);
  } else if (GetParam() == "mariadb") {
    EXPECT_NE(all.find("ALTER TABLE author MODIFY COLUMN name VARCHAR(100) NOT NULL"),
              std::string::npos)
        << all;
  } else {
    EXPECT_NE(all.find("ALTER TABLE author ALTER COLUMN name TYPE VARCHAR(100) USING "
                       "name::VARCHAR(100)"),
              std::string::npos)
        << all;
  }
  EXPECT_EQ(m.current(), std::nullopt);
  EXPECT_TRUE(m.reflect().tables.empty());
  // sql() goes down when the target is below.
  std::string down;
  for (const std::string& line : m.sql("3", "1"))
    down += line + "\n";
  EXPECT_NE(down.find(GetParam() == "mariadb" ? "DROP INDEX ix_book_title ON book;"
                                              : "DROP INDEX ix_book_title;"),
            std::string::npos)
      << down;
  EXPECT_NE(down.find("INSERT INTO relate_version (version_num) VALUES ('1');"), std::string::npos);
}

TEST_P(Migrations, ReflectionOfCreateAllMatchesTheModels) {
  db.create_all<models::Post, models::Comment, models::Account>();
  Migrator m(db, {});
  EXPECT_EQ(differences(schema_of<models::Post, models::Comment, models::Account>(), m.reflect()),
            std::vector<std::string>{});
}

TEST_P(Migrations, CheckReportsModelsRevisionsAndDatabaseThatDisagree) {
  Migrator m(db, revisions());
  Schema models = m.schema_at("head");
  EXPECT_EQ(m.check(models).size(), 1U);  // no version table yet
  m.upgrade();
  EXPECT_EQ(m.check(models), std::vector<std::string>{});
  models.table("book")->columns.push_back(
      {.name = "isbn", .type = SqlType::text, .nullable = true});
  const auto problems = m.check(models);
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_NE(problems[0].find("+ column book.isbn"), std::string::npos) << problems[0];
}

TEST_P(Migrations, OneProcessRunsARevisionWhileAnotherUpgradesToo) {
  TempDatabase file;
  const std::string url =
      GetParam() == "sqlite" ? file.url() + "?busy_timeout=10000" : target.url();
  Database a(url);
  Database b(url);
  std::vector<std::string> ran_a;
  std::vector<std::string> ran_b;
  std::thread other([&] { ran_b = Migrator(b, revisions()).upgrade(); });
  ran_a = Migrator(a, revisions()).upgrade();
  other.join();
  EXPECT_EQ(ran_a.size() + ran_b.size(), 3U);  // each revision ran once
  EXPECT_EQ(Migrator(a, revisions()).current(), "3");
}

// ------------------------------------------------ autogenerate

TEST_P(Migrations, AutogenerateWritesTheStepsFromHeadToTheModels) {
  Migrator m(db, revisions());
  Schema models = m.schema_at("head");
  models.table("book")->columns.push_back(
      {.name = "isbn", .type = SqlType::text, .nullable = true});
  models.table("book")->indexes.push_back({.name = "ix_book_isbn", .columns = {"isbn"}});
  const Autogenerated out = autogenerate(m, models, {.id = "4", .message = "isbn"});
  EXPECT_EQ(out.steps,
            (std::vector<std::string>{"add column book.isbn", "create index ix_book_isbn"}));
  EXPECT_TRUE(out.destructive.empty());
  EXPECT_NE(out.source.find(".parent = \"3\""), std::string::npos) << out.source;
  EXPECT_NE(out.source.find("op.add_column(\"book\", Column{.name = \"isbn\", .type = "
                            "SqlType::text, .nullable = true});"),
            std::string::npos)
      << out.source;
  EXPECT_NE(out.source.find("op.drop_column(\"book\", \"isbn\", data_loss_acknowledged);"),
            std::string::npos);
  EXPECT_TRUE(autogenerate(m, m.schema_at("head"), {.id = "4"}).source.empty());
}

TEST_P(Migrations, AutogenerateNeverGuessesARename) {
  Migrator m(db, revisions());
  Schema models = m.schema_at("head");
  models.table("book")->column("title")->name = "headline";
  EXPECT_THROW(autogenerate(m, models, {.id = "4"}), MigrationError);
  const Autogenerated renamed =
      autogenerate(m, models, {.id = "4", .renames = {{"book.title", "headline"}}});
  EXPECT_EQ(renamed.steps, std::vector<std::string>{"rename column book.title to headline"});
  const Autogenerated dropped = autogenerate(m, models, {.id = "4", .drop_and_add = true});
  EXPECT_EQ(dropped.destructive, std::vector<std::string>{"drop column book.title"});
  EXPECT_NE(dropped.source.find("// Destroys data"), std::string::npos);
}

// ------------------------------------------------ every other operation

namespace {

// On revisions 1-2's tables with rows: constraints added and dropped,
// tables renamed, a code step, NULL and defaults changed.
Revision fourth_revision() {
  return {.id = "4",
          .parent = "3",
          .message = "every other step",
          .upgrade =
              [](Operations& op) {
                op.create_index("author", {.name = "ix_author_name", .columns = {"name"}});
                // SQLite rebuilds author: rows, an index on it, books pointing at it.
                op.alter_column("author", {.name = "name", .type = SqlType::text, .length = 150});
                op.create_unique("book", {.name = "uq_book_title", .columns = {"title"}});
                op.rename_table("book", "volume");
                op.add_column("volume",
                              {.name = "editor_id", .type = SqlType::integer, .nullable = true});
                // CASCADE: the column becomes NOT NULL below, which MySQL
                // refuses under a SET NULL key.
                op.create_foreign_key("volume", {.name = "fk_volume_editor_id",
                                                 .columns = {"editor_id"},
                                                 .target_table = "author",
                                                 .target_columns = {"id"},
                                                 .on_delete = OnDelete::cascade});
                op.run("every volume's editor is its author", [](DataStep& data) {
                  std::vector<std::pair<std::int64_t, std::int64_t>> pairs;
                  data.read_rows("volume", {"id", "author_id"}, "id", [&](const Cursor& row) {
                    pairs.emplace_back(row.get_int64(0), row.get_int64(1));
                  });
                  for (const auto& [id, author] : pairs)
                    data.update_rows("volume", {assign("editor_id", author)}, {{"id", id}});
                });
                op.alter_column("volume", {.name = "editor_id", .type = SqlType::integer});
                op.alter_column("volume", {.name = "page_count",
                                           .type = SqlType::integer,
                                           .default_value = Value{std::int64_t{10}}});
              },
          .downgrade =
              [](Operations& op) {
                op.alter_column("volume", {.name = "page_count",
                                           .type = SqlType::integer,
                                           .default_value = Value{std::int64_t{0}}});
                op.drop_foreign_key("volume", "fk_volume_editor_id");
                op.drop_column("volume", "editor_id", data_loss_acknowledged);
                op.rename_table("volume", "book");
                op.drop_unique("book", "uq_book_title");
                op.alter_column("author", {.name = "name", .type = SqlType::text, .length = 100});
                op.drop_index("author", "ix_author_name");
              }};
}

}  // namespace

TEST_P(Migrations, EveryOtherOperationKeepsTheRowsAndTheRules) {
  std::vector<Revision> rs = revisions();
  rs.push_back(fourth_revision());
  Migrator m(db, rs);
  m.upgrade("1");
  seed();
  m.upgrade();
  EXPECT_EQ(differences(m.schema_at("head"), m.reflect()), std::vector<std::string>{});
  EXPECT_EQ(count("volume"), 3);
  EXPECT_EQ(count("author"), 2);
  ASSERT_NE(m.reflect().table("author"), nullptr);
  EXPECT_EQ(m.reflect().table("author")->indexes.size(), 1U);  // ix_author_name, rebuilt
  auto s = db.session();
  EXPECT_EQ(s.fetch<std::int64_t>("SELECT editor_id FROM volume ORDER BY id"),
            (std::vector<std::tuple<std::int64_t>>{{1}, {1}, {2}}));
  // The new rules hold: unique titles, editors that exist, editor NOT NULL.
  EXPECT_THROW(s.execute("INSERT INTO volume (id, title, author_id, editor_id) "
                         "VALUES (10, 'One', 1, 1)"),
               UniqueViolation);
  s.rollback();
  EXPECT_THROW(s.execute("INSERT INTO volume (id, title, author_id, editor_id) "
                         "VALUES (11, 'New', 1, 99)"),
               ForeignKeyViolation);
  s.rollback();
  EXPECT_THROW(s.execute("INSERT INTO volume (id, title, author_id) VALUES (12, 'New', 1)"),
               NotNullViolation);
  s.rollback();
  s.execute("INSERT INTO volume (id, title, author_id, editor_id) VALUES (13, 'New', 1, 2)");
  EXPECT_EQ(s.fetch<std::int64_t>("SELECT page_count FROM volume WHERE id = 13"),
            (std::vector<std::tuple<std::int64_t>>{{10}}));
  s.rollback();
  s.close();

  m.downgrade("3");
  EXPECT_EQ(differences(m.schema_at("3"), m.reflect()), std::vector<std::string>{});
  EXPECT_EQ(count("book"), 3);
  auto again = db.session();
  again.execute("INSERT INTO book (id, title, author_id) VALUES (20, 'One', 1)");  // not unique now
  again.commit();
}
