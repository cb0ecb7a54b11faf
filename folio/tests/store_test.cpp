// The store on its own: the sample data and what each page costs.

#include <gtest/gtest.h>

#include "folio_test_support.hpp"

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
