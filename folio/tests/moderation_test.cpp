// Comment moderation (FOLIO_COMMENT_MODERATION off, first, all) and the
// comment form's honeypot.

#include "folio_test_support.hpp"

using namespace folio_test;

using Moderating = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(Moderating);
using Honeypot = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(Honeypot);

namespace {

HttpResult comment(Browser& browser, const std::string& text) {
  browser.get("/3/");
  return browser.post("/3/", {{"content", text}, {"author", "Visitor"}});
}

// Approves the pending comment whose text is `text` through the moderation page.
void approve(Browser& admin, const std::string& text) {
  auto page = admin.get("/admin/comments/");
  const auto at = page.body.find(text);
  ASSERT_NE(at, std::string::npos);
  const auto form = page.body.rfind("id=\"comment-", at);
  const std::string id = std::to_string(std::stoll(page.body.substr(form + 12)));
  EXPECT_EQ(admin.post("/admin/comments/" + id + "/approve", {}).status, 303);
}

}  // namespace

TEST_P(Moderating, OffShowsEveryCommentAtOnce) {
  RunningBlog blog(url());
  auto visitor = blog.browser();
  EXPECT_EQ(comment(visitor, "straight in").status, 303);
  EXPECT_TRUE(contains(blog.browser().get("/3/").body, "straight in"));
}

TEST_P(Moderating, AllHoldsEveryCommentUntilAnAdminApprovesIt) {
  RunningBlog blog(url(), {.comment_moderation = Moderation::all});
  auto visitor = blog.browser();
  auto held = comment(visitor, "please wait");
  EXPECT_EQ(held.status, 303);
  EXPECT_TRUE(contains(visitor.get("/3/").body, "awaiting moderation"));
  EXPECT_FALSE(contains(blog.browser().get("/3/").body, "please wait"));
  EXPECT_FALSE(contains(blog.browser().get("/comments/").body, "please wait"));
  EXPECT_TRUE(contains(blog.browser().get("/").body, "<a href=\"/3/#comments\">No comments</a>"));
  auto admin = blog.browser();
  ASSERT_EQ(admin.log_in("admin", kAdminPassword).status, 303);
  auto shown = admin.get("/3/");
  EXPECT_TRUE(contains(shown.body, "please wait"));
  EXPECT_TRUE(contains(shown.body, "Awaiting moderation"));
  approve(admin, "please wait");
  EXPECT_TRUE(contains(blog.browser().get("/3/").body, "please wait"));
  EXPECT_TRUE(contains(blog.browser().get("/").body, "<a href=\"/3/#comments\">1 comment</a>"));
  // Under "all" even an approved commenter waits.
  comment(visitor, "again");
  EXPECT_FALSE(contains(blog.browser().get("/3/").body, "again"));
}

TEST_P(Moderating, FirstTrustsACommenterOnceOneOfTheirCommentsIsApproved) {
  RunningBlog blog(url(), {.comment_moderation = Moderation::first});
  auto visitor = blog.browser();
  comment(visitor, "my first");
  EXPECT_FALSE(contains(blog.browser().get("/3/").body, "my first"));
  comment(visitor, "my second");
  EXPECT_FALSE(contains(blog.browser().get("/3/").body, "my second"));
  auto admin = blog.browser();
  ASSERT_EQ(admin.log_in("admin", kAdminPassword).status, 303);
  approve(admin, "my first");
  comment(visitor, "my third");
  EXPECT_TRUE(contains(blog.browser().get("/3/").body, "my third"));
  // Someone else from the same address is not trusted by it.
  auto stranger = blog.browser();
  comment(stranger, "a stranger");
  EXPECT_FALSE(contains(blog.browser().get("/3/").body, "a stranger"));
  // An admin deletes from the moderation page and comes back to it.
  auto page = admin.get("/admin/comments/");
  const auto at = page.body.find("a stranger");
  const auto form = page.body.rfind("id=\"comment-", at);
  const std::string id = std::to_string(std::stoll(page.body.substr(form + 12)));
  auto deleted = admin.post("/comments/" + id + "/delete", {{"next", "/admin/comments/"}});
  EXPECT_EQ(deleted.header("Location"), "/admin/comments/");
  EXPECT_FALSE(contains(admin.get("/admin/comments/").body, "a stranger"));
}

TEST_P(Honeypot, AFilledHoneypotIsRefusedAndStoresNothing) {
  RunningBlog blog(url());
  auto robot = blog.browser();
  auto page = robot.get("/3/");
  EXPECT_TRUE(contains(page.body, "name=\"email\""));
  auto refused = robot.post("/3/", {{"content", "buy now"}, {"email", "bot@example.com"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_FALSE(contains(blog.browser().get("/3/").body, "buy now"));
  EXPECT_FALSE(contains(blog.browser().get("/comments/").body, "buy now"));
}
