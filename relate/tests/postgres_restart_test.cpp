// The pool across a restart of the test's private PostgreSQL server: a
// lost connection fails only the operation in flight, is replaced (with
// backoff while the server is down), and the next request works.
//
// These tests stop and start the server, so they are their own executable,
// run by ctest with RUN_SERIAL (no other test runs meanwhile).

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include "models.hpp"
#include "test_database.hpp"

using models::Post;
using relate_test::TestDatabase;

namespace {

// Runs the server control command scripts/with-postgres provides.
void control_server(const std::string& command, const std::string& action) {
  const std::string line = command + " " + action;
  ASSERT_EQ(std::system(line.c_str()), 0) << line;
}

class PostgresRestart : public ::testing::Test {
 protected:
  void SetUp() override {
    RELATE_REQUIRE_BACKEND(database);
    const char* ctl = std::getenv("RELATE_TEST_POSTGRES_CTL");
    if (ctl == nullptr) {
      if (relate_test::backends_required()) GTEST_FAIL() << "RELATE_TEST_POSTGRES_CTL is not set";
      GTEST_SKIP() << "RELATE_TEST_POSTGRES_CTL is not set: run through scripts/with-postgres";
    }
    ctl_ = ctl;
    db.create_all<Post>();
  }
  void TearDown() override {
    // Whatever happened, leave the server running for the tests after this.
    if (stopped_) control_server(ctl_, "start");
  }

  void stop() {
    control_server(ctl_, "stop");
    stopped_ = true;
  }
  void start() {
    control_server(ctl_, "start");
    stopped_ = false;
  }
  void restart() { control_server(ctl_, "restart"); }

  std::int64_t count_posts() { return db.session().query<Post>().count(); }

  TestDatabase database{"postgresql"};
  // reconnect_timeout: generous, for a slow machine; the test does not wait
  // for it unless the server fails to come back.
  relate::Database db{database.url("pool_size=2&reconnect_timeout=60")};
  std::string ctl_;
  bool stopped_ = false;
};

}  // namespace

TEST_F(PostgresRestart, ALostConnectionFailsOnlyTheOperationInFlight) {
  auto writer = db.session();
  writer.add(Post{.title = "in flight"});
  writer.flush();               // a transaction open on one connection
  EXPECT_EQ(count_posts(), 0);  // leaves a second one idle in the pool

  restart();

  writer.add(Post{.title = "after the restart"});
  EXPECT_THROW(writer.commit(), relate::ConnectionError);
  writer.rollback();  // a failed commit must be acknowledged before the session goes on
  // The next request works: the pool dropped the dead idle connection and
  // opened another.
  EXPECT_EQ(count_posts(), 0);  // the transaction in flight was lost, as it should be
  writer.add(Post{.title = "again"});
  writer.commit();
  EXPECT_EQ(count_posts(), 1);
  EXPECT_GE(db.engine().status().discarded, 2U);
}

TEST_F(PostgresRestart, ConnectionsAreReplacedWithBackoffUntilTheServerIsBack) {
  EXPECT_EQ(count_posts(), 0);
  stop();
  // Start the server again only once the pool has failed to reconnect, so
  // that the request below must outlast the outage by retrying.
  std::thread restarter([&] {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{30};
    while (db.engine().status().failed_opens == 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::yield();
    start();
  });
  std::int64_t posts = -1;
  EXPECT_NO_THROW(posts = count_posts());
  restarter.join();
  EXPECT_EQ(posts, 0);
  EXPECT_GE(db.engine().status().failed_opens, 1U);
  EXPECT_EQ(db.engine().status().discarded, 1U);  // the idle connection from before the stop
}

TEST_F(PostgresRestart, AnEngineThatNeverReachedTheServerFailsAtOnce) {
  stop();
  auto engine = relate::create_engine(database.url("reconnect_timeout=60"));
  EXPECT_THROW(engine->connect(), relate::ConnectionError);
  // One attempt, no backoff, for a database never reached: a wrong URL
  // should not wait.
  EXPECT_EQ(engine->status().failed_opens, 1U);
}
