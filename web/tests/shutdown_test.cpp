// Graceful shutdown: stop() and SIGTERM/SIGINT drain in-flight requests, close idle
// connections, are bounded, and the process exits 0.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <future>
#include <thread>

#include "test_support.hpp"

namespace web::testing {
namespace {

using namespace std::chrono_literals;

// An App with a handler that blocks until the test releases it.
struct SlowApp {
  SlowApp() {
    app.get("/slow", [this](Request&) {
      entered.set_value();
      release_future.wait();
      return text("done");
    });
    app.get("/fast", [](Request&) { return text("fast"); });
  }
  CapturedLog log;
  App app{Config{.secret_key = "k", .logger = log.logger}};
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> release_future = release.get_future().share();
};

TEST(Shutdown, StopDrainsTheInFlightRequestAndClosesIdleConnections) {
  SlowApp slow;
  Server server{slow.app, test_options()};
  server.start();
  const std::uint16_t port = server.port();

  RawConnection in_flight{port};
  in_flight.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
  slow.entered.get_future().wait();
  Client idle{port};
  EXPECT_EQ(idle.get("/fast").body, "fast");

  std::thread stopper([&server] { server.stop(); });
  EXPECT_TRUE(idle.server_closed(5s)) << "an idle keep-alive connection is closed at once";
  slow.release.set_value();
  const HttpResult r = in_flight.read_response();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "done");
  EXPECT_EQ(r.header("Connection"), "close");
  stopper.join();
  EXPECT_EQ(server.connection_count(), 0u);
  EXPECT_THROW(RawConnection{port}, std::runtime_error) << "no longer accepting";
}

// A connection accepted before the stop whose request comes after it began is in flight
// too: its request is answered (with Connection: close), not dropped unread.
TEST(Shutdown, ARequestNotYetReadAtTheStopIsAnswered) {
  SlowApp slow;
  Server server{slow.app, test_options()};
  server.start();
  const std::uint16_t port = server.port();
  RawConnection in_flight{port};
  in_flight.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
  slow.entered.get_future().wait();
  RawConnection unread{port};  // its request is sent once the stop has begun
  for (int i = 0; i < 500 && server.connection_count() < 2; ++i)
    std::this_thread::sleep_for(10ms);
  ASSERT_EQ(server.connection_count(), 2u);  // accepted
  std::thread stopper([&server] { server.stop(); });
  bool refusing = false;  // the stop has begun once new connections are refused
  for (int i = 0; i < 500 && !refusing; ++i) {
    try {
      RawConnection probe{port};
      std::this_thread::sleep_for(10ms);
    } catch (const std::runtime_error&) {
      refusing = true;
    }
  }
  EXPECT_TRUE(refusing);
  unread.send("GET /fast HTTP/1.1\r\nHost: t\r\n\r\n");
  slow.release.set_value();
  const std::string first = in_flight.read_until_closed();
  const std::string second = unread.read_until_closed();
  stopper.join();
  EXPECT_NE(first.find("done"), std::string::npos) << first;
  const auto r = parse_response(second);
  ASSERT_TRUE(r) << "closed unanswered: '" << second << "'";
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "fast");
  EXPECT_EQ(r->header("Connection"), "close");
}

TEST(Shutdown, DrainIsBoundedBySlowClients) {
  SlowApp slow;
  ServerOptions options = test_options();
  options.drain_timeout = 300ms;
  options.body_timeout = 30s;
  Server server{slow.app, options};
  server.start();
  RawConnection uploading{server.port()};
  // A body that will never be complete: the request stays in flight.
  uploading.send("POST /fast HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n0123456789");
  Client probe{server.port()};
  EXPECT_EQ(probe.get("/fast").status, 200);  // the upload's connection is surely accepted by now
  const auto start = std::chrono::steady_clock::now();
  server.stop();
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_GE(elapsed, 250ms);
  EXPECT_LT(elapsed, 3s);
  EXPECT_EQ(uploading.read_until_closed(2s), "");
  EXPECT_TRUE(slow.log.contains("still busy after the drain timeout"));
}

TEST(Shutdown, SigtermDrainsAndRunReturns) {
  SlowApp slow;
  std::promise<std::uint16_t> listening;
  ServerOptions options = test_options();
  options.on_listening = [&listening](std::uint16_t port) { listening.set_value(port); };
  Server server{slow.app, options};
  std::thread runner([&server] { server.run(); });
  const std::uint16_t port = listening.get_future().get();

  RawConnection in_flight{port};
  in_flight.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
  slow.entered.get_future().wait();
  ASSERT_EQ(::kill(::getpid(), SIGTERM), 0);
  slow.release.set_value();
  const HttpResult r = in_flight.read_response();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "done");
  runner.join();  // run() returned: drained and stopped
  EXPECT_TRUE(slow.log.contains("signal 15 received"));
  EXPECT_THROW(RawConnection{port}, std::runtime_error);
}

// The real thing: a server process, a signal, and its exit status.
int run_server_and_signal(int signal_number) {
  int out[2];
  if (::pipe(out) != 0) return -1;
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::close(out[1]);
    ::execl(WEB_TEST_SERVER, WEB_TEST_SERVER, static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(out[1]);
  FILE* lines = ::fdopen(out[0], "r");
  unsigned port = 0;
  const bool got_port = std::fscanf(lines, "listening %u", &port) == 1;
  if (got_port) {
    Client client{static_cast<std::uint16_t>(port)};
    EXPECT_EQ(client.get("/").body, "hello");
    ::kill(pid, signal_number);
    EXPECT_TRUE(client.server_closed(5s));
  } else {
    ::kill(pid, SIGKILL);
  }
  std::fclose(lines);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TEST(Shutdown, ProcessExitsZeroOnSigterm) {
  EXPECT_EQ(run_server_and_signal(SIGTERM), 0);
}

TEST(Shutdown, ProcessExitsZeroOnSigint) {
  EXPECT_EQ(run_server_and_signal(SIGINT), 0);
}

}  // namespace
}  // namespace web::testing
