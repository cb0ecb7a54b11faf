// Adding comments: the form's rules, CSRF, escaping, rate limiting.

#include "folio_test_support.hpp"

using namespace folio_test;

using AddComment = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(AddComment);

TEST_P(AddComment, StoresItAndRedirectsToThePost) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  browser.get("/2/");
  auto posted = browser.post("/2/", {{"content", "Nice post"}, {"author", "Ada"}});
  EXPECT_EQ(posted.status, 303);
  EXPECT_EQ(posted.header("Location"), "/2/");
  auto page = browser.get("/2/");
  EXPECT_NE(page.body.find("Nice post"), std::string::npos);
  EXPECT_NE(page.body.find("<span class=\"author\">Ada</span>"), std::string::npos);
}

TEST_P(AddComment, AnonymousWhenNoNameIsGiven) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  browser.get("/3/");
  browser.post("/3/", {{"content", "Who am I?"}});
  EXPECT_NE(browser.get("/3/").body.find("<span class=\"author\">Anonymous</span>"),
            std::string::npos);
}

TEST_P(AddComment, AWebsiteIsANofollowLinkOnlyWhenItIsHttp) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  browser.get("/3/");
  browser.post("/3/",
               {{"content", "linked"}, {"author", "Ada"}, {"website", "https://ada.example/"}});
  auto page = browser.get("/3/");
  EXPECT_NE(page.body.find("<a href=\"https://ada.example/\" rel=\"nofollow ugc noopener\""),
            std::string::npos);
  auto refused = browser.post("/3/", {{"content", "x"}, {"website", "javascript:alert(1)"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.body.find("href=\"javascript:"), std::string::npos);
}

TEST_P(AddComment, InvalidInputIs422WithTheMessageAndTheTextKept) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  browser.get("/1/");
  auto blank = browser.post("/1/", {{"content", "   "}, {"author", "Ada"}});
  EXPECT_EQ(blank.status, 422);
  EXPECT_NE(blank.body.find("Please write a comment."), std::string::npos);
  EXPECT_NE(blank.body.find("value=\"Ada\""), std::string::npos);

  auto long_author =
      browser.post("/1/", {{"content", "kept text"}, {"author", std::string(129, 'a')}});
  EXPECT_EQ(long_author.status, 422);
  EXPECT_NE(long_author.body.find("at most 128 characters"), std::string::npos);
  EXPECT_NE(long_author.body.find(">kept text</textarea>"), std::string::npos);

  auto too_long = browser.post("/1/", {{"content", std::string(10'001, 'x')}});
  EXPECT_EQ(too_long.status, 422);
  EXPECT_NE(too_long.body.find("at most 10,000 characters"), std::string::npos);

  auto bad_site = browser.post("/1/", {{"content", "x"}, {"website", "ftp://files.example"}});
  EXPECT_EQ(bad_site.status, 422);
  EXPECT_NE(bad_site.body.find("http:// or https://"), std::string::npos);

  // Nothing was stored: the sample's four comments only.
  EXPECT_EQ(occurrences(browser.get("/comments/").body, "<div class=\"comment\">"), 4U);
}

TEST_P(AddComment, TenThousandCharactersAreAllowed) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  browser.get("/1/");
  EXPECT_EQ(browser.post("/1/", {{"content", std::string(10'000, 'x')}}).status, 303);
}

TEST_P(AddComment, ToAnUnknownPostIs404) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  browser.get("/1/");
  EXPECT_EQ(browser.post("/42/", {{"content", "hello?"}}).status, 404);
}

TEST_P(AddComment, FromAVisitorIsTakenOnItsOriginWithoutASessionOrToken) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  const HttpResult page = browser.get("/1/");
  EXPECT_TRUE(page.set_cookies().empty());
  EXPECT_EQ(browser.csrf_token(), "");
  EXPECT_EQ(browser.post_raw("/1/", "content=on+its+origin").status, 303);
  EXPECT_TRUE(contains(browser.get("/1/").body, "on its origin"));
}

TEST_P(AddComment, WithoutACsrfTokenOrOriginIsRefusedAndStoresNothing) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  browser.get("/1/");
  browser.send_origin(false);  // a browser from before Origin and Fetch Metadata
  auto refused = browser.post_raw("/1/", "content=forged");
  EXPECT_EQ(refused.status, 403);
  auto wrong = browser.post_raw("/1/", "csrf_token=not-the-token&content=forged");
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(browser.get("/comments/").body.find("forged"), std::string::npos);
  // The refusal gave it a session: the page, reloaded, has the token that works.
  browser.get("/1/");
  ASSERT_NE(browser.csrf_token(), "");
  EXPECT_EQ(browser.post("/1/", {{"content", "with the token"}}).status, 303);
  EXPECT_TRUE(contains(browser.get("/1/").body, "with the token"));
}

TEST_P(AddComment, FromAnotherSiteIsRefused) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  browser.get("/1/");
  auto refused =
      browser.post("/1/", {{"content", "cross-site"}}, {{"Origin", "https://evil.example"}});
  EXPECT_EQ(refused.status, 403);
}

TEST_P(AddComment, ScriptInEveryFieldIsEscapedOnEveryPage) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  browser.get("/1/");
  const std::string script = "<script>alert('x')</script>";
  ASSERT_EQ(browser.post("/1/", {{"content", script}, {"author", script}}).status, 303);
  for (const char* path : {"/1/", "/comments/"}) {
    auto page = browser.get(path);
    EXPECT_EQ(page.body.find(script), std::string::npos) << path;
    EXPECT_NE(page.body.find("&lt;script&gt;"), std::string::npos) << path;
  }
  // Re-rendered after a validation error too.
  auto invalid = browser.post("/1/", {{"content", script}, {"website", "<script>"}});
  EXPECT_EQ(invalid.status, 422);
  EXPECT_EQ(invalid.body.find(script), std::string::npos);
}

TEST_P(AddComment, IsRateLimitedPerClient) {
  RunningBlog blog(url(), {.comment_limit = RateLimit{2, std::chrono::seconds{60}}});
  auto browser = blog.browser();
  browser.get("/1/");
  EXPECT_EQ(browser.post("/1/", {{"content", "one"}}).status, 303);
  EXPECT_EQ(browser.post("/1/", {{"content", "two"}}).status, 303);
  auto third = browser.post("/1/", {{"content", "three"}});
  EXPECT_EQ(third.status, 429);
  EXPECT_FALSE(third.header("Retry-After").empty());
  EXPECT_NE(third.body.find("commenting too quickly"), std::string::npos);
  EXPECT_EQ(browser.get("/1/").body.find(">three<"), std::string::npos);
}

TEST_P(AddComment, BehindATrustedProxyIsRateLimitedPerForwardedClient) {
  RunningBlog blog(url(), {.comment_limit = RateLimit{1, std::chrono::seconds{60}},
                           .trusted_proxies = {"127.0.0.1"}});
  const auto from = [](const char* address) {
    return web::testing::Headers{{"X-Forwarded-For", address}};
  };
  auto ada = blog.browser();
  auto bob = blog.browser();
  ada.get("/1/");
  bob.get("/1/");
  EXPECT_EQ(ada.post("/1/", {{"content", "one"}}, from("203.0.113.1")).status, 303);
  EXPECT_EQ(bob.post("/1/", {{"content", "two"}}, from("203.0.113.2")).status, 303);
  EXPECT_EQ(ada.post("/1/", {{"content", "three"}}, from("203.0.113.1")).status, 429);
  // A client cannot pick its address: the proxy appends the one it saw.
  EXPECT_EQ(ada.post("/1/", {{"content", "four"}}, from("203.0.113.9, 203.0.113.1")).status, 429);
}

TEST_P(AddComment, WithoutTrustedProxiesForwardedForIsIgnored) {
  RunningBlog blog(url(), {.comment_limit = RateLimit{1, std::chrono::seconds{60}}});
  auto browser = blog.browser();
  browser.get("/1/");
  EXPECT_EQ(browser.post("/1/", {{"content", "one"}}, {{"X-Forwarded-For", "203.0.113.1"}}).status,
            303);
  EXPECT_EQ(browser.post("/1/", {{"content", "two"}}, {{"X-Forwarded-For", "203.0.113.2"}}).status,
            429);
}

TEST_P(AddComment, ControlCharactersAre422BesideTheFieldAndStoreNothing) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  browser.get("/1/");
  const std::string nul("before\0after", 12);
  auto content = browser.post("/1/", {{"content", nul}});
  EXPECT_EQ(content.status, 422);
  EXPECT_NE(content.body.find("id=\"content-error\">A comment cannot contain control characters"),
            std::string::npos);
  auto author = browser.post("/1/", {{"content", "fine text"}, {"author", "Ada\x1b[31m"}});
  EXPECT_EQ(author.status, 422);
  EXPECT_NE(author.body.find("id=\"author-error\">A name cannot contain control characters"),
            std::string::npos);
  EXPECT_NE(author.body.find(">fine text</textarea>"), std::string::npos);
  auto name_newline = browser.post("/1/", {{"content", "fine text"}, {"author", "Ada\nBob"}});
  EXPECT_EQ(name_newline.status, 422);
  // Line breaks and tabs in the comment itself are fine.
  EXPECT_EQ(browser.post("/1/", {{"content", "line one\r\n\tline two"}}).status, 303);
  const auto all = browser.get("/comments/").body;
  EXPECT_EQ(occurrences(all, "<div class=\"comment\">"), 5U);
  EXPECT_EQ(all.find("before"), std::string::npos);
  EXPECT_EQ(all.find("fine text"), std::string::npos);
}
