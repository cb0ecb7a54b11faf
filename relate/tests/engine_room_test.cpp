// The engine room's promises: a read-only workload runs no comparison of
// objects with their snapshots (reads are reads) while a change is still
// written; the model registry is configured once and safe to use from many
// threads; a model registered after that is refused; count() with limit
// and offset counts in SQL.

#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <string>
#include <thread>
#include <vector>

#include "relate/orm/model_builder.hpp"
#include "relate/orm/model_info.hpp"
#include "test_support.hpp"

using namespace relate;
using models::Blog;
using models::Comment;
using models::Entry;
using models::Post;
using relate_test::OrmTest;

using EngineRoom = OrmTest;
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(EngineRoom);

namespace {

std::int64_t seed_post_with_comments(Database& db, int comments) {
  auto s = db.session();
  auto post = s.add(Post{.title = "Hello", .content = std::string(4000, 'x')});
  for (int i = 0; i < comments; ++i)
    s.add(Comment{.author = "ann", .content = "c" + std::to_string(i), .post = post});
  s.commit();
  return post->id;
}

}  // namespace

TEST_P(EngineRoom, AReadOnlyPageComparesNoObjectWithItsSnapshot) {
  const std::int64_t id = seed_post_with_comments(db, 5);
  auto s = db.session();
  // What a page handler does: get the post, read it, its comments and each
  // comment's post, all through const handles. Every lazy load autoflushes.
  const auto post = s.get<Post>(id);
  ASSERT_TRUE(post);
  std::size_t read = post->title.size() + post->content.size();
  for (const auto& c : post->comments) {
    read += c->content.size();
    read += c->post->title.size();
  }
  EXPECT_GT(read, 4000U);
  EXPECT_EQ(s.snapshot_comparisons(), 0U);
}

TEST_P(EngineRoom, AChangeThroughAWritableHandleIsStillWritten) {
  const std::int64_t id = seed_post_with_comments(db, 2);
  {
    auto s = db.session();
    auto post = s.get<Post>(id);
    post->title = "Edited";                            // a non-const Ptr
    post->comments[0].modify().content = "rewritten";  // an element: modify()
    // The autoflush before the next query writes both changes.
    EXPECT_EQ(s.query<Comment>().filter(col(&Comment::content) == "rewritten").count(), 1);
    EXPECT_GT(s.snapshot_comparisons(), 0U);
    s.commit();
  }
  auto other = db.session();
  EXPECT_EQ(other.get<Post>(id)->title, "Edited");
}

TEST_P(EngineRoom, CountWithLimitAndOffsetCountsInOneStatement) {
  seed_post_with_comments(db, 7);
  auto s = db.session();
  recorder.clear();
  EXPECT_EQ(s.query<Comment>().limit(3).count(), 3);
  EXPECT_EQ(s.query<Comment>().offset(5).count(), 2);
  EXPECT_EQ(s.query<Comment>().limit(10).offset(4).count(), 3);
  ASSERT_EQ(recorder.count("SELECT"), 3U);
  for (const std::string& statement : recorder.starting_with("SELECT"))
    EXPECT_TRUE(statement.starts_with("SELECT count(*) FROM (SELECT 1 FROM")) << statement;
  // No Comment was loaded to count them.
  EXPECT_EQ(s.get<Comment>(1).state(), s.get<Comment>(1).state());
}

TEST(EngineRoomRegistry, AModelRegisteredAfterConfigurationIsRefusedWithAClearError) {
  relate_test::TempDatabase file;
  Database db{file.url()};  // configures the registry
  const std::size_t models = detail::registered_models().size();
  detail::ModelInfo& late = detail::register_model(detail::model_facts<Post>());
  EXPECT_EQ(detail::registered_models().size(), models);  // the configuration is left alone
  try {
    detail::require_configured(late);
    FAIL() << "a late model was accepted";
  } catch (const InvalidRequestError& e) {
    EXPECT_NE(std::string(e.what()).find("registered after relate configured its models"),
              std::string::npos)
        << e.what();
  }
  EXPECT_NO_THROW(detail::require_configured(detail::model_info<Post>()));
}

// Eight threads open sessions on one Database and use models for the first
// time at once (statements compiled on first use, relationships resolved,
// objects made with relate::make). Run under ThreadSanitizer by `make tsan`.
TEST(EngineRoomThreads, EightThreadsUseOneDatabaseAndItsModelsForTheFirstTimeAtOnce) {
  constexpr int kThreads = 8;
  constexpr int kRounds = 5;
  relate_test::TempDatabase file;
  Database db{file.url()};
  db.create_all<Post, Comment, Blog, Entry>();
  std::barrier start{kThreads};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      try {
        for (int round = 0; round < kRounds; ++round) {
          auto s = db.session();
          auto blog = relate::make(Blog{.name = "b" + std::to_string(t)});
          s.add(blog);
          blog->entries.append(relate::make(Entry{.title = "e", .rank = round}));
          auto post = s.add(Post{.title = "t" + std::to_string(t), .content = ""});
          post->comments.append(relate::make(Comment{.author = "a", .content = "c"}));
          s.commit();
          const auto again = s.get<Post>(post->id);
          if (again->comments.size() != 1 || blog->entries.count() != 1) ++failures;
          if (s.query<Post>().options(selectinload(&Post::comments)).all().empty()) ++failures;
        }
      } catch (const std::exception& e) {
        ADD_FAILURE() << "thread " << t << ": " << e.what();
        ++failures;
      }
    });
  }
  for (auto& thread : threads)
    thread.join();
  EXPECT_EQ(failures.load(), 0);
  auto s = db.session();
  EXPECT_EQ(s.query<Post>().count(), kThreads * kRounds);
  EXPECT_EQ(s.query<Comment>().count(), kThreads * kRounds);
}
