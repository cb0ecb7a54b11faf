// Full-text search (docs/relate.md "Full-text search"): a fulltext_index
// declared with the model, made by create_all or by a migration, kept in
// step with every write, searched with matches() and ranked with
// match_rank(), on every backend, with the search text always bound.

#include <gtest/gtest.h>

#include "relate/migrate/migrator.hpp"
#include "relate/migrate/models.hpp"
#include "test_support.hpp"

using namespace relate;
using namespace relate::migrate;

namespace ft {

struct Article {
  std::int64_t id{};
  std::string title{};
  std::string body{};
  std::int64_t views{};
};

inline constexpr auto article_search =
    relate::fulltext_index("ix_ft_article_search", &Article::title, &Article::body);

}  // namespace ft

template <>
inline constexpr auto relate::model<ft::Article> = relate::table<ft::Article>(
    "ft_article", relate::column("id", &ft::Article::id, relate::primary_key),
    relate::column("title", &ft::Article::title, relate::varchar(200)),
    relate::column("body", &ft::Article::body), relate::column("views", &ft::Article::views),
    ft::article_search);

using ft::Article;
using ft::article_search;

namespace {

class Fulltext : public ::testing::TestWithParam<std::string> {
 protected:
  Fulltext() : target(GetParam()), db(target.url(), recorder.options()) {}
  void SetUp() override { RELATE_REQUIRE_BACKEND(target); }

  std::int64_t add(std::string title, std::string body) {
    auto s = db.session();
    auto a = s.add(Article{.title = std::move(title), .body = std::move(body)});
    s.commit();
    return a->id;
  }
  // The titles found for `text`, best first.
  std::vector<std::string> found(std::string_view text) {
    auto s = db.session();
    std::vector<std::string> out;
    for (const auto& a : s.query<Article>()
                             .filter(matches(article_search, text))
                             .order_by(desc(match_rank(article_search, text)), asc(&Article::id))
                             .all())
      out.push_back(a->title);
    return out;
  }

  relate_test::Recorder recorder;
  relate_test::TestDatabase target;
  Database db;
};
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(Fulltext);

Revision article_table() {
  return {.id = "1",
          .parent = "",
          .message = "articles",
          .upgrade =
              [](Operations& op) {
                op.create_table(
                    Table{.name = "ft_article",
                          .columns = {{.name = "id", .type = SqlType::integer},
                                      {.name = "title", .type = SqlType::text, .length = 200},
                                      {.name = "body", .type = SqlType::text},
                                      {.name = "views", .type = SqlType::integer}},
                          .primary_key = {"id"}});
              },
          .downgrade = [](Operations& op) { op.drop_table("ft_article", data_loss_acknowledged); }};
}
Revision article_search_index() {
  return {.id = "2",
          .parent = "1",
          .message = "full-text search of articles",
          .upgrade =
              [](Operations& op) {
                op.create_fulltext_index("ft_article", "ix_ft_article_search", {"title", "body"});
              },
          .downgrade =
              [](Operations& op) { op.drop_fulltext_index("ft_article", "ix_ft_article_search"); }};
}

// A change SQLite's ALTER TABLE cannot make: the table is rebuilt under its index.
Revision article_views_nullable() {
  return {.id = "3",
          .parent = "2",
          .message = "views may be unknown",
          .upgrade =
              [](Operations& op) {
                op.alter_column("ft_article",
                                {.name = "views", .type = SqlType::integer, .nullable = true});
              },
          .downgrade =
              [](Operations& op) {
                op.alter_column("ft_article", {.name = "views", .type = SqlType::integer});
              }};
}

}  // namespace

TEST(SearchTerms, WordsAndPhrasesWithEveryOperatorInert) {
  using T = std::vector<SearchTerm>;
  EXPECT_EQ(search_terms("Hello, World!"), (T{{{"hello"}}, {{"world"}}}));
  EXPECT_EQ(search_terms("a AND b OR NOT c*"),
            (T{{{"a"}}, {{"and"}}, {{"b"}}, {{"or"}}, {{"not"}}, {{"c"}}}));
  EXPECT_EQ(search_terms("\"big cat\" -dog title:x"),
            (T{{{"big", "cat"}}, {{"dog"}}, {{"title"}}, {{"x"}}}));
  EXPECT_EQ(search_terms("unmatched \"quote here"), (T{{{"unmatched"}}, {{"quote"}}, {{"here"}}}));
  EXPECT_EQ(search_terms("NEAR( ) '' \\ \"\" *"), (T{{{"near"}}}));
  EXPECT_EQ(search_terms("Ünïcode café \xff\xfe broken\xc3"),
            (T{{{"Ünïcode"}}, {{"café"}}, {{"broken"}}}));
  EXPECT_TRUE(search_terms("\"\" () * - :").empty());
  EXPECT_EQ(search_terms(std::string(5000, 'x')).size(), 0U);  // longer than any indexed word
  std::string many;
  for (int i = 0; i < 100; ++i)
    many += "w" + std::to_string(i) + " ";
  EXPECT_EQ(search_terms(many).size(), sql::kMaxSearchTerms);
  const auto long_phrase = search_terms('"' + many + '"');
  ASSERT_EQ(long_phrase.size(), 1U);
  EXPECT_EQ(long_phrase.front().words.size(), sql::kMaxSearchTerms);
}

TEST_P(Fulltext, CreateAllMakesTheIndexAndReflectionSeesNoDrift) {
  db.create_all<Article>();
  Migrator m(db, {});
  EXPECT_EQ(differences(schema_of<Article>(), m.reflect()), std::vector<std::string>{});
  add("Cats", "All about cats and their whiskers");
  EXPECT_EQ(found("whiskers"), std::vector<std::string>{"Cats"});
  db.drop_all<Article>();
  Migrator after(db, {});
  EXPECT_TRUE(after.reflect().tables.empty());
}

TEST_P(Fulltext, AMigrationIndexesTheRowsThereAndAutogenerateAgrees) {
  Migrator first(db, {article_table()});
  first.upgrade();
  add("Old news", "Written before the index existed");
  Migrator m(db, {article_table(), article_search_index()});
  m.upgrade();
  EXPECT_EQ(found("existed"), std::vector<std::string>{"Old news"});
  EXPECT_EQ(m.check(schema_of<Article>()), std::vector<std::string>{});
  EXPECT_EQ(autogenerate(m, schema_of<Article>(), {.id = "3"}).source, "");
  // From the table alone, autogenerate writes the index's step.
  const Autogenerated step = autogenerate(first, schema_of<Article>(), {.id = "2"});
  EXPECT_NE(step.source.find("op.create_fulltext_index(\"ft_article\", \"ix_ft_article_search\", "
                             "{\"title\", \"body\"});"),
            std::string::npos)
      << step.source;
  m.downgrade("1");
  EXPECT_EQ(m.reflect().tables.size(), 1U);
  EXPECT_TRUE(m.reflect().tables.front().indexes.empty());
  m.upgrade();
  EXPECT_EQ(found("existed"), std::vector<std::string>{"Old news"});
}

TEST_P(Fulltext, ATableRebuiltUnderTheIndexKeepsItAndDroppingTheTableDropsIt) {
  Migrator m(db, {article_table(), article_search_index()});
  m.upgrade();
  add("Before", "Quinces ripen late");
  Migrator rebuilt(db, {article_table(), article_search_index(), article_views_nullable()});
  rebuilt.upgrade();
  EXPECT_EQ(found("quinces"), std::vector<std::string>{"Before"});
  const std::int64_t id = add("After", "Medlars ripen later");
  {
    auto s = db.session();
    s.get<Article>(id)->body = "Sloes ripen last";
    s.commit();
  }
  EXPECT_TRUE(found("medlars").empty());
  EXPECT_EQ(found("ripen").size(), 2U);
  EXPECT_EQ(found("sloes"), std::vector<std::string>{"After"});
  rebuilt.downgrade("base");
  EXPECT_TRUE(rebuilt.reflect().tables.empty());
}

TEST_P(Fulltext, InsertsUpdatesAndDeletesKeepTheIndexInStep) {
  db.create_all<Article>();
  const std::int64_t id = add("Gardening", "Tomatoes need sunshine");
  add("Cooking", "Tomatoes need salt");
  EXPECT_EQ(found("tomatoes").size(), 2U);
  {
    auto s = db.session();
    auto a = s.get<Article>(id);
    a->body = "Potatoes need rain";
    s.commit();
  }
  EXPECT_EQ(found("tomatoes"), std::vector<std::string>{"Cooking"});
  EXPECT_EQ(found("potatoes"), std::vector<std::string>{"Gardening"});
  {
    auto s = db.session();
    s.query<Article>().filter(col(&Article::id) == id).update(set(&Article::views, 5));
    s.commit();
  }
  EXPECT_EQ(found("potatoes"), std::vector<std::string>{"Gardening"});
  {
    auto s = db.session();
    s.remove(s.get<Article>(id));
    s.commit();
  }
  EXPECT_TRUE(found("potatoes").empty());
  EXPECT_EQ(found("salt"), std::vector<std::string>{"Cooking"});
}

TEST_P(Fulltext, EveryTermMustOccurAPhraseInOrderAndTheBestComesFirst) {
  db.create_all<Article>();
  add("Walking", "A long walk by the river, then home");
  add("River river", "River boats on the river all day, the river rises");
  add("Mountains", "The mountain river is cold");
  EXPECT_EQ(found("river").front(), "River river");
  EXPECT_EQ(found("river").size(), 3U);
  EXPECT_EQ(found("river cold"), std::vector<std::string>{"Mountains"});
  EXPECT_EQ(found("\"river boats\""), std::vector<std::string>{"River river"});
  // MySQL searches a phrase's words (docs/relate.md "Full-text search").
  if (GetParam() != "mariadb") {
    EXPECT_TRUE(found("\"boats river\"").empty());
  }
  EXPECT_EQ(found("WALKING"), std::vector<std::string>{"Walking"});
}

TEST_P(Fulltext, HostileTextNeverFailsAndNeverReachesTheSql) {
  db.create_all<Article>();
  add("Quotes", "He said \"hello\" and it's NEAR the end (really)");
  for (const std::string& text : std::vector<std::string>{"\"",
                                                          "'",
                                                          "*",
                                                          "(",
                                                          ")",
                                                          "AND",
                                                          "OR",
                                                          "NOT",
                                                          "NEAR(",
                                                          "NEAR(a b",
                                                          "-x",
                                                          "col:x",
                                                          "title:hello",
                                                          "\\",
                                                          "hello\" OR \"",
                                                          "'; DROP TABLE article; --",
                                                          "^hello",
                                                          "{hello}",
                                                          "hello*",
                                                          "+hello",
                                                          "@@",
                                                          "a & b | !c",
                                                          std::string(5000, 'z'),
                                                          std::string(3000, '('),
                                                          "\xff\xfe\xc3",
                                                          "hello \xe2\x28\xa1"}) {
    recorder.clear();
    std::vector<std::string> titles;
    EXPECT_NO_THROW(titles = found(text)) << text;
    for (const std::string& statement : recorder.statements()) {
      EXPECT_EQ(statement.find("hello"), std::string::npos) << statement;
      EXPECT_EQ(statement.find("DROP"), std::string::npos) << statement;
      EXPECT_EQ(statement.find("zzzz"), std::string::npos) << statement;
    }
  }
  EXPECT_EQ(found("hello\""), std::vector<std::string>{"Quotes"});  // an unmatched quote
  EXPECT_EQ(found("(really)"), std::vector<std::string>{"Quotes"});
  EXPECT_TRUE(found("").empty());
  EXPECT_TRUE(found("*** ((( ").empty());
}

TEST_P(Fulltext, TheSearchIsServedByTheIndex) {
  db.create_all<Article>();
  for (int i = 0; i < 20; ++i)
    add("Article " + std::to_string(i), i % 3 == 0 ? "lemons grow here" : "apples grow here");
  auto s = db.session();
  const QueryPlan plan =
      s.explain(s.query<Article>()
                    .filter(matches(article_search, "lemons"))
                    .order_by(desc(match_rank(article_search, "lemons")), asc(&Article::id))
                    .limit(5));
  EXPECT_EQ(plan.full_scans, std::vector<std::string>{}) << plan.text();
}

TEST_P(Fulltext, AnIndexNotInTheModelsDeclarationIsAClearError) {
  constexpr auto other = relate::fulltext_index("ix_other", &Article::title);
  db.create_all<Article>();
  auto s = db.session();
  EXPECT_THROW((void)s.query<Article>().filter(matches(other, "x")).all(), InvalidRequestError);
}

TEST(FulltextMigrations, ColumnsItCoversCannotBeDroppedOrRenamedUnderIt) {
  Database db("sqlite://");
  Migrator m(db, {article_table(), article_search_index()});
  Schema schema = m.schema_at("head");
  Operations op(schema, nullptr);
  EXPECT_THROW(op.drop_column("ft_article", "body", data_loss_acknowledged), MigrationError);
  EXPECT_THROW(op.rename_column("ft_article", "title", "headline"), MigrationError);
  EXPECT_THROW(op.create_fulltext_index("ft_article", "ix_views", {"views"}), MigrationError);
  EXPECT_THROW(op.drop_fulltext_index("ft_article", "nothing"), MigrationError);
  op.drop_column("ft_article", "views", data_loss_acknowledged);
}
