// Fair shares of the connection cap: one client (one peer address) cannot take every
// connection, a trusted proxy is not one client, and at the cap many slow clients make room
// for a new one instead of locking it out. Clients are loopback addresses (127.0.0.x).
#include <gtest/gtest.h>

#include <memory>
#include <thread>
#include <vector>

#include "tutorial_app.hpp"

namespace web::testing {
namespace {

using namespace std::chrono_literals;

// The start of a request that never ends (slowloris).
constexpr std::string_view kSlowStart = "GET /comments/ HTTP/1.1\r\nHost: test\r\n";

ServerOptions small_server(std::size_t cap, std::size_t per_client) {
  ServerOptions options = test_options();
  options.max_connections = cap;
  options.max_connections_per_client = per_client;
  return options;
}

// Opens n slow connections from `from`; returns them (the server may have refused some).
std::vector<std::unique_ptr<RawConnection>> open_slow(std::uint16_t port, std::string_view from,
                                                      int n) {
  std::vector<std::unique_ptr<RawConnection>> list;
  for (int i = 0; i < n; ++i) {
    list.push_back(std::make_unique<RawConnection>(port, from));
    list.back()->send(kSlowStart);
  }
  return list;
}

// Closing is asynchronous: waits (bounded) for the server's count to reach n.
bool count_becomes(Server& server, std::size_t n) {
  for (int i = 0; i < 200 && server.connection_count() != n; ++i)
    std::this_thread::sleep_for(10ms);
  return server.connection_count() == n;
}

TEST(ClientLimits, OneClientCannotTakeEveryConnection) {
  TutorialBlog blog;
  ServerOptions options = small_server(8, 3);
  options.evict_after = std::chrono::milliseconds::max();
  RunningServer server{*blog.app, options};
  auto greedy = open_slow(server.port(), "127.0.0.2", 8);
  // The fourth and later are refused at once, with a reason.
  const std::string answer = greedy.back()->read_until_closed(2s);
  EXPECT_EQ(answer.rfind("HTTP/1.1 503 ", 0), 0u) << answer;
  EXPECT_NE(answer.find("Too many connections from your address"), std::string::npos) << answer;
  // Another client still gets in, though the greedy one asked for the whole cap.
  Client other{server.port(), "127.0.0.3"};
  EXPECT_EQ(other.get("/comments/").status, 200);
  EXPECT_TRUE(count_becomes(server.server(), 4));  // three slow ones and the other
}

TEST(ClientLimits, ClosedConnectionsGiveTheirShareBack) {
  TutorialBlog blog;
  RunningServer server{*blog.app, small_server(8, 2)};
  for (int round = 0; round < 3; ++round) {
    // The share is given back once the last round's connections are closed (asynchronous).
    ASSERT_TRUE(count_becomes(server.server(), 0)) << round;
    Client a{server.port(), "127.0.0.2"};
    Client b{server.port(), "127.0.0.2"};
    EXPECT_EQ(a.get("/comments/").status, 200) << round;
    EXPECT_EQ(b.get("/comments/").status, 200) << round;
    EXPECT_EQ(a.request("GET", "/comments/", {{"Connection", "close"}}).status, 200);
    EXPECT_EQ(b.request("GET", "/comments/", {{"Connection", "close"}}).status, 200);
    EXPECT_TRUE(a.server_closed());
    EXPECT_TRUE(b.server_closed());
  }
}

TEST(ClientLimits, TrustedProxiesAreNotLimited) {
  TutorialBlog blog;
  ServerOptions options = small_server(16, 2);
  options.trusted_proxies = {"127.0.0.2"};
  RunningServer server{*blog.app, options};
  std::vector<std::unique_ptr<Client>> through_proxy;
  for (int i = 0; i < 6; ++i) {
    through_proxy.push_back(std::make_unique<Client>(server.port(), "127.0.0.2"));
    EXPECT_EQ(through_proxy.back()->get("/comments/").status, 200) << i;
  }
  // Anyone else is still limited.
  auto direct = open_slow(server.port(), "127.0.0.3", 3);
  EXPECT_EQ(direct.back()->read_until_closed(2s).rfind("HTTP/1.1 503 ", 0), 0u);
}

TEST(ClientLimits, BadTrustedProxyIsRefusedAtConstruction) {
  TutorialBlog blog;
  ServerOptions options = small_server(16, 2);
  options.trusted_proxies = {"127.0.0.1", "proxy.example"};
  EXPECT_THROW(Server(*blog.app, options), std::invalid_argument);
}

TEST(ClientLimits, ManySlowClientsMakeRoomForANewOne) {
  TutorialBlog blog;
  ServerOptions options = small_server(6, 3);
  options.evict_after = 0ms;
  RunningServer server{*blog.app, options};
  // Six slow clients' connections fill the cap, none over its own share.
  auto first = open_slow(server.port(), "127.0.0.2", 3);
  auto second = open_slow(server.port(), "127.0.0.4", 3);
  Client fast{server.port(), "127.0.0.3"};
  EXPECT_EQ(fast.get("/comments/").status, 200);
  // The connection that had waited longest for its request made room: closed, unanswered.
  EXPECT_EQ(first.front()->read_until_closed(2s), "");
  EXPECT_TRUE(count_becomes(server.server(), 6));
}

}  // namespace
}  // namespace web::testing
