// The search page and BlogStore::search, on every backend: words, phrases,
// titles and contents, best first, drafts never found, edits and deletes
// seen at once, pages, hostile queries, and the upgrade that indexes the
// posts a database already has. The snippet builder on its own too.

#include <gtest/gtest.h>

#include "folio_test_support.hpp"
#include "store/migrations.hpp"
#include "util/snippet.hpp"
#include "util/text.hpp"

using namespace folio_test;

using Search = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(Search);

namespace {

std::vector<std::string> titles(const PageOf<SearchResult>& page) {
  std::vector<std::string> out;
  for (const SearchResult& r : page.items)
    out.push_back(r.post.title);
  return out;
}

std::string marked(const std::vector<SnippetPiece>& pieces) {
  std::string out;
  for (const SnippetPiece& p : pieces)
    out += p.match ? "[" + p.text + "]" : p.text;
  return out;
}

}  // namespace

TEST(Snippet, MarksEveryMatchedWordIgnoringCaseAndKeepsTheWindowShort) {
  EXPECT_EQ(marked(make_snippet("The Cat sat on the cat-flap.", {"cat"})),
            "The [Cat] sat on the [cat]-flap.");
  EXPECT_EQ(marked(make_snippet("Ünïcode CAFÉ au lait", {"café"})), "Ünïcode [CAFÉ] au lait");
  EXPECT_EQ(marked(make_snippet("**Bold** and # heading <b>x</b>", {"bold"})),
            "[Bold] and heading b x/b");
  std::string long_text;
  for (int i = 0; i < 100; ++i)
    long_text += "word" + std::to_string(i) + " ";
  const std::string s = marked(make_snippet(long_text, {"word50"}));
  EXPECT_TRUE(s.starts_with("… word44 ")) << s;
  EXPECT_NE(s.find("[word50]"), std::string::npos) << s;
  EXPECT_TRUE(s.ends_with("word73 …")) << s;
  EXPECT_EQ(marked(make_snippet("no match here", {"absent"})), "no match here");
  // Invalid UTF-8 is left out, never split or passed through.
  EXPECT_EQ(marked(make_snippet("bad \xff\xfe bytes caf\xc3", {"bytes"})), "bad [bytes] caf");
  // Text that looks like HTML stays text: the template escapes each piece.
  const auto pieces = make_snippet("<script>alert(1)</script> evil", {"evil"});
  EXPECT_EQ(pieces.back(), (SnippetPiece{"evil", true}));
}

TEST_P(Search, FindsEveryWordInTitlesAndContentsBestFirst) {
  BlogStore store(url(), false);
  store.upgrade_schema();
  store.add_post("Sourdough basics", "Flour, water and patience.", std::nullopt);
  store.add_post("Weekend", "We baked sourdough bread, then more sourdough, sourdough all day.",
                 std::nullopt);
  store.add_post("Gardening", "Tomatoes and basil.", std::nullopt);
  EXPECT_EQ(titles(store.search("sourdough", 1, 10)).size(), 2U);
  EXPECT_EQ(titles(store.search("patience", 1, 10)), std::vector<std::string>{"Sourdough basics"});
  EXPECT_EQ(titles(store.search("basics", 1, 10)), std::vector<std::string>{"Sourdough basics"});
  EXPECT_EQ(titles(store.search("sourdough bread", 1, 10)), std::vector<std::string>{"Weekend"});
  EXPECT_EQ(titles(store.search("\"baked sourdough\"", 1, 10)),
            std::vector<std::string>{"Weekend"});
  if (GetParam() != "mariadb") {  // MySQL searches a phrase's words (docs/relate.md)
    EXPECT_TRUE(store.search("\"sourdough baked\"", 1, 10).items.empty());
  }
  EXPECT_EQ(titles(store.search("sourdough", 1, 10)).front(), "Weekend");  // three times
  const auto found = store.search("TOMATOES", 1, 10);
  ASSERT_EQ(found.items.size(), 1U);
  EXPECT_EQ(marked(found.items[0].snippet), "[Tomatoes] and basil.");
}

TEST_P(Search, DraftsAreNeverFoundAndWritesAreSeenAtOnce) {
  RunningBlog blog(url());
  const std::int64_t ada = blog.add_author("ada", "Ada L.");
  blog.store().create_post(
      ada, PostDraft{.title = "Secret plans", .content = "Zeppelins everywhere", .draft = true});
  EXPECT_TRUE(blog.store().search("zeppelins", 1, 10).items.empty());
  const std::int64_t id = blog.store().create_post(
      ada, PostDraft{.title = "Public plans", .content = "Balloons everywhere"});
  EXPECT_EQ(titles(blog.store().search("balloons", 1, 10)),
            std::vector<std::string>{"Public plans"});
  ASSERT_TRUE(blog.store().update_post(
      id, PostDraft{.title = "Public plans", .content = "Airships everywhere"}));
  EXPECT_TRUE(blog.store().search("balloons", 1, 10).items.empty());
  EXPECT_EQ(titles(blog.store().search("airships", 1, 10)),
            std::vector<std::string>{"Public plans"});
  ASSERT_TRUE(blog.store().delete_post(id));
  EXPECT_TRUE(blog.store().search("airships", 1, 10).items.empty());
  EXPECT_TRUE(blog.store().search("everywhere", 1, 10).items.empty());  // the draft's too
}

TEST_P(Search, ThePageListsResultsWithMarkedSnippetsAPageAtATime) {
  RunningBlog blog(url());
  for (int i = 0; i < 12; ++i)
    blog.store().add_post("Kite " + std::to_string(i),
                          "<b>Kites</b> fly high, kite " + std::to_string(i), std::nullopt);
  auto reader = blog.browser();
  const auto first = reader.get("/search?q=kite");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(occurrences(first.body, "class=\"post search-result\""), 10U);
  EXPECT_TRUE(contains(first.body, "<mark>kite</mark>")) << first.body;
  EXPECT_TRUE(contains(first.body, "href=\"/search?q=kite&amp;page=2\"")) << first.body;
  EXPECT_FALSE(contains(first.body, "<b>Kites</b>"));  // the post's markup is never HTML here
  const auto second = reader.get("/search?q=kite&page=2");
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(occurrences(second.body, "class=\"post search-result\""), 2U);
  EXPECT_EQ(reader.get("/search?q=kite&page=3").status, 404);
  EXPECT_EQ(reader.get("/search?q=kite&page=x").status, 404);
  const auto none = reader.get("/search?q=nothingmatches");
  EXPECT_EQ(none.status, 200);
  EXPECT_TRUE(contains(none.body, "No published post holds all of those words."));
}

TEST_P(Search, AnEmptyQueryShowsTheFormAndTheNavbarHasTheBox) {
  RunningBlog blog(url());
  auto reader = blog.browser();
  for (const char* target : {"/search", "/search?q=", "/search?q=+++"}) {
    const auto page = reader.get(target);
    ASSERT_EQ(page.status, 200) << target;
    EXPECT_TRUE(contains(page.body, "<form method=\"get\" action=\"/search\" class=\"search\""));
    EXPECT_FALSE(contains(page.body, "No published post")) << target;
  }
  EXPECT_TRUE(contains(reader.get("/").body, "action=\"/search\""));
}

TEST_P(Search, AnyQueryIsSearchedAsWordsAndNeverAnError) {
  RunningBlog blog(url());
  blog.store().add_post("Operators", "Quotes \"and\" brackets (NEAR the end) col:x a-b",
                        std::nullopt);
  auto reader = blog.browser();
  for (const std::string& q : std::vector<std::string>{
           "\"", "'", "*", "(", ")", "AND", "OR", "NOT", "NEAR(", "NEAR(a b", "-x", "col:x", "\\",
           "'; DROP TABLE post; --", "\"unmatched", "a & b | !c <-> d", "^*+~@\"\"",
           std::string(5000, 'q'), std::string(2000, '(') + "brackets"}) {
    const auto page = reader.get("/search?q=" + url_encode(q));
    EXPECT_EQ(page.status, 200) << q;
  }
  EXPECT_TRUE(contains(reader.get("/search?q=" + url_encode("NEAR(")).body, "Operators"));
  EXPECT_TRUE(
      contains(reader.get("/search?q=" + url_encode("\"brackets (near")).body, "Operators"));
  // The query comes back in the form and the title escaped, never as markup.
  const auto echoed = reader.get("/search?q=" + url_encode("\"><script>x</script>"));
  EXPECT_EQ(echoed.status, 200);
  EXPECT_FALSE(contains(echoed.body, "<script>x")) << echoed.body;
  EXPECT_TRUE(contains(echoed.body, "value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""))
      << echoed.body;
  // Invalid UTF-8 in the address is refused by web, before any handler, as
  // on every page; the store itself takes any bytes.
  EXPECT_EQ(reader.get("/search?q=%FF%FE").status, 400);
  EXPECT_NO_THROW((void)blog.store().search("\xff\xfe quotes \xc3", 1, 10));
  EXPECT_EQ(titles(blog.store().search("\xff\xfe quotes \xc3", 1, 10)),
            std::vector<std::string>{"Operators"});
  EXPECT_TRUE(blog.store().search("\xff\xfe", 1, 10).items.empty());
}

TEST_P(Search, UpgradingFromRevision4IndexesThePostsThere) {
  BlogStore store(url(), false);
  SchemaMigrations migrations(store.database());
  migrations.upgrade("0004");
  add_post_before_revision_0007(store.database(), "Written at 0004",
                                "Ornithopters predate the index");
  migrations.upgrade();
  EXPECT_EQ(titles(store.search("ornithopters", 1, 10)),
            std::vector<std::string>{"Written at 0004"});
  EXPECT_EQ(migrations.check(), std::vector<std::string>{});
  migrations.downgrade("0004");
  migrations.upgrade();
  EXPECT_EQ(titles(store.search("ornithopters", 1, 10)),
            std::vector<std::string>{"Written at 0004"});
}
