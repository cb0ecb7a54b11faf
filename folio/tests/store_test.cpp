// The store on its own: the sample data and what each page costs.

#include <gtest/gtest.h>

#include "folio_test_support.hpp"
#include "store/migrations.hpp"
#include "store/models.hpp"

using namespace folio_test;

using Store = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(Store);

TEST_P(Store, TheSampleIsTheTutorialsInitDb) {
  BlogStore store(url(), false);
  store.upgrade_schema();
  EXPECT_TRUE(store.empty());
  store.insert_sample();
  EXPECT_FALSE(store.empty());
  auto first = store.post(1);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->post.title, "Post The First");
  ASSERT_EQ(first->comments.size(), 2U);
  EXPECT_EQ(first->comments[0].content, "Comment for the first post");
  EXPECT_EQ(first->comments[1].content, "Another comment for the first post");
  auto second = store.post(2);
  ASSERT_EQ(second->comments.size(), 2U);
  EXPECT_EQ(second->comments[1].content, "Another comment for the second post");
  EXPECT_TRUE(store.post(3)->comments.empty());
  EXPECT_EQ(store.posts(1, 10).items.size(), 3U);
}

TEST_P(Store, DeletingAPostsCommentLeavesTheOthers) {
  BlogStore store(url(), false);
  store.upgrade_schema();
  store.insert_sample();
  EXPECT_EQ(store.delete_comment(1), 1);
  EXPECT_EQ(store.delete_comment(1), std::nullopt);
  EXPECT_EQ(store.post(1)->comments.size(), 1U);
}

TEST_P(Store, UsernamesAreUnique) {
  BlogStore store(url(), false);
  store.upgrade_schema();
  store.create_user("ada", "", "hash", false);
  EXPECT_THROW(store.create_user("ada", "", "hash", true), UsernameTaken);
}

TEST_P(Store, APostKeepsItsMarkdownRenderedInStepWithEveryWrite) {
  BlogStore store(url(), false);
  store.upgrade_schema();
  const std::int64_t author = store.create_user("writer", "", "hash", false).id;
  const std::int64_t id = store.create_post(
      author,
      PostDraft{.title = "Rendered", .content = "Some *emphasis*", .tags = {}, .draft = false});
  const auto stored_html = [&] {
    auto s = store.database().session();
    return s.get<Post>(id)->content_html;
  };
  EXPECT_EQ(stored_html(), std::optional<std::string>("<p>Some <em>emphasis</em></p>\n"));
  EXPECT_EQ(store.post(id)->post.content_html, "<p>Some <em>emphasis</em></p>\n");
  ASSERT_TRUE(store.update_post(
      id, PostDraft{.title = "Rendered", .content = "Now **strong**", .tags = {}, .draft = false}));
  EXPECT_EQ(stored_html(), std::optional<std::string>("<p>Now <strong>strong</strong></p>\n"));
  EXPECT_EQ(store.post(id)->post.content_html, "<p>Now <strong>strong</strong></p>\n");
}

TEST_P(Store, UpgradingToRevision0007RendersThePostsThere) {
  BlogStore store(url(), false);
  SchemaMigrations migrations(store.database());
  migrations.upgrade("0006");
  const std::int64_t id =
      add_post_before_revision_0007(store.database(), "Written at 0006", "Old *Markdown*");
  migrations.upgrade();
  EXPECT_EQ(migrations.check(), std::vector<std::string>{});
  auto s = store.database().session();
  EXPECT_EQ(s.get<Post>(id)->content_html,
            std::optional<std::string>("<p>Old <em>Markdown</em></p>\n"));
  EXPECT_EQ(store.post(id)->post.content_html, "<p>Old <em>Markdown</em></p>\n");
}
