// Query::yield_per: a large result read in batches of n rows, one keyset
// SELECT per batch, never all at once.

#include <gtest/gtest.h>

#include "test_support.hpp"

using namespace relate;
using models::Comment;
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

void add_posts_with_a_comment(Database& db, int n) {
  auto s = db.session();
  for (int i = 1; i <= n; ++i) {
    auto post = s.add(Post{.title = "post " + std::to_string(i)});
    post->comments.append(relate::make(Comment{.content = "on " + std::to_string(i)}));
  }
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

// The session holds one batch at a time: reading the next one lets the last
// one's objects go (a get() of one reads its row again), while a Ptr kept
// to one stays readable, detached.
TEST_P(Streaming, ABatchLeavesTheSessionWhenTheNextIsRead) {
  add_posts(db, 25);
  auto s = db.session();
  Ptr<Post> kept;
  bool checked = false;
  for (const Ptr<Post>& p : s.query<Post>().yield_per(10)) {
    if (p->id == 1) kept = p;
    if (p->id != 15) continue;
    const std::uint64_t before = s.statement_count();
    EXPECT_TRUE(s.get<Post>(12));  // this batch's: held
    EXPECT_EQ(s.statement_count(), before);
    const Ptr<Post> again = s.get<Post>(1);  // the first batch's: gone
    EXPECT_EQ(s.statement_count(), before + 1);
    EXPECT_FALSE(again == kept);
    checked = true;
  }
  EXPECT_TRUE(checked);
  EXPECT_EQ(kept->title, "post 1");
}

TEST_P(Streaming, AChangedBatchStaysAndItsChangeIsWritten) {
  add_posts(db, 25);
  auto s = db.session();
  for (const Ptr<Post>& p : s.query<Post>().yield_per(10)) {
    if (p->id == 3) p.modify().title = "changed";
  }
  const std::uint64_t before = s.statement_count();
  const Ptr<Post> third = s.get<Post>(3);
  EXPECT_EQ(s.statement_count(), before);  // still the session's
  EXPECT_EQ(third->title, "changed");
  s.commit();
  auto other = db.session();
  EXPECT_EQ(other.get<Post>(3)->title, "changed");
}

// What is loaded for a batch's objects (eagerly, or lazily in the loop)
// leaves with them.
TEST_P(Streaming, WhatABatchLoadsLeavesWithIt) {
  add_posts_with_a_comment(db, 12);
  auto s = db.session();
  std::size_t comments = 0;
  for (const Ptr<Post>& p : s.query<Post>().options(selectinload(&Post::comments)).yield_per(4)) {
    comments += p->comments.size();
    for (const Ptr<Comment>& c : p->comments)
      EXPECT_EQ(c->content, "on " + std::to_string(p->id));
  }
  EXPECT_EQ(comments, 12U);
  for (const Ptr<Post>& p : s.query<Post>().yield_per(4)) {
    const Ptr<Comment>& c = p->comments[0];  // lazily, into the batch
    EXPECT_EQ(c->post->id, p->id);
  }
  const std::uint64_t before = s.statement_count();
  EXPECT_TRUE(s.get<Comment>(1));  // the first batch's comment: read again
  EXPECT_EQ(s.statement_count(), before + 1);
}

// A batch whose objects reach objects the session held before (here a
// comment loaded first) joins the session's objects and stays: nothing is
// left pointing at objects that went.
TEST_P(Streaming, ABatchLinkedToTheSessionsObjectsStays) {
  add_posts_with_a_comment(db, 12);
  auto s = db.session();
  const Ptr<Comment> first_comment = s.get<Comment>(1);
  for (const Ptr<Post>& p : s.query<Post>().yield_per(4))
    EXPECT_EQ(p->comments.size(), 1U);
  EXPECT_EQ(first_comment->post->title, "post 1");
  const std::uint64_t before = s.statement_count();
  EXPECT_TRUE(s.get<Post>(1));     // still held
  EXPECT_TRUE(s.get<Comment>(5));  // the second batch's: gone with it
  EXPECT_EQ(s.statement_count(), before + 1);
}
