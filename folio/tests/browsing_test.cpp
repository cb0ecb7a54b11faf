// The public pages of a blog with authors and tags: the index's authors,
// dates, tags and comment counts (in a fixed number of statements), author
// pages, and escaping in every new field.

#include "folio_test_support.hpp"
#include "store/models.hpp"

using namespace folio_test;

using Index = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(Index);
using AuthorPage = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(AuthorPage);
using Escaping = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(Escaping);

namespace {

PostDraft draft(std::string title, std::vector<std::string> tags) {
  return PostDraft{.title = std::move(title), .content = "Text", .tags = std::move(tags)};
}

}  // namespace

TEST_P(Index, ShowsAuthorDateTagsAndCommentCounts) {
  RunningBlog blog(url());
  const std::int64_t ada = blog.add_author("ada", "Ada L.");
  const std::int64_t id = blog.store().create_post(ada, draft("By Ada", {"Maths", "History"}));
  auto page = blog.browser().get("/");
  EXPECT_TRUE(contains(page.body, "by <a href=\"/authors/ada/\" class=\"author-link\">Ada L.</a>"));
  EXPECT_TRUE(
      contains(page.body, "<a href=\"/tags/history/\" class=\"tag\" rel=\"tag\">History</a>"));
  EXPECT_TRUE(
      contains(page.body, "<a href=\"/" + std::to_string(id) + "/#comments\">No comments</a>"));
  EXPECT_TRUE(contains(page.body, "<a href=\"/1/#comments\">2 comments</a>"));
  EXPECT_TRUE(contains(page.body, "<a href=\"/3/#comments\">No comments</a>"));
  EXPECT_TRUE(contains(page.body, "<time datetime=\"20"));
  // The sample's posts have no author: none is shown.
  const std::string third = page.body.substr(page.body.find("Post The Third"), 300);
  EXPECT_FALSE(contains(third, "by "));
}

TEST_P(Index, RunsAFixedNumberOfStatementsWhateverThePostsCommentsAndTags) {
  RunningBlog blog(url());
  const std::int64_t ada = blog.add_author("ada");
  for (int i = 0; i < 10; ++i)
    blog.store().create_post(ada, draft("Tagged " + std::to_string(i), {"a", "b"}));
  auto browser = blog.browser();
  blog.statements().clear();
  ASSERT_EQ(browser.get("/").status, 200);
  const std::size_t few = blog.statements().count();
  const std::vector<std::string> first_sql = blog.statements().all();
  blog.store().seed(30, 4, nullptr);
  for (int i = 0; i < 10; ++i) {
    std::vector<std::string> tags;
    for (int t = 0; t < 6; ++t)
      tags.push_back("tag" + std::to_string(i) + "x" + std::to_string(t));
    blog.store().create_post(ada, draft("More " + std::to_string(i), tags));
  }
  blog.statements().clear();
  ASSERT_EQ(browser.get("/").status, 200);
  EXPECT_EQ(blog.statements().count(), few) << ::testing::PrintToString(blog.statements().all())
                                            << "\nthen: " << ::testing::PrintToString(first_sql);
  // The page of posts and its total, their authors, their tags, and their comment
  // counts in one grouped statement.
  EXPECT_LE(few, 5U) << ::testing::PrintToString(first_sql);
  blog.statements().clear();
  ASSERT_EQ(browser.get("/?page=3").status, 200);  // seeded posts: no author to load
  EXPECT_LE(blog.statements().count(), few);
}

TEST_P(AuthorPage, ShowsTheProfileAndPublishedPostsWithANofollowWebsite) {
  RunningBlog blog(url());
  auto author = blog.browser();
  ASSERT_EQ(author.log_in("reader", kUserPassword).status, 303);
  author.get("/admin/profile");
  auto saved = author.post("/admin/profile", {{"display_name", "Rea Der"},
                                              {"bio", "Writes about trees."},
                                              {"website", "https://trees.example/"}});
  EXPECT_EQ(saved.status, 303);
  const std::int64_t id = blog.store().create_post(2, draft("Oaks", {}));
  PostDraft hidden = draft("Unfinished", {});
  hidden.draft = true;
  blog.store().create_post(2, hidden);
  auto page = blog.browser().get("/authors/reader/");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "<h1>Rea Der</h1>"));
  EXPECT_TRUE(contains(page.body, "Writes about trees."));
  EXPECT_TRUE(
      contains(page.body, "<a href=\"https://trees.example/\" rel=\"nofollow ugc noopener\">"));
  EXPECT_TRUE(contains(page.body, "<a href=\"/" + std::to_string(id) + "/\">Oaks</a>"));
  EXPECT_FALSE(contains(page.body, "Unfinished"));
  EXPECT_EQ(blog.browser().get("/authors/nobody/").status, 404);
  EXPECT_EQ(blog.browser().get("/authors/reader/?page=2").status, 404);
}

TEST_P(AuthorPage, ProfileRefusesAWebsiteThatIsNotHttpAndKeepsTheText) {
  RunningBlog blog(url());
  auto author = blog.browser();
  ASSERT_EQ(author.log_in("reader", kUserPassword).status, 303);
  author.get("/admin/profile");
  auto refused = author.post(
      "/admin/profile",
      {{"display_name", "Kept name"}, {"bio", "kept bio"}, {"website", "javascript:alert(1)"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(contains(refused.body, "id=\"website-error\""));
  EXPECT_TRUE(contains(refused.body, "value=\"Kept name\""));
  EXPECT_TRUE(contains(refused.body, ">kept bio</textarea>"));
  EXPECT_FALSE(contains(blog.browser().get("/authors/reader/").body, "Kept name"));
}

TEST_P(Escaping, ScriptInEveryNewFieldIsEscapedOnEveryPage) {
  RunningBlog blog(url());
  const std::string script = "<script>alert(1)</script>";
  auto author = blog.browser();
  ASSERT_EQ(author.log_in("reader", kUserPassword).status, 303);
  author.get("/admin/profile");
  ASSERT_EQ(author.post("/admin/profile", {{"display_name", script}, {"bio", script}}).status, 303);
  const std::int64_t id = blog.store().create_post(2, draft(script, {script + "x", "tag"}));
  auto visitor = blog.browser();
  visitor.get("/" + std::to_string(id) + "/");
  ASSERT_EQ(visitor.post("/" + std::to_string(id) + "/", {{"content", script}, {"author", script}})
                .status,
            303);
  auto admin = blog.browser();
  ASSERT_EQ(admin.log_in("admin", kAdminPassword).status, 303);
  const std::string edit = "/admin/posts/" + std::to_string(id) + "/edit";
  for (const std::string& page :
       {std::string("/"), "/" + std::to_string(id) + "/", std::string("/tags/"),
        std::string("/tags/tag/"), std::string("/authors/reader/"), std::string("/comments/"),
        std::string("/admin/"), std::string("/admin/posts/"), edit,
        std::string("/admin/comments/")}) {
    auto got = admin.get(page);
    EXPECT_EQ(got.status, 200) << page;
    EXPECT_FALSE(contains(got.body, "<script>alert")) << page;
  }
  EXPECT_TRUE(contains(admin.get("/").body, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_FALSE(contains(author.get("/admin/profile").body, "<script>alert"));
}
