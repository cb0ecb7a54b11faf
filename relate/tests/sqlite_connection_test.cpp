// The SQLite backend set up as a deployment needs it.

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "relate/connection/engine.hpp"
#include "relate/error.hpp"
#include "test_support.hpp"

using relate_test::scalar;
using relate_test::TempDatabase;
using relate_test::text;

TEST(SqliteConnection, EveryConnectionEnforcesForeignKeys) {
  TempDatabase file;
  auto engine = relate::create_engine(file.url() + "?pool_size=2");
  auto a = engine->connect();
  auto b = engine->connect();  // a second, separately opened connection
  EXPECT_EQ(scalar(*a, "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(scalar(*b, "PRAGMA foreign_keys"), 1);
}

TEST(SqliteConnection, FilesUseWalWithABusyTimeout) {
  TempDatabase file;
  auto engine = relate::create_engine(file.url() + "?busy_timeout=1234");
  auto c = engine->connect();
  EXPECT_EQ(text(*c, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(scalar(*c, "PRAGMA busy_timeout"), 1234);
  EXPECT_EQ(scalar(*c, "PRAGMA synchronous"), 1);  // NORMAL
}

TEST(SqliteConnection, ConcurrentWritersWaitInsteadOfFailing) {
  // Each transaction reads and then writes: with a deferred BEGIN the
  // upgrade to a write lock fails with SQLITE_BUSY under contention; with
  // BEGIN IMMEDIATE writers queue on the busy timeout.
  TempDatabase file;
  auto engine = relate::create_engine(file.url() + "?pool_size=4");
  engine->connect()->execute_script("CREATE TABLE counter (n INTEGER NOT NULL)");
  constexpr int kThreads = 4;
  constexpr int kWrites = 50;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kWrites; ++i) {
        try {
          auto c = engine->connect();
          c->begin_write();
          const std::int64_t n = scalar(*c, "SELECT count(*) FROM counter");
          const relate::Param p{n};
          c->execute("INSERT INTO counter (n) VALUES (?)", {&p, 1}).run();
          c->commit();
        } catch (const relate::Error&) {
          ++failures;
        }
      }
    });
  }
  for (auto& t : threads)
    t.join();
  EXPECT_EQ(failures.load(), 0);
  auto c = engine->connect();
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM counter"), kThreads * kWrites);
  // Every transaction saw all earlier ones: the counts are 0..N-1, once each.
  EXPECT_EQ(scalar(*c, "SELECT count(DISTINCT n) FROM counter"), kThreads * kWrites);
}

TEST(SqliteConnection, PreparedStatementsAreCachedPerConnection) {
  auto engine = relate::create_engine("sqlite://");
  auto c = engine->connect();
  for (int i = 0; i < 3; ++i)
    scalar(*c, "SELECT 1");
  EXPECT_EQ(c->statements_prepared(), 1U);
  EXPECT_EQ(c->statements_run(), 3U);
}

TEST(SqliteConnection, ANestedCursorOnTheSameStatementGetsItsOwn) {
  auto engine = relate::create_engine("sqlite://");
  auto c = engine->connect();
  auto outer = c->execute("SELECT 1 UNION ALL SELECT 2");
  ASSERT_TRUE(outer.next());
  EXPECT_EQ(scalar(*c, "SELECT 1 UNION ALL SELECT 2"), 1);  // while `outer` is open
  ASSERT_TRUE(outer.next());
  EXPECT_EQ(outer.get_int64(0), 2);
}

TEST(SqliteConnection, ErrorsAreTypedAndNameTheStatement) {
  auto engine = relate::create_engine("sqlite://");
  auto c = engine->connect();
  c->execute_script("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
  const relate::Param name{std::string_view{"a"}};
  c->execute("INSERT INTO t (name) VALUES (?)", {&name, 1}).run();
  try {
    c->execute("INSERT INTO t (name) VALUES (?)", {&name, 1}).run();
    FAIL() << "expected UniqueViolation";
  } catch (const relate::UniqueViolation& e) {
    EXPECT_EQ(e.table(), "t");
    EXPECT_NE(std::string(e.what()).find("INSERT INTO t"), std::string::npos);
  }
  EXPECT_THROW(c->execute("SELEC nonsense"), relate::DatabaseError);
  // The connection is still usable after errors.
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM t"), 1);
}

TEST(SqliteConnection, PoolTimesOutWithAClearError) {
  relate::EngineOptions options;
  options.pool_timeout = std::chrono::milliseconds{10};
  auto engine = relate::create_engine("sqlite://", options);
  auto held = engine->connect();
  try {
    engine->connect();
    FAIL() << "expected PoolTimeout";
  } catch (const relate::PoolTimeout& e) {
    EXPECT_NE(std::string(e.what()).find("pool size 1"), std::string::npos);
  }
}

TEST(SqliteConnection, AnUnopenableFileIsAConnectionError) {
  auto engine = relate::create_engine("sqlite:////nonexistent-dir/sub/blog.db");
  try {
    engine->connect();
    FAIL() << "expected ConnectionError";
  } catch (const relate::ConnectionError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-dir/sub/blog.db"), std::string::npos);
  }
}

TEST(Echo, LogsEveryStatementWithItsParameters) {
  relate::EngineOptions options;
  options.echo = true;
  auto engine = relate::create_engine("sqlite://", options);
  auto c = engine->connect();
  testing::internal::CaptureStderr();
  const relate::Param params[] = {std::int64_t{7}, std::string_view{"it's"}, std::monostate{}};
  c->execute("SELECT ?, ?, ?", params).run();
  const std::string out = testing::internal::GetCapturedStderr();
  EXPECT_EQ(out, "relate: SELECT ?, ?, ?\nrelate: [params] (7, 'it''s', NULL)\n");
}

TEST(Echo, CanBeSwitchedOnAndOff) {
  auto engine = relate::create_engine("sqlite://");
  auto c = engine->connect();
  testing::internal::CaptureStderr();
  c->execute("SELECT 1").run();
  engine->set_echo(true);
  c->execute("SELECT 2").run();
  const std::string out = testing::internal::GetCapturedStderr();
  EXPECT_EQ(out.find("SELECT 1"), std::string::npos);
  EXPECT_NE(out.find("SELECT 2"), std::string::npos);
}
