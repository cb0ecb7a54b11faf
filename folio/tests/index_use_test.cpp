// Every page's statements are served by indexes: relate's index check runs on
// the blog's database while a reader, a commenter and the admin go through
// every page, and reports any statement that would read a table whole where
// an index would serve (issue 12's check, on Folio's real statements).

#include <mutex>

#include "folio_test_support.hpp"
#include "store/models.hpp"

using namespace folio_test;

using IndexUse = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(IndexUse);

namespace {

// The index check's findings (thread-safe: the server's threads report them).
class Findings {
 public:
  void add(std::string_view message) {
    const std::lock_guard lock(mutex_);
    messages_.emplace_back(message);
  }
  std::size_t size() const {
    const std::lock_guard lock(mutex_);
    return messages_.size();
  }
  void clear() {
    const std::lock_guard lock(mutex_);
    messages_.clear();
  }
  std::string all() const {
    const std::lock_guard lock(mutex_);
    std::string out;
    for (const std::string& m : messages_)
      out += m + "\n\n";
    return out;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> messages_;
};

}  // namespace

TEST_P(IndexUse, EveryPageIsServedByIndexes) {
  RunningBlog blog(url());
  for (int i = 0; i < 12; ++i)
    blog.store().add_post("Extra " + std::to_string(i), "x", std::nullopt);
  const std::int64_t ada = blog.add_author("ada", "Ada L.");
  const std::int64_t tagged = blog.store().create_post(
      ada, PostDraft{.title = "By Ada", .content = "Text", .tags = {"Maths", "History"}});
  blog.store().create_post(ada, PostDraft{.title = "Unfinished", .content = "Text", .draft = true});
  Findings findings;
  blog.store().database().on_warning([&](std::string_view m) { findings.add(m); });
  blog.store().database().set_scan_check(relate::ScanCheck::warn);
  {  // The check is live: a filter on a column without an index is found.
    auto s = blog.store().database().session();
    (void)s.query<folio::Comment>().filter(relate::col(&folio::Comment::author) == "nobody").all();
    ASSERT_EQ(findings.size(), 1U) << findings.all();
    findings.clear();
  }

  auto reader = blog.browser();
  for (const char* page :
       {"/", "/?page=2", "/1/", "/2/", "/comments/", "/about/", "/login", "/tags/", "/tags/maths/",
        "/authors/ada/", "/search?q=extra", "/search?q=extra&page=2"})
    EXPECT_EQ(reader.get(page).status, 200) << page;
  EXPECT_EQ(reader.get("/999/").status, 404);
  EXPECT_EQ(reader.post("/2/", {{"content", "Nice post"}, {"author", "Ada"}}).status, 303);

  auto admin = blog.browser();
  ASSERT_EQ(admin.log_in("admin", kAdminPassword).status, 303);
  const std::string edit = "/admin/posts/" + std::to_string(tagged) + "/edit";
  for (const std::string& page :
       {std::string("/comments/"), std::string("/1/"), std::string("/admin/"),
        std::string("/admin/posts/"), std::string("/admin/posts/new"), edit,
        std::string("/admin/profile"), std::string("/admin/comments/")})
    EXPECT_EQ(admin.get(page).status, 200) << page;
  EXPECT_EQ(admin.post("/comments/1/delete", {}).status, 303);

  EXPECT_EQ(findings.all(), "");
}
