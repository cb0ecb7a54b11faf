// The server's limits and timeouts over raw sockets: keep-alive, 413, 414, 431, 400 for
// malformed framing, garbage, slowloris, idle timeout, connection cap, 100-continue.
#include <gtest/gtest.h>

#include "tutorial_app.hpp"

namespace web::testing {
namespace {

using namespace std::chrono_literals;

std::string get_request(std::string_view target, std::string_view extra = "") {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n" + std::string(extra) + "\r\n";
}

class ServerLimits : public ::testing::Test {
 protected:
  static ServerOptions options() {
    ServerOptions o = test_options();
    o.max_body_bytes = 1024;
    o.max_url_bytes = 512;
    o.max_header_bytes = 2048;
    return o;
  }
  TutorialBlog blog;
  RunningServer server{*blog.app, options()};
};

TEST_F(ServerLimits, KeepAliveServesManyRequestsOnOneConnection) {
  Client client{server.port()};
  for (int i = 0; i < 5; ++i) {
    const HttpResult r = client.get("/comments/");
    EXPECT_EQ(r.status, 200);
    EXPECT_FALSE(r.has_header("Connection"));  // HTTP/1.1: persistent unless told otherwise
  }
  EXPECT_EQ(server.server().connection_count(), 1u);
  EXPECT_FALSE(client.server_closed(100ms));
}

TEST_F(ServerLimits, PipelinedRequestsAreAnsweredInOrder) {
  RawConnection raw{server.port()};
  raw.send(get_request("/tags/a/") + get_request("/tags/b/"));
  EXPECT_EQ(raw.read_response().body, "tag:a");
  EXPECT_EQ(raw.read_response().body, "tag:b");
}

TEST_F(ServerLimits, Http10KeepAliveIsHonoured) {
  RawConnection raw{server.port()};
  raw.send("GET /tags/a/ HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  const HttpResult first = raw.read_response();
  EXPECT_EQ(first.header("Connection"), "keep-alive");
  raw.send("GET /tags/b/ HTTP/1.0\r\n\r\n");  // no keep-alive: closed after this one
  EXPECT_EQ(raw.read_response().body, "tag:b");
  EXPECT_EQ(raw.read_until_closed(), "");
}

TEST_F(ServerLimits, ConnectionCloseIsHonoured) {
  RawConnection raw{server.port()};
  raw.send(get_request("/comments/", "Connection: close\r\n"));
  const std::string all = raw.read_until_closed();
  const auto response = parse_response(all);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->header("Connection"), "close");
}

TEST_F(ServerLimits, BodyOverTheLimitIs413WithoutReadingIt) {
  RawConnection raw{server.port()};
  // Announces 10 MB and sends none of it: the answer cannot depend on reading the body.
  raw.send(
      "POST /upload HTTP/1.1\r\nHost: test\r\nContent-Length: 10000000\r\n"
      "Content-Type: application/octet-stream\r\n\r\n");
  const HttpResult r = raw.read_response();
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.header("Connection"), "close");
  EXPECT_NE(r.body.find("Oops: 413"), std::string::npos) << "rendered by the App's error page";
  raw.read_until_closed();
}

TEST_F(ServerLimits, BodyWithinTheLimitIsRead) {
  Client client{server.port()};
  const HttpResult r =
      client.request("POST", "/upload", {{"Content-Type", "text/plain"}}, std::string(1000, 'x'));
  // No CSRF token: refused, but only after the body was read in full (the connection stays).
  EXPECT_EQ(r.status, 403);
  EXPECT_FALSE(client.server_closed(50ms));
}

TEST_F(ServerLimits, ChunkedBodyOverTheLimitIs413) {
  RawConnection raw{server.port()};
  std::string request = "POST /upload HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 3; ++i)
    request += "200\r\n" + std::string(512, 'x') + "\r\n";
  request += "0\r\n\r\n";
  raw.send(request);
  EXPECT_EQ(raw.read_response().status, 413);
}

TEST_F(ServerLimits, LongUrlIs414) {
  RawConnection raw{server.port()};
  raw.send(get_request("/" + std::string(600, 'a')));
  EXPECT_EQ(raw.read_response().status, 414);
  raw.read_until_closed();
}

TEST_F(ServerLimits, VeryLongUrlIs414EvenPastTheHeaderLimit) {
  RawConnection raw{server.port()};
  raw.send(get_request("/" + std::string(10000, 'a')));
  EXPECT_EQ(raw.read_response().status, 414);
}

TEST_F(ServerLimits, LargeHeadersAre431) {
  RawConnection raw{server.port()};
  raw.send(get_request("/", "X-Big: " + std::string(3000, 'b') + "\r\n"));
  EXPECT_EQ(raw.read_response().status, 431);
  raw.read_until_closed();
}

TEST_F(ServerLimits, ManySmallHeadersAre431) {
  std::string extra;
  for (int i = 0; i < 200; ++i)
    extra += "X-H" + std::to_string(i) + ": value\r\n";
  RawConnection raw{server.port()};
  raw.send(get_request("/", extra));
  EXPECT_EQ(raw.read_response().status, 431);
}

TEST_F(ServerLimits, ContentLengthWithTransferEncodingIs400AndClose) {
  RawConnection raw{server.port()};
  raw.send(
      "POST /upload HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\n"
      "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
  const HttpResult r = raw.read_response();
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.header("Connection"), "close");
  raw.read_until_closed();
}

TEST_F(ServerLimits, ConflictingContentLengthsAre400) {
  RawConnection raw{server.port()};
  raw.send(
      "POST /upload HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\nContent-Length: "
      "6\r\n\r\nhello!");
  EXPECT_EQ(raw.read_response().status, 400);
  raw.read_until_closed();
}

TEST_F(ServerLimits, TransferEncodingOtherThanChunkedIs400) {
  RawConnection raw{server.port()};
  raw.send("POST /upload HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: gzip\r\n\r\nxxxx");
  EXPECT_EQ(raw.read_response().status, 400);
  raw.read_until_closed();
}

TEST_F(ServerLimits, GarbageClosesOnlyThatConnection) {
  Client other{server.port()};
  EXPECT_EQ(other.get("/comments/").status, 200);
  RawConnection raw{server.port()};
  raw.send("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 garbage\r\n\r\n");
  const std::string answer = raw.read_until_closed();
  EXPECT_EQ(answer.rfind("HTTP/1.1 400 ", 0), 0u) << answer;
  EXPECT_EQ(other.get("/comments/").status, 200);  // the other connection is untouched
  Client fresh{server.port()};
  EXPECT_EQ(fresh.get("/comments/").status, 200);
}

// RFC 9112 section 3.2: exactly one Host header in HTTP/1.1, at most one in HTTP/1.0.
TEST_F(ServerLimits, Http11WithoutHostIs400) {
  RawConnection raw{server.port()};
  raw.send("GET /comments/ HTTP/1.1\r\n\r\n");
  const HttpResult r = raw.read_response();
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.header("Connection"), "close");
  EXPECT_NE(r.body.find("must have a Host header"), std::string::npos) << r.body;
  raw.read_until_closed();
}

TEST_F(ServerLimits, TwoHostHeadersAre400) {
  for (const char* version : {"1.1", "1.0"}) {
    RawConnection raw{server.port()};
    raw.send(std::string("GET /comments/ HTTP/") + version +
             "\r\nHost: a.example\r\nHost: b.example\r\n\r\n");
    const HttpResult r = raw.read_response();
    EXPECT_EQ(r.status, 400) << version;
    EXPECT_NE(r.body.find("more than one Host header"), std::string::npos) << r.body;
    raw.read_until_closed();
  }
}

TEST_F(ServerLimits, Http10WithoutHostIsServed) {
  RawConnection raw{server.port()};
  raw.send("GET /tags/a/ HTTP/1.0\r\n\r\n");
  EXPECT_EQ(raw.read_response().body, "tag:a");
}

// RFC 9112 section 5.2 lets a server replace obs-fold with a space or refuse it; a proxy in
// front may do the other, and then they disagree about the fields: refuse.
TEST_F(ServerLimits, ObsoleteLineFoldingIs400) {
  for (const char* fold : {"X-A: a\r\n b\r\n", "X-A: a\r\n\tb\r\n"}) {
    RawConnection raw{server.port()};
    raw.send(std::string("GET /comments/ HTTP/1.1\r\nHost: test\r\n") + fold + "\r\n");
    const HttpResult r = raw.read_response();
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("line folding"), std::string::npos) << r.body;
    raw.read_until_closed();
  }
}

TEST_F(ServerLimits, BodiesMayStartWithWhitespace) {
  RawConnection raw{server.port()};
  raw.send(
      "POST /api/ping HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
      "Content-Length: 8\r\n\r\n {\"a\":1}");
  const HttpResult r = raw.read_response();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"pong":{"a":1}})");
}

TEST_F(ServerLimits, UnknownMethodIs501) {
  RawConnection raw{server.port()};
  raw.send("BREW /pot HTTP/1.1\r\nHost: test\r\n\r\n");
  EXPECT_EQ(raw.read_response().status, 501);
}

TEST_F(ServerLimits, AbsoluteFormTargetIs400) {
  RawConnection raw{server.port()};
  raw.send("GET http://example.com/ HTTP/1.1\r\nHost: test\r\n\r\n");
  EXPECT_EQ(raw.read_response().status, 400);
}

TEST_F(ServerLimits, ExpectContinueGetsAnInterimResponse) {
  RawConnection raw{server.port()};
  raw.send(
      "POST /api/ping HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
      "Content-Length: 7\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_EQ(raw.read_response().status, 100);
  raw.send(R"({"a":1})");
  const HttpResult r = raw.read_response();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"pong":{"a":1}})");
}

TEST_F(ServerLimits, RequestsArrivingInPiecesAreAssembled) {
  RawConnection raw{server.port()};
  const std::string request =
      "POST /api/ping HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
      "Content-Length: 11\r\n\r\n{\"n\":[1,2]}";
  // Split inside the request line, inside a field, between header and body, inside the body.
  for (std::size_t from = 0, step = 7; from < request.size(); from += step) {
    raw.send(std::string_view(request).substr(from, step));
  }
  const HttpResult r = raw.read_response();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"pong":{"n":[1,2]}})");
}

TEST_F(ServerLimits, ChunkedBodiesWithinTheLimitAreRead) {
  RawConnection raw{server.port()};
  raw.send(
      "POST /api/ping HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n");
  raw.send("3\r\n:1}\r\n0\r\n\r\n");
  const HttpResult r = raw.read_response();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"pong":{"a":1}})");
}

TEST_F(ServerLimits, LargeResponsesArriveWhole) {
  Client client{server.port()};
  EXPECT_EQ(client.get("/big").body.size(), 200u * 1024u);
}

class ServerTimeouts : public ::testing::Test {
 protected:
  static ServerOptions options() {
    ServerOptions o = test_options();
    o.header_timeout = 400ms;
    o.idle_timeout = 400ms;
    return o;
  }
  TutorialBlog blog;
  RunningServer server{*blog.app, options()};
};

TEST_F(ServerTimeouts, SlowHeadersAreCutOff) {
  // Slowloris: a header that never ends, trickled in.
  RawConnection raw{server.port()};
  const auto start = std::chrono::steady_clock::now();
  raw.send("GET / HTTP/1.1\r\nHost: test\r\n");
  raw.send("X-Slow: 1\r\n");
  raw.read_until_closed(5s);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_GE(elapsed, 350ms);
  EXPECT_LT(elapsed, 3s);
}

TEST_F(ServerTimeouts, SilentNewConnectionsAreClosed) {
  RawConnection raw{server.port()};
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(raw.read_until_closed(5s), "");
  EXPECT_GE(std::chrono::steady_clock::now() - start, 350ms);
}

TEST_F(ServerTimeouts, IdleKeepAliveConnectionsAreClosed) {
  Client client{server.port()};
  EXPECT_EQ(client.get("/comments/").status, 200);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.server_closed(5s));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_GE(elapsed, 300ms);
  EXPECT_LT(elapsed, 3s);
}

TEST(ConnectionCap, RefusesConnectionsOverTheCap) {
  TutorialBlog blog;
  ServerOptions options = test_options();
  options.max_connections = 2;
  options.evict_after = std::chrono::milliseconds::max();  // refuse, never make room
  RunningServer server{*blog.app, options};
  Client a{server.port()};
  Client b{server.port()};
  EXPECT_EQ(a.get("/comments/").status, 200);  // both are registered once they answered
  EXPECT_EQ(b.get("/comments/").status, 200);
  RawConnection third{server.port()};
  const std::string answer = third.read_until_closed();
  EXPECT_EQ(answer.rfind("HTTP/1.1 503 ", 0), 0u) << answer;
  EXPECT_EQ(a.get("/comments/").status, 200);  // the others still work
}

}  // namespace
}  // namespace web::testing
