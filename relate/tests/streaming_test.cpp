// Query::yield_per: a large result read in batches of n rows, one keyset
// SELECT per batch, never all at once.

#include <gtest/gtest.h>

#include "test_support.hpp"

using namespace relate;
using models::Post;
using relate_test::OrmTest;

using Streaming = OrmTest;
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(Streaming);

namespace {

void add_posts(Database& db, int n) {
  auto s = db.session();
  for (int i = 1; i <= n; ++i)
    s.add(Post{.title = "post " + std::to_string(i), .content = i % 2 ? "odd" : "even"});
  s.commit();
}

}  // namespace

TEST_P(Streaming, ReadsEveryRowInBatchesOfN) {
  add_posts(db, 25);
  auto s = db.session();
  recorder.clear();
  std::vector<std::int64_t> ids;
  std::size_t statements_when_first_seen = 0;
  for (const Ptr<Post>& p : s.query<Post>().yield_per(10)) {
    if (ids.empty()) statements_when_first_seen = recorder.statements().size();
    ids.push_back(p->id);
  }
  EXPECT_EQ(statements_when_first_seen, 1U);  // a batch at a time, not everything first
  ASSERT_EQ(ids.size(), 25U);
  for (std::size_t i = 0; i < ids.size(); ++i)
    EXPECT_EQ(ids[i], static_cast<std::int64_t>(i + 1));
  EXPECT_EQ(recorder.statements(),
            (std::vector<std::string>{
                sql("SELECT post.id, post.title, post.content FROM post ORDER BY post.id LIMIT ?"),
                sql("SELECT post.id, post.title, post.content FROM post WHERE post.id > ? ORDER "
                    "BY post.id LIMIT ?"),
                sql("SELECT post.id, post.title, post.content FROM post WHERE post.id > ? ORDER "
                    "BY post.id LIMIT ?")}));
}

TEST_P(Streaming, AFullLastBatchNeedsOneMoreEmptyRead) {
  add_posts(db, 20);
  auto s = db.session();
  recorder.clear();
  std::size_t n = 0;
  for (const Ptr<Post>& p : s.query<Post>().filter(col(&Post::content) == "even").yield_per(5)) {
    EXPECT_EQ(p->content, "even");
    ++n;
  }
  EXPECT_EQ(n, 10U);
  EXPECT_EQ(recorder.statements().size(), 3U);
}

TEST_P(Streaming, StoppingEarlyReadsNoMoreBatches) {
  add_posts(db, 30);
  auto s = db.session();
  recorder.clear();
  for (const Ptr<Post>& p : s.query<Post>().yield_per(10)) {
    if (p->id == 3) break;
  }
  EXPECT_EQ(recorder.statements().size(), 1U);
}

TEST_P(Streaming, AnEmptyResultIsOneStatement) {
  auto s = db.session();
  recorder.clear();
  std::size_t n = 0;
  for (const Ptr<Post>& p : s.query<Post>().yield_per(10)) {
    (void)p;
    ++n;
  }
  EXPECT_EQ(n, 0U);
  EXPECT_EQ(recorder.statements().size(), 1U);
}

TEST_P(Streaming, RefusesABatchBelowOneAndOrderedOrLimitedQueries) {
  auto s = db.session();
  EXPECT_THROW(s.query<Post>().yield_per(0), InvalidRequestError);
  EXPECT_THROW(s.query<Post>().order_by(desc(&Post::id)).yield_per(10), InvalidRequestError);
  EXPECT_THROW(s.query<Post>().limit(3).yield_per(10), InvalidRequestError);
  EXPECT_THROW(s.query<Post>().join(&Post::comments).yield_per(10), InvalidRequestError);
}
