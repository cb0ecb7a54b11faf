// Test support: a real HTTP client (Beast, blocking) and a raw-socket connection for malformed
// input, plus a helper that runs a web::Server on an ephemeral loopback port.
#pragma once

#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/web.hpp"

namespace web::testing {

struct HttpResult {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first value of a header (case-insensitive), or "" when absent.
  std::string header(std::string_view name) const;
  bool has_header(std::string_view name) const;
  // Every Set-Cookie value.
  std::vector<std::string> set_cookies() const;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// One keep-alive connection to 127.0.0.1:port. A server that never answers hangs a request
// until CTest's timeout fails the test.
class Client {
 public:
  // from: the loopback address to connect from (another "client" to the server).
  explicit Client(std::uint16_t port, std::string_view from = "127.0.0.1");
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  HttpResult request(std::string_view method, std::string_view target, const Headers& headers = {},
                     std::string_view body = {});
  HttpResult get(std::string_view target, const Headers& headers = {}) {
    return request("GET", target, headers);
  }
  // A form POST (application/x-www-form-urlencoded).
  HttpResult post_form(std::string_view target, std::string_view body, Headers headers = {});

  // True when the server has closed this connection (reads EOF; waits up to the timeout).
  bool server_closed(std::chrono::milliseconds timeout = std::chrono::seconds(5));

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A raw TCP connection for what a well-behaved client never sends.
class RawConnection {
 public:
  // from: the loopback address (127.x.y.z) to connect from.
  explicit RawConnection(std::uint16_t port, std::string_view from = "127.0.0.1");
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // Sends bytes; returns false when the server has already closed the connection.
  bool send(std::string_view bytes);
  // Reads until the server closes the connection (or timeout passes: then throws).
  std::string read_until_closed(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // Reads one complete response (status, headers and Content-Length body).
  HttpResult read_response(std::chrono::milliseconds timeout = std::chrono::seconds(5));

 private:
  std::string read_more(std::chrono::milliseconds timeout);  // "" at EOF
  int fd_ = -1;
  std::string pending_;
};

// Parses one HTTP response from the front of text; nullopt when incomplete.
std::optional<HttpResult> parse_response(std::string_view text, std::size_t* consumed = nullptr);

// Options with short timeouts for tests, on an ephemeral port, two threads.
ServerOptions test_options();

// A Server on an ephemeral loopback port, started at construction, stopped at destruction.
class RunningServer {
 public:
  explicit RunningServer(const App& app, ServerOptions options = test_options());
  std::uint16_t port() const { return server_.port(); }
  Server& server() { return server_; }

 private:
  Server server_;
};

// A logger whose lines tests can read.
struct CapturedLog {
  CapturedLog();
  std::shared_ptr<spdlog::logger> logger;
  // Every line logged so far, formatted as "level: message".
  std::vector<std::string> lines() const;
  bool contains(std::string_view text) const;

 private:
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
};

// The value of the named cookie among Set-Cookie headers ("" when absent).
std::string cookie_value(const HttpResult& result, std::string_view name);
// The value of the first <input name="csrf_token" value="..."> in an HTML page.
std::string csrf_from_page(std::string_view html);
// Percent-encodes for a form body.
std::string form_encode(std::string_view text);

}  // namespace web::testing
