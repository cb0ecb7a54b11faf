// Logging in and out; deleting comments is for admins only.

#include "folio_test_support.hpp"
#include "relate/relate.hpp"
#include "store/migrations.hpp"
#include "store/models.hpp"

using namespace folio_test;

using DeleteComment = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(DeleteComment);
using Login = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(Login);

TEST_P(DeleteComment, AVisitorGets403) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  browser.get("/1/");
  EXPECT_EQ(browser.post("/comments/1/delete", {}).status, 403);
  EXPECT_NE(browser.get("/1/").body.find("Comment for the first post"), std::string::npos);
}

TEST_P(DeleteComment, ABrowserIsSentToTheLoginPage) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  browser.get("/1/");
  auto answer = browser.post("/comments/1/delete", {}, {{"Accept", "text/html,*/*"}});
  EXPECT_EQ(answer.status, 303);
  EXPECT_EQ(answer.header("Location"), "/login");
  EXPECT_NE(browser.get("/1/").body.find("Comment for the first post"), std::string::npos);
}

TEST_P(DeleteComment, ALoggedInNonAdminGets403) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  ASSERT_EQ(browser.log_in("reader", kUserPassword).status, 303);
  browser.get("/1/");
  EXPECT_EQ(browser.post("/comments/1/delete", {}).status, 403);
}

TEST_P(DeleteComment, AnAdminDeletesAndReturnsToThePost) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  ASSERT_EQ(browser.log_in("admin", kAdminPassword).status, 303);
  auto page = browser.get("/1/");
  EXPECT_NE(page.body.find("Delete Comment"), std::string::npos);
  EXPECT_NE(page.body.find("data-confirm=\"Are you sure you want to delete this entry?\""),
            std::string::npos);
  auto deleted = browser.post("/comments/1/delete", {});
  EXPECT_EQ(deleted.status, 303);
  EXPECT_EQ(deleted.header("Location"), "/1/");
  auto after = browser.get("/1/");
  EXPECT_EQ(after.body.find("Comment for the first post"), std::string::npos);
  EXPECT_NE(after.body.find("Comment deleted."), std::string::npos);
  EXPECT_NE(after.body.find("Another comment for the first post"), std::string::npos);
}

TEST_P(DeleteComment, UnknownCommentIs404AndGetIs405) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  ASSERT_EQ(browser.log_in("admin", kAdminPassword).status, 303);
  browser.get("/1/");
  EXPECT_EQ(browser.post("/comments/999/delete", {}).status, 404);
  auto get = browser.get("/comments/1/delete");
  EXPECT_EQ(get.status, 405);
  EXPECT_NE(get.header("Allow").find("POST"), std::string::npos);
  EXPECT_EQ(get.header("Allow").find("GET"), std::string::npos);
}

TEST_P(Login, WrongPasswordAndUnknownUserGetTheSameAnswer) {
  RunningBlog blog(url());
  auto a = blog.browser();
  auto b = blog.browser();
  auto wrong_password = a.log_in("admin", "not it");
  auto unknown_user = b.log_in("nobody", "not it");
  EXPECT_EQ(wrong_password.status, 422);
  EXPECT_EQ(unknown_user.status, 422);
  EXPECT_NE(wrong_password.body.find("Invalid username or password."), std::string::npos);
  EXPECT_NE(unknown_user.body.find("Invalid username or password."), std::string::npos);
}

TEST_P(Login, RotatesTheSessionAndLogoutEndsIt) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  browser.get("/login");
  const std::string before = browser.cookie_header();
  ASSERT_EQ(browser.log_in("admin", kAdminPassword).status, 303);
  EXPECT_NE(browser.cookie_header(), before);
  auto page = browser.get("/");
  EXPECT_NE(page.body.find("The Admin"), std::string::npos);
  EXPECT_NE(page.body.find("Welcome back, The Admin."), std::string::npos);
  EXPECT_EQ(browser.post("/logout", {}).status, 303);
  EXPECT_EQ(browser.get("/").body.find("The Admin"), std::string::npos);
  browser.get("/1/");
  EXPECT_EQ(browser.post("/comments/1/delete", {}).status, 403);
}

TEST_P(Login, GoesBackToASafeNextPageOnly) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  browser.get("/login?next=/2/");
  auto local = browser.post("/login",
                            {{"username", "admin"}, {"password", kAdminPassword}, {"next", "/2/"}});
  EXPECT_EQ(local.header("Location"), "/2/");
  auto other = blog.browser();
  other.get("/login");
  auto evil = other.post(
      "/login", {{"username", "admin"}, {"password", kAdminPassword}, {"next", "//evil.example/"}});
  EXPECT_EQ(evil.header("Location"), "/");
}

TEST_P(Login, FailuresAreRateLimitedPerClient) {
  RunningBlog blog(url(), {.login_limit = RateLimit{3, std::chrono::seconds{180}}});
  auto browser = blog.browser();
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(browser.log_in("admin", "guess").status, 422);
  auto blocked = browser.log_in("admin", kAdminPassword);  // even the right password now
  EXPECT_EQ(blocked.status, 429);
  EXPECT_FALSE(blocked.header("Retry-After").empty());
  EXPECT_NE(blocked.body.find("Too many failed logins"), std::string::npos);
}

using Sessions = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(Sessions);

namespace {

// What a visitor holding only `cookie` sees of the admin's powers.
bool signed_in_as_admin(RunningBlog& blog, const std::string& cookie) {
  auto thief = blog.browser();
  const auto page = thief.get("/1/", {{"Cookie", cookie}});
  return page.body.find("The Admin") != std::string::npos &&
         page.body.find("Delete Comment") != std::string::npos;
}

}  // namespace

TEST_P(Sessions, ACookieCopiedBeforeLogoutSignsNobodyInAfterIt) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  ASSERT_EQ(browser.log_in("admin", kAdminPassword).status, 303);
  const std::string copied = browser.cookie_header();
  ASSERT_TRUE(signed_in_as_admin(blog, copied));  // the copy works while the session lives
  browser.get("/");  // the logout form's CSRF token, bound to the new session
  EXPECT_EQ(browser.post("/logout", {}).status, 303);
  EXPECT_FALSE(signed_in_as_admin(blog, copied));
  // Logging in again works, and the new cookie does.
  ASSERT_EQ(browser.log_in("admin", kAdminPassword).status, 303);
  EXPECT_TRUE(signed_in_as_admin(blog, browser.cookie_header()));
  EXPECT_FALSE(signed_in_as_admin(blog, copied));
}

TEST_P(Sessions, LoggingOutEverywhereEndsEveryBrowsersSession) {
  RunningBlog blog(url());
  auto laptop = blog.browser();
  auto phone = blog.browser();
  ASSERT_EQ(laptop.log_in("admin", kAdminPassword).status, 303);
  ASSERT_EQ(phone.log_in("admin", kAdminPassword).status, 303);
  auto reader = blog.browser();
  ASSERT_EQ(reader.log_in("reader", kUserPassword).status, 303);
  ASSERT_TRUE(blog.store().end_sessions(std::string_view{"admin"}));
  EXPECT_FALSE(signed_in_as_admin(blog, laptop.cookie_header()));
  EXPECT_FALSE(signed_in_as_admin(blog, phone.cookie_header()));
  laptop.get("/1/");
  EXPECT_EQ(laptop.post("/comments/1/delete", {}).status, 403);
  // Other users are not touched.
  EXPECT_NE(reader.get("/").body.find("reader"), std::string::npos);
  EXPECT_FALSE(blog.store().end_sessions(std::string_view{"nobody"}));
}

TEST_P(Sessions, ADatabaseMadeBeforeTheGenerationTableGainsIt) {
  RunningBlog blog(url());
  // A database from before: no session_generation table (revision 0001).
  folio::SchemaMigrations(blog.store().database()).downgrade("0001");
  blog.store().upgrade_schema();  // what `folio db upgrade` does
  auto browser = blog.browser();
  ASSERT_EQ(browser.log_in("admin", kAdminPassword).status, 303);
  const std::string copied = browser.cookie_header();
  EXPECT_TRUE(signed_in_as_admin(blog, copied));
  browser.get("/");  // the logout form's CSRF token, bound to the new session
  EXPECT_EQ(browser.post("/logout", {}).status, 303);
  EXPECT_FALSE(signed_in_as_admin(blog, copied));
}
