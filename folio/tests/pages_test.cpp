// The tutorial's pages, over HTTP, on the sample data.

#include "folio_test_support.hpp"

using namespace folio_test;

using IndexPage = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(IndexPage);
using PostPage = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(PostPage);
using CommentsPage = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(CommentsPage);
using Layout = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(Layout);
using ErrorPages = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(ErrorPages);

TEST_P(IndexPage, ListsThePostsNewestFirstWithLinksAndIds) {
  RunningBlog blog(url());
  auto page = blog.browser().get("/");
  ASSERT_EQ(page.status, 200);
  const auto third = page.body.find("<a href=\"/3/\">Post The Third</a>");
  const auto first = page.body.find("<a href=\"/1/\">Post The First</a>");
  ASSERT_NE(third, std::string::npos);
  ASSERT_NE(first, std::string::npos);
  EXPECT_LT(third, first);
  EXPECT_NE(page.body.find("<b>#2</b>"), std::string::npos);
  EXPECT_NE(page.body.find("<p>Content for the Second post</p>"), std::string::npos);
  EXPECT_NE(page.body.find("<title>Posts - Folio</title>"), std::string::npos);
}

TEST_P(IndexPage, IsPaginatedTenAPage) {
  RunningBlog blog(url());
  for (int i = 0; i < 12; ++i)
    blog.store().add_post("Extra " + std::to_string(i), "x", std::nullopt);
  auto browser = blog.browser();
  auto first = browser.get("/");
  EXPECT_EQ(occurrences(first.body, "<div class=\"post\">"), 10U);
  EXPECT_NE(first.body.find("href=\"/?page=2\" rel=\"next\""), std::string::npos);
  EXPECT_EQ(first.body.find("rel=\"prev\""), std::string::npos);
  auto second = browser.get("/?page=2");
  EXPECT_EQ(occurrences(second.body, "<div class=\"post\">"), 5U);
  EXPECT_NE(second.body.find("href=\"/\" rel=\"prev\""), std::string::npos);
  EXPECT_EQ(second.body.find("rel=\"next\""), std::string::npos);
  EXPECT_EQ(browser.get("/?page=3").status, 404);
  EXPECT_EQ(browser.get("/?page=0").status, 404);
  EXPECT_EQ(browser.get("/?page=two").status, 404);
}

TEST_P(IndexPage, RendersMarkdownSafely) {
  RunningBlog blog(url());
  blog.store().add_post("Markdown",
                        "Some *emphasis*.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))",
                        std::nullopt);
  auto page = blog.browser().get("/");
  EXPECT_NE(page.body.find("<em>emphasis</em>"), std::string::npos);
  EXPECT_EQ(page.body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(page.body.find("javascript:"), std::string::npos);
}

TEST_P(PostPage, ShowsThePostItsCommentsOldestFirstAndTheForm) {
  RunningBlog blog(url());
  auto page = blog.browser().get("/1/");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<h1>Post The First</h1>"), std::string::npos);
  const auto a = page.body.find("Comment for the first post");
  const auto b = page.body.find("Another comment for the first post");
  ASSERT_NE(a, std::string::npos);
  ASSERT_NE(b, std::string::npos);
  EXPECT_LT(a, b);
  EXPECT_LT(b, page.body.find("<form method=\"post\" action=\"/1/\""));
  EXPECT_NE(page.body.find("<textarea id=\"content\" name=\"content\""), std::string::npos);
  EXPECT_EQ(page.body.find("Delete Comment"), std::string::npos);  // visitors see no delete
}

TEST_P(PostPage, IsTheSameBytesForEveryVisitorAndSetsNoCookie) {
  RunningBlog blog(url());
  const HttpResult first = blog.browser().get("/1/");
  const HttpResult second = blog.browser().get("/1/");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.body, second.body);
  EXPECT_TRUE(first.set_cookies().empty());
  EXPECT_EQ(first.header("Cache-Control"), "no-cache");
  EXPECT_EQ(first.header("Vary"), "Cookie");
  EXPECT_EQ(first.header("ETag"), second.header("ETag"));
  EXPECT_EQ(first.header("ETag").size(), 34U) << first.header("ETag");
}

// A visitor's unchanged page is a 304 (validated by what it shows, before any
// rendering); a comment added or deleted changes it, and its tag, at once.
TEST_P(PostPage, AnUnchangedPageIs304AndEveryCommentChangesItsTag) {
  RunningBlog blog(url());
  auto visitor = blog.browser();
  const HttpResult page = visitor.get("/1/");
  const std::string tag = page.header("ETag");
  const HttpResult unchanged = visitor.get("/1/", {{"If-None-Match", tag}});
  EXPECT_EQ(unchanged.status, 304);
  EXPECT_EQ(unchanged.body, "");
  EXPECT_EQ(unchanged.header("ETag"), tag);
  // Another post's page, or another page of this one, has another tag.
  EXPECT_EQ(visitor.get("/2/", {{"If-None-Match", tag}}).status, 200);
  EXPECT_EQ(visitor.get("/1/?page=1", {{"If-None-Match", tag}}).status, 304);

  auto commenter = blog.browser();
  commenter.get("/1/");
  ASSERT_EQ(commenter.post("/1/", {{"content", "Fresh comment"}}).status, 303);
  const HttpResult after_comment = blog.browser().get("/1/", {{"If-None-Match", tag}});
  ASSERT_EQ(after_comment.status, 200);
  EXPECT_TRUE(contains(after_comment.body, "Fresh comment"));
  const std::string commented_tag = after_comment.header("ETag");
  EXPECT_NE(commented_tag, tag);
  EXPECT_EQ(blog.browser().get("/1/", {{"If-None-Match", commented_tag}}).status, 304);

  auto admin = blog.browser();
  ASSERT_EQ(admin.log_in("admin", kAdminPassword).status, 303);
  const auto fresh = blog.store().post(1)->comments.back();
  ASSERT_EQ(fresh.content, "Fresh comment");
  ASSERT_EQ(admin.post("/comments/" + std::to_string(fresh.id) + "/delete", {}).status, 303);
  const HttpResult after_delete = blog.browser().get("/1/", {{"If-None-Match", commented_tag}});
  ASSERT_EQ(after_delete.status, 200);
  EXPECT_FALSE(contains(after_delete.body, "Fresh comment"));
  EXPECT_EQ(after_delete.header("ETag"), tag);  // the page as it was: the tag as it was
}

TEST_P(PostPage, ALoggedInUsersPageIsTheirsAlone) {
  RunningBlog blog(url());
  auto admin = blog.browser();
  ASSERT_EQ(admin.log_in("admin", kAdminPassword).status, 303);
  const HttpResult page = admin.get("/1/");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(admin.csrf_token(), "");
  EXPECT_TRUE(contains(page.body, "Delete Comment"));
  EXPECT_EQ(page.header("ETag"), "");
  EXPECT_EQ(admin.get("/1/", {{"If-None-Match", blog.browser().get("/1/").header("ETag")}}).status,
            200);
}

TEST_P(PostPage, UnknownPostIs404InTheSiteLayout) {
  RunningBlog blog(url());
  auto page = blog.browser().get("/99/");
  EXPECT_EQ(page.status, 404);
  EXPECT_NE(page.body.find("<a href=\"/comments/\">Comments</a>"), std::string::npos);
  EXPECT_NE(page.body.find("404 Not Found"), std::string::npos);
}

TEST_P(PostPage, WithoutTrailingSlashRedirectsLikeFlask) {
  RunningBlog blog(url());
  auto page = blog.browser().get("/1");
  EXPECT_EQ(page.status, 308);
  EXPECT_EQ(page.header("Location"), "/1/");
}

TEST_P(PostPage, CostsTheSameStatementsWhateverTheTableSize) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  blog.statements().clear();
  ASSERT_EQ(browser.get("/1/").status, 200);
  const std::size_t small = blog.statements().count();
  blog.store().seed(50, 5, nullptr);
  blog.statements().clear();
  ASSERT_EQ(browser.get("/1/").status, 200);
  EXPECT_EQ(blog.statements().count(), small);
  EXPECT_LE(small, 2U);  // the post, its comments
}

TEST_P(CommentsPage, ListsEveryCommentNewestFirstWithItsPost) {
  RunningBlog blog(url());
  auto page = blog.browser().get("/comments/");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<h1>Latest Comments</h1>"), std::string::npos);
  const auto newest = page.body.find("(#4)");
  const auto oldest = page.body.find("(#1)");
  ASSERT_NE(newest, std::string::npos);
  ASSERT_NE(oldest, std::string::npos);
  EXPECT_LT(newest, oldest);
  EXPECT_NE(page.body.find("On <a href=\"/1/\">Post The First</a>"), std::string::npos);
}

TEST_P(CommentsPage, IsPaginatedTwentyFiveAPageWithoutOneQueryPerComment) {
  RunningBlog blog(url());
  blog.store().seed(3, 10, nullptr);  // 30 more comments
  auto browser = blog.browser();
  blog.statements().clear();
  auto first = browser.get("/comments/");
  EXPECT_EQ(occurrences(first.body, "<div class=\"comment\">"), 25U);
  EXPECT_LE(blog.statements().count(), 2U);  // the comments, then their posts in one IN query
  EXPECT_NE(first.body.find("href=\"/comments/?page=2\" rel=\"next\""), std::string::npos);
  auto second = browser.get("/comments/?page=2");
  EXPECT_EQ(occurrences(second.body, "<div class=\"comment\">"), 9U);
}

TEST_P(Layout, HasTheTutorialsNavbarAndStylesheet) {
  RunningBlog blog(url());
  auto page = blog.browser().get("/about/");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<a href=\"/\">Folio</a>"), std::string::npos);
  EXPECT_NE(page.body.find("<a href=\"/comments/\">Comments</a>"), std::string::npos);
  EXPECT_NE(page.body.find("<a href=\"/about/\">About</a>"), std::string::npos);
  auto css = blog.browser().get("/static/style.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_NE(css.header("Content-Type").find("text/css"), std::string::npos);
  EXPECT_NE(css.body.find("background-color: #f3f3f3"), std::string::npos);
}

TEST_P(Layout, EveryPageCarriesTheSecurityHeaders) {
  RunningBlog blog(url());
  for (const char* path : {"/", "/1/", "/comments/", "/about/", "/login", "/99/"}) {
    auto page = blog.browser().get(path);
    EXPECT_NE(page.header("Content-Security-Policy").find("default-src 'self'"), std::string::npos)
        << path;
    EXPECT_EQ(page.header("X-Frame-Options"), "DENY") << path;
    EXPECT_EQ(page.header("X-Content-Type-Options"), "nosniff") << path;
  }
}

TEST_P(ErrorPages, AreInTheSiteLayout) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  auto wrong_method = browser.get("/logout");
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_NE(wrong_method.body.find("<a href=\"/comments/\">Comments</a>"), std::string::npos);
  browser.get("/1/");
  auto too_big = browser.post("/1/", {{"content", std::string(2 << 20, 'x')}});
  EXPECT_EQ(too_big.status, 413);
  EXPECT_NE(too_big.body.find("<a href=\"/comments/\">Comments</a>"), std::string::npos);
}

TEST_P(ErrorPages, AFailingDatabaseIsA500PageAndTheServerCarriesOn) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  blog.store().drop_schema();
  auto broken = browser.get("/");
  EXPECT_EQ(broken.status, 500);
  EXPECT_NE(broken.body.find("<a href=\"/comments/\">Comments</a>"), std::string::npos);
  EXPECT_EQ(broken.body.find("no such table"), std::string::npos);  // no internals shown
  blog.store().upgrade_schema();
  EXPECT_EQ(browser.get("/").status, 200);
}

namespace {

// Adds `n` comments to post 1 ("Comment <i>"), oldest first.
void add_comments(BlogStore& store, int n) {
  for (int i = 1; i <= n; ++i)
    store.add_comment(1, NewComment{"", std::nullopt, "Comment " + std::to_string(i)});
}

constexpr const char* kCommentOnPostPage = "<div class=\"comment\" id=\"comment-";

}  // namespace

TEST_P(PostPage, ShowsFiftyCommentsAPageOldestFirstWithLinksToTheRest) {
  RunningBlog blog(url());
  add_comments(blog.store(), 60);  // with the sample's two: 62 on post 1
  auto browser = blog.browser();
  blog.statements().clear();
  auto first = browser.get("/1/");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(occurrences(first.body, kCommentOnPostPage), 50U);
  EXPECT_LT(first.body.find("Comment for the first post"), first.body.find(">Comment 1<"));
  EXPECT_NE(first.body.find(">Comment 48<"), std::string::npos);
  EXPECT_EQ(first.body.find(">Comment 49<"), std::string::npos);
  EXPECT_NE(first.body.find("href=\"/1/?page=2\" rel=\"next\""), std::string::npos);
  EXPECT_EQ(first.body.find("rel=\"prev\""), std::string::npos);
  EXPECT_LT(first.body.find("rel=\"next\""),
            first.body.find("<form method=\"post\" action=\"/1/\""));
  // Bounded in SQL: the comments are read with a LIMIT, not all loaded.
  bool limited = false;
  for (const std::string& sql : blog.statements().all()) {
    if (sql.find("comment") != std::string::npos && sql.find("LIMIT") != std::string::npos)
      limited = true;
  }
  EXPECT_TRUE(limited) << "no comment query with a LIMIT";

  auto second = browser.get("/1/?page=2");
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(occurrences(second.body, kCommentOnPostPage), 12U);
  EXPECT_NE(second.body.find(">Comment 49<"), std::string::npos);
  EXPECT_NE(second.body.find(">Comment 60<"), std::string::npos);
  EXPECT_NE(second.body.find("href=\"/1/\" rel=\"prev\""), std::string::npos);
  EXPECT_EQ(second.body.find("rel=\"next\""), std::string::npos);
  EXPECT_NE(second.body.find("<form method=\"post\" action=\"/1/\""), std::string::npos);
  EXPECT_EQ(browser.get("/1/?page=3").status, 404);
  EXPECT_EQ(browser.get("/1/?page=0").status, 404);
  EXPECT_EQ(browser.get("/1/?page=x").status, 404);
}

TEST_P(PostPage, ASmallPostHasNoPageLinks) {
  RunningBlog blog(url());
  auto page = blog.browser().get("/1/");
  EXPECT_EQ(occurrences(page.body, kCommentOnPostPage), 2U);
  EXPECT_EQ(page.body.find("class=\"pages\""), std::string::npos);
  EXPECT_LT(page.body.find("Another comment for the first post"),
            page.body.find("<form method=\"post\" action=\"/1/\""));
}

TEST_P(PostPage, ANewCommentOnALongPostLeadsToThePageThatShowsIt) {
  RunningBlog blog(url());
  add_comments(blog.store(), 48);  // 50 on post 1: page 1 is full
  auto browser = blog.browser();
  browser.get("/1/");
  auto posted = browser.post("/1/", {{"content", "the fifty-first"}});
  EXPECT_EQ(posted.status, 303);
  EXPECT_EQ(posted.header("Location"), "/1/?page=2");
  EXPECT_NE(browser.get("/1/?page=2").body.find("the fifty-first"), std::string::npos);
}
