// Handlers run on their own threads (ServerOptions::handler_threads): one that waits, on a
// database lock say, holds up its own request and not the other connections of its I/O
// thread.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "test_support.hpp"

namespace web::testing {
namespace {

using namespace std::chrono_literals;

// /wait waits until the test releases it (or 20 s pass, which it reports).
struct WaitingApp {
  WaitingApp() {
    app.get("/wait", [this](Request&) {
      std::unique_lock lock(mutex);
      entered = true;
      changed.notify_all();
      const bool in_time = changed.wait_for(lock, 20s, [this] { return released; });
      return text(in_time ? "released" : "nobody released it");
    });
    app.get("/fast", [](Request&) { return text("fast"); });
  }
  void wait_until_entered() {
    std::unique_lock lock(mutex);
    changed.wait_for(lock, 20s, [this] { return entered; });
  }
  void release() {
    std::lock_guard lock(mutex);
    released = true;
    changed.notify_all();
  }

  App app{Config{.secret_key = "k"}};
  std::mutex mutex;
  std::condition_variable changed;
  bool entered = false;
  bool released = false;
};

TEST(HandlerThreads, AWaitingHandlerDoesNotHoldUpTheOtherConnectionsOfItsIoThread) {
  WaitingApp waiting;
  ServerOptions options = test_options();
  options.threads = 1;  // every connection on the one I/O thread
  options.handler_threads = 2;
  RunningServer server{waiting.app, options};
  HttpResult waited;
  std::thread first([&] { waited = Client{server.port()}.get("/wait"); });
  waiting.wait_until_entered();
  // Answered while /wait still waits: released only after this.
  Client second{server.port()};
  EXPECT_EQ(second.get("/fast").body, "fast");
  EXPECT_EQ(second.get("/fast").body, "fast");
  waiting.release();
  first.join();
  EXPECT_EQ(waited.status, 200);
  EXPECT_EQ(waited.body, "released");
}

TEST(HandlerThreads, RequestsBeyondTheHandlerThreadsWaitTheirTurn) {
  WaitingApp waiting;
  ServerOptions options = test_options();
  options.handler_threads = 1;
  RunningServer server{waiting.app, options};
  HttpResult waited;
  HttpResult queued;
  std::thread first([&] { waited = Client{server.port()}.get("/wait"); });
  waiting.wait_until_entered();
  std::thread second([&] { queued = Client{server.port()}.get("/fast"); });
  waiting.release();
  first.join();
  second.join();
  EXPECT_EQ(waited.body, "released");
  EXPECT_EQ(queued.body, "fast");
}

}  // namespace
}  // namespace web::testing
