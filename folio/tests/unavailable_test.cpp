// When the database cannot write (a full disk, a lock held past the busy
// timeout): 503 with Retry-After and the comment form as it was typed,
// nothing stored, and the blog recovers by itself once the cause is gone.

#include "../../relate/tests/tmpfs_mount.hpp"
#include "folio_test_support.hpp"
#include "relate/relate.hpp"
#include "store/models.hpp"

using namespace folio_test;

using Unavailable = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(Unavailable);

namespace {

void expect_503_with_the_form_kept(const HttpResult& answer, const std::string& typed,
                                   const std::string& why) {
  EXPECT_EQ(answer.status, 503);
  EXPECT_EQ(answer.header("Retry-After"), "60");
  EXPECT_NE(answer.body.find(why), std::string::npos) << answer.body;
  EXPECT_NE(answer.body.find("Please try again in a minute."), std::string::npos);
  EXPECT_NE(answer.body.find(">" + typed + "</textarea>"), std::string::npos);
  EXPECT_NE(answer.body.find("value=\"Ada\""), std::string::npos);
}

}  // namespace

TEST_P(Unavailable, AFullDiskIs503WithTheFormKeptAndTheBlogRecoversWhenThereIsRoom) {
  if (GetParam() != "sqlite") {
    GTEST_SKIP() << "filling PostgreSQL's disk needs a tablespace on a small file system, "
                    "which only its superuser can make; the test's role is not one";
  }
  relate_test::TmpfsMount disk("2m");
  if (!disk.available()) GTEST_SKIP() << disk.reason();
  RunningBlog blog("sqlite:///" + (disk.path() / "folio.db").string());
  auto browser = blog.browser();
  ASSERT_EQ(browser.get("/1/").status, 200);
  ASSERT_GT(disk.fill(), 0U);

  const std::string typed = "typed while the disk was full";
  auto refused = browser.post("/1/", {{"content", typed}, {"author", "Ada"}});
  expect_503_with_the_form_kept(refused, typed, "The blog&#39;s disk is full");
  EXPECT_EQ(browser.get("/1/").status, 200);  // reading still works

  disk.free();  // an operator makes room; no restart
  auto accepted = browser.post("/1/", {{"content", "after making room"}, {"author", "Ada"}});
  EXPECT_EQ(accepted.status, 303);
  const auto page = browser.get("/1/").body;
  EXPECT_NE(page.find("after making room"), std::string::npos);
  EXPECT_EQ(page.find(typed), std::string::npos);  // nothing half-stored
}

TEST_P(Unavailable, ALockHeldPastTheBusyTimeoutIs503AndTheNextCommentWorks) {
  if (GetParam() != "sqlite") {
    GTEST_SKIP() << "PostgreSQL writers of different rows do not wait on each other: there is "
                    "no lock for a comment to time out on";
  }
  RunningBlog blog(url() + "?busy_timeout=100");
  auto browser = blog.browser();
  browser.get("/1/");
  {
    // Another writer holds SQLite's write lock (an open write transaction).
    auto other = blog.store().database().session();
    other.add(folio::Comment{.post_id = 2, .content = "the other writer's"});
    other.flush();
    const std::string typed = "typed while the database was locked";
    auto refused = browser.post("/1/", {{"content", typed}, {"author", "Ada"}});
    expect_503_with_the_form_kept(refused, typed, "too busy to save");
  }  // rolled back: the lock is free
  EXPECT_EQ(browser.post("/1/", {{"content", "once it was free"}}).status, 303);
  const auto all = browser.get("/comments/").body;
  EXPECT_NE(all.find("once it was free"), std::string::npos);
  EXPECT_EQ(all.find("typed while"), std::string::npos);
}
