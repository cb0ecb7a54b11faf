// Writing in the blog: the editor (validation, preview, tags), drafts,
// who may change which post, deleting posts with their comments.

#include <atomic>
#include <thread>

#include "folio_test_support.hpp"

using namespace folio_test;

using Editor = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(Editor);
using Drafts = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(Drafts);
using Roles = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(Roles);
using DeletePost = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(DeletePost);

namespace {

constexpr const char* kHtml = "text/html,*/*";

// The editor's fields; `action` is the button pressed (save or preview).
std::map<std::string, std::string> editor(const std::string& title, const std::string& content,
                                          const std::string& tags, const std::string& status,
                                          const std::string& action = "save") {
  return {{"title", title},
          {"content", content},
          {"tags", tags},
          {"status", status},
          {"action", action}};
}

// Writes a post through the editor; its id (0 when not 303 to the post).
std::int64_t write_post(Browser& browser, const std::string& title, const std::string& tags,
                        const std::string& status, const std::string& content = "Some *text*.") {
  browser.get("/admin/posts/new");
  auto saved = browser.post("/admin/posts/new", editor(title, content, tags, status));
  if (saved.status != 303) return 0;
  const std::string location = saved.header("Location");
  return std::stoll(location.substr(1));
}

}  // namespace

TEST_P(Editor, PublishesAPostWithTagsThatShowsOnEveryPage) {
  RunningBlog blog(url());
  auto author = blog.browser();
  ASSERT_EQ(author.log_in("reader", kUserPassword).status, 303);
  const std::int64_t id = write_post(author, "Hello tags", "C++, Databases", "published");
  ASSERT_GT(id, 0);
  auto visitor = blog.browser();
  const std::string post_url = "/" + std::to_string(id) + "/";
  auto post = visitor.get(post_url);
  ASSERT_EQ(post.status, 200);
  EXPECT_TRUE(contains(post.body, "<em>text</em>"));
  EXPECT_TRUE(contains(post.body, "href=\"/tags/c/\""));
  EXPECT_TRUE(contains(post.body, "href=\"/tags/databases/\""));
  EXPECT_TRUE(contains(post.body, "href=\"/authors/reader/\""));
  auto index = visitor.get("/");
  EXPECT_TRUE(contains(index.body, "<a href=\"" + post_url + "\">Hello tags</a>"));
  EXPECT_LT(index.body.find("Hello tags"), index.body.find("Post The Third"));  // newest first
  EXPECT_TRUE(contains(visitor.get("/tags/c/").body, "Hello tags"));
  EXPECT_TRUE(contains(visitor.get("/tags/databases/").body, "Hello tags"));
  EXPECT_TRUE(contains(visitor.get("/authors/reader/").body, "Hello tags"));
  auto tags = visitor.get("/tags/");
  EXPECT_TRUE(contains(tags.body, ">C++</a> <span class=\"count\">(1 post)</span>"));
  EXPECT_EQ(visitor.get("/tags/nothing/").status, 404);
}

TEST_P(Editor, ReusesTagsByNameAndCountsOnlyPublishedPosts) {
  RunningBlog blog(url());
  auto author = blog.browser();
  ASSERT_EQ(author.log_in("reader", kUserPassword).status, 303);
  ASSERT_GT(write_post(author, "One", "news", "published"), 0);
  ASSERT_GT(write_post(author, "Two", "News, news , extra", "published"), 0);
  ASSERT_GT(write_post(author, "Three", "news", "draft"), 0);
  auto tags = blog.browser().get("/tags/");
  EXPECT_TRUE(contains(tags.body, ">news</a> <span class=\"count\">(2 posts)</span>"));
  EXPECT_TRUE(contains(tags.body, ">extra</a> <span class=\"count\">(1 post)</span>"));
  EXPECT_EQ(occurrences(tags.body, "rel=\"tag\""), 2U);
  auto tagged = blog.browser().get("/tags/news/");
  EXPECT_TRUE(contains(tagged.body, "One"));
  EXPECT_FALSE(contains(tagged.body, "Three"));
}

TEST_P(Editor, InvalidInputIs422BesideTheFieldWithTheTextKeptAndNothingStored) {
  RunningBlog blog(url());
  auto author = blog.browser();
  ASSERT_EQ(author.log_in("reader", kUserPassword).status, 303);
  author.get("/admin/posts/new");
  auto empty = author.post("/admin/posts/new", editor("", "kept text", "a", "published"));
  EXPECT_EQ(empty.status, 422);
  EXPECT_TRUE(contains(empty.body, "id=\"title-error\">Please give the post a title."));
  EXPECT_TRUE(contains(empty.body, ">kept text</textarea>"));
  auto too_long =
      author.post("/admin/posts/new", editor(std::string(101, 'x'), "", "a, !!!", "published"));
  EXPECT_EQ(too_long.status, 422);
  EXPECT_TRUE(contains(too_long.body, "A title can be at most 100 characters long."));
  EXPECT_TRUE(contains(too_long.body, "id=\"content-error\">Please write the post."));
  EXPECT_TRUE(contains(too_long.body, "id=\"tags-error\">A tag needs a letter or a digit"));
  auto bad_status = author.post("/admin/posts/new", editor("t", "c", "", "secret"));
  EXPECT_EQ(bad_status.status, 422);
  EXPECT_TRUE(contains(bad_status.body, "id=\"status-error\""));
  EXPECT_EQ(occurrences(blog.browser().get("/").body, "<div class=\"post\">"), 3U);
  EXPECT_FALSE(contains(blog.browser().get("/tags/").body, "rel=\"tag\""));
}

TEST_P(Editor, PreviewRendersTheMarkdownOnTheServerAndStoresNothing) {
  RunningBlog blog(url());
  auto author = blog.browser();
  ASSERT_EQ(author.log_in("reader", kUserPassword).status, 303);
  author.get("/admin/posts/new");
  auto preview = author.post(
      "/admin/posts/new",
      editor("Previewed", "**bold** <script>alert(1)</script>", "p", "published", "preview"));
  EXPECT_EQ(preview.status, 200);
  EXPECT_TRUE(contains(preview.body, "<strong>bold</strong>"));
  EXPECT_FALSE(contains(preview.body, "<script>alert"));
  EXPECT_TRUE(contains(preview.body, "value=\"Previewed\""));
  EXPECT_FALSE(contains(blog.browser().get("/").body, "Previewed"));
}

TEST_P(Editor, EditsTitleAndTagsOfOwnPost) {
  RunningBlog blog(url());
  auto author = blog.browser();
  ASSERT_EQ(author.log_in("reader", kUserPassword).status, 303);
  const std::int64_t id = write_post(author, "Before", "old", "published");
  const std::string edit = "/admin/posts/" + std::to_string(id) + "/edit";
  auto form = author.get(edit);
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, "value=\"Before\""));
  EXPECT_TRUE(contains(form.body, "value=\"old\""));
  auto saved = author.post(edit, editor("After", "new", "fresh", "published"));
  EXPECT_EQ(saved.status, 303);
  auto post = blog.browser().get("/" + std::to_string(id) + "/");
  EXPECT_TRUE(contains(post.body, "<h1>After</h1>"));
  EXPECT_TRUE(contains(post.body, "/tags/fresh/"));
  EXPECT_FALSE(contains(post.body, "/tags/old/"));
  EXPECT_TRUE(
      contains(blog.browser().get("/tags/").body, ">old</a> <span class=\"count\">(0 posts)"));
}

TEST_P(Editor, WithoutACsrfTokenOrOriginStoresNothing) {
  RunningBlog blog(url());
  auto author = blog.browser();
  ASSERT_EQ(author.log_in("reader", kUserPassword).status, 303);
  author.send_origin(false);
  auto refused =
      author.post_raw("/admin/posts/new", "title=x&content=y&status=published&action=save");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(occurrences(blog.browser().get("/").body, "<div class=\"post\">"), 3U);
}

TEST_P(Drafts, AreHiddenFromVisitorsAndShownMarkedToTheirAuthorAndAdmins) {
  RunningBlog blog(url());
  blog.add_author("other");
  auto author = blog.browser();
  ASSERT_EQ(author.log_in("reader", kUserPassword).status, 303);
  const std::int64_t id = write_post(author, "Secret draft", "hidden", "draft");
  ASSERT_GT(id, 0);
  const std::string post_url = "/" + std::to_string(id) + "/";
  auto visitor = blog.browser();
  EXPECT_EQ(visitor.get(post_url).status, 404);
  EXPECT_FALSE(contains(visitor.get("/").body, "Secret draft"));
  EXPECT_FALSE(contains(visitor.get("/tags/hidden/").body, "Secret draft"));
  EXPECT_FALSE(contains(visitor.get("/authors/reader/").body, "Secret draft"));
  visitor.get("/1/");  // a page with the comment form: its CSRF token
  EXPECT_EQ(visitor.post(post_url, {{"content", "on a draft"}}).status, 404);
  auto own = author.get(post_url);
  EXPECT_EQ(own.status, 200);
  EXPECT_TRUE(contains(own.body, "class=\"draft-flag\""));
  auto admin = blog.browser();
  ASSERT_EQ(admin.log_in("admin", kAdminPassword).status, 303);
  EXPECT_TRUE(contains(admin.get(post_url).body, "class=\"draft-flag\""));
  auto other = blog.browser();
  ASSERT_EQ(other.log_in("other", kUserPassword).status, 303);
  EXPECT_EQ(other.get(post_url).status, 404);
  // Published: on the index now.
  author.get("/admin/posts/" + std::to_string(id) + "/edit");
  author.post("/admin/posts/" + std::to_string(id) + "/edit",
              editor("Secret draft", "c", "hidden", "published"));
  EXPECT_TRUE(contains(blog.browser().get("/").body, "Secret draft"));
}

TEST_P(Roles, AnAuthorIsRefusedOnAnotherAuthorsPost) {
  RunningBlog blog(url());
  blog.add_author("other");
  auto owner = blog.browser();
  ASSERT_EQ(owner.log_in("reader", kUserPassword).status, 303);
  const std::int64_t id = write_post(owner, "Mine", "", "published");
  auto other = blog.browser();
  ASSERT_EQ(other.log_in("other", kUserPassword).status, 303);
  const std::string edit = "/admin/posts/" + std::to_string(id) + "/edit";
  EXPECT_EQ(other.get(edit).status, 403);
  other.get("/admin/");
  EXPECT_EQ(other.post(edit, editor("Theirs", "x", "", "published")).status, 403);
  EXPECT_EQ(other.post("/admin/posts/" + std::to_string(id) + "/delete", {}).status, 403);
  EXPECT_FALSE(contains(other.get("/admin/posts/").body, "Mine"));
  EXPECT_TRUE(contains(blog.browser().get("/" + std::to_string(id) + "/").body, "<h1>Mine</h1>"));
  // An admin may edit it; an author may not moderate or delete comments.
  auto admin = blog.browser();
  ASSERT_EQ(admin.log_in("admin", kAdminPassword).status, 303);
  EXPECT_EQ(admin.get(edit).status, 200);
  EXPECT_EQ(other.get("/admin/comments/").status, 403);
  EXPECT_EQ(other.post("/comments/1/delete", {}).status, 403);
}

TEST_P(Roles, AVisitorIsSentToLogInAndBackOrRefused) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  for (const char* page : {"/admin/", "/admin/posts/", "/admin/posts/new", "/admin/profile",
                           "/admin/posts/1/edit", "/admin/comments/"}) {
    auto sent = browser.get(page, {{"Accept", kHtml}});
    EXPECT_EQ(sent.status, 303) << page;
    EXPECT_EQ(sent.header("Location"), std::string("/login?next=") + page) << page;
    EXPECT_EQ(blog.browser().get(page).status, 403) << page;
  }
  browser.get("/login");
  auto back = browser.post(
      "/login",
      {{"username", "reader"}, {"password", kUserPassword}, {"next", "/admin/posts/new"}});
  EXPECT_EQ(back.header("Location"), "/admin/posts/new");
  EXPECT_EQ(browser.get("/admin/posts/new").status, 200);
  browser.get("/1/");
  EXPECT_EQ(blog.browser().post("/admin/posts/1/delete", {}).status, 403);
}

TEST_P(DeletePost, TakesItsCommentsAndTheCountsFollow) {
  RunningBlog blog(url());
  auto author = blog.browser();
  ASSERT_EQ(author.log_in("reader", kUserPassword).status, 303);
  const std::int64_t id = write_post(author, "Doomed", "gone", "published");
  const std::string post_url = "/" + std::to_string(id) + "/";
  auto visitor = blog.browser();
  visitor.get(post_url);
  ASSERT_EQ(visitor.post(post_url, {{"content", "first words"}}).status, 303);
  ASSERT_EQ(visitor.post(post_url, {{"content", "second words"}}).status, 303);
  EXPECT_TRUE(contains(visitor.get("/").body, "2 comments"));
  auto admin = blog.browser();
  ASSERT_EQ(admin.log_in("admin", kAdminPassword).status, 303);
  auto list = admin.get("/admin/posts/");
  EXPECT_TRUE(contains(list.body, "data-confirm=\"Are you sure you want to delete this entry?\""));
  // One comment deleted: the index says so.
  auto page = admin.get(post_url);
  const auto marker = page.body.find("first words");
  ASSERT_NE(marker, std::string::npos);
  const auto comment = page.body.rfind("id=\"comment-", marker);
  const std::int64_t comment_id = std::stoll(page.body.substr(comment + 12));
  EXPECT_EQ(admin.post("/comments/" + std::to_string(comment_id) + "/delete", {}).status, 303);
  EXPECT_TRUE(contains(visitor.get("/").body, "1 comment<"));
  auto deleted =
      admin.post(post_url.substr(0, 0) + "/admin/posts/" + std::to_string(id) + "/delete", {});
  EXPECT_EQ(deleted.status, 303);
  EXPECT_EQ(deleted.header("Location"), "/admin/posts/");
  EXPECT_EQ(visitor.get(post_url).status, 404);
  EXPECT_FALSE(contains(visitor.get("/comments/").body, "second words"));
  EXPECT_TRUE(contains(visitor.get("/tags/").body, ">gone</a> <span class=\"count\">(0 posts)"));
  EXPECT_EQ(admin.post("/admin/posts/" + std::to_string(id) + "/delete", {}).status, 404);
}

// Writers that name the same new tag (and title) at the same moment all get
// their post: the one that loses the race for the tag's (or slug's) unique
// row tries again and finds the winner's.
TEST_P(Editor, WritersNamingTheSameNewTagAtOnceAllSucceed) {
  RunningBlog blog(url());
  const std::int64_t ada = blog.add_author("ada");
  constexpr int kWriters = 6;
  std::atomic<int> ready{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&] {
      ready.fetch_add(1);
      while (ready.load() < kWriters) {
      }
      try {
        blog.store().create_post(
            ada, PostDraft{.title = "Same title", .content = "Text", .tags = {"Brand new"}});
      } catch (const std::exception& e) {
        failures.fetch_add(1);
        ADD_FAILURE() << e.what();
      }
    });
  }
  for (auto& t : writers)
    t.join();
  EXPECT_EQ(failures.load(), 0);
  auto page = blog.browser().get("/tags/brand-new/");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(occurrences(page.body, "Same title"), static_cast<std::size_t>(kWriters));
}
