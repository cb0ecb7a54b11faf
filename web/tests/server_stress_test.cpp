// The server under parallel clients, on four workers: keep-alive and one-shot requests,
// POSTs, clients over their share and slow clients evicted at the cap, all at once, while
// the connection count is read. Built to run under ThreadSanitizer too (make tsan): a data
// race in the server is a failure there. Bounded: a fixed number of requests.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "tutorial_app.hpp"

namespace web::testing {
namespace {

using namespace std::chrono_literals;

std::string loopback(int n) {
  return "127.0.0." + std::to_string(n);
}

// Waits (bounded) until the server has no connection left: closing is asynchronous.
bool drains(Server& server) {
  for (int i = 0; i < 500; ++i) {
    if (server.connection_count() == 0) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

TEST(ServerStress, ParallelRequestsAreAllAnswered) {
  TutorialBlog blog;
  ServerOptions options = test_options();
  options.threads = 4;
  options.access_log = false;
  RunningServer server{*blog.app, options};
  constexpr int kThreads = 8;
  constexpr int kRounds = 25;
  std::atomic<int> ok{0};
  std::atomic<bool> done{false};
  // Reads the count while connections come and go (closing ones linger a moment, so no
  // exact bound holds): a race there is TSan's to find.
  std::size_t most_seen = 0;
  std::thread watcher([&] {
    while (!done.load()) {
      most_seen = std::max(most_seen, server.server().connection_count());
      std::this_thread::sleep_for(1ms);
    }
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string from = loopback(10 + t % 4);
      Client keep_alive{server.port(), from};
      for (int round = 0; round < kRounds; ++round) {
        if (keep_alive.get("/comments/").status == 200) ++ok;
        if (keep_alive.get("/tags/t" + std::to_string(t) + "/").body ==
            "tag:t" + std::to_string(t)) {
          ++ok;
        }
        if (keep_alive
                .request("POST", "/api/ping", {{"Content-Type", "application/json"}}, R"({"n":1})")
                .status == 200) {
          ++ok;
        }
        Client one_shot{server.port(), from};
        if (one_shot.request("GET", "/1/", {{"Connection", "close"}}).status == 200) ++ok;
      }
    });
  }
  for (auto& thread : threads)
    thread.join();
  done = true;
  watcher.join();
  EXPECT_EQ(ok.load(), kThreads * kRounds * 4);
  EXPECT_GT(most_seen, 0u);
  EXPECT_TRUE(drains(server.server()));
}

TEST(ServerStress, LimitsAndEvictionUnderParallelChurn) {
  TutorialBlog blog;
  ServerOptions options = test_options();
  options.threads = 4;
  options.access_log = false;
  options.max_connections = 24;
  options.max_connections_per_client = 6;
  options.evict_after = 0ms;
  RunningServer server{*blog.app, options};
  constexpr int kThreads = 6;
  constexpr int kRounds = 15;
  std::atomic<int> answered{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string from = loopback(20 + t);
      for (int round = 0; round < kRounds; ++round) {
        // Over this client's share of slow connections (some refused, some evicted by
        // others), then one whole request: 200, or 503 when the client or server is full.
        std::vector<std::unique_ptr<RawConnection>> slow;
        for (int i = 0; i < 8; ++i) {
          slow.push_back(std::make_unique<RawConnection>(server.port(), from));
          slow.back()->send("GET /comments/ HTTP/1.1\r\nHost: test\r\n");
        }
        RawConnection whole{server.port(), loopback(40 + t)};
        whole.send("GET /tags/a/ HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
        const std::string answer = whole.read_until_closed(5s);
        if (answer.rfind("HTTP/1.1 200 ", 0) == 0 || answer.rfind("HTTP/1.1 503 ", 0) == 0 ||
            answer.empty()) {  // empty: evicted in turn by another thread's newcomer
          ++answered;
        } else {
          ADD_FAILURE() << answer;
        }
      }
    });
  }
  for (auto& thread : threads)
    thread.join();
  EXPECT_EQ(answered.load(), kThreads * kRounds);
  // Every share was given back: the counts did not leak under the churn.
  ASSERT_TRUE(drains(server.server()));
  std::vector<std::unique_ptr<Client>> again;
  for (int i = 0; i < 6; ++i) {
    again.push_back(std::make_unique<Client>(server.port(), loopback(20)));
    EXPECT_EQ(again.back()->get("/comments/").status, 200) << i;
  }
}

}  // namespace
}  // namespace web::testing
