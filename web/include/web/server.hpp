// Server: serves an App over HTTP/1.1 (Boost.Beast / Asio), on a fixed set of threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace web {

class App;

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 5000;  // 0: an ephemeral port (see Server::port())
  // I/O threads (0: one per core). Each reads and writes its share of the connections; one
  // more thread only accepts connections and hands them to the one with the fewest.
  unsigned threads = 0;
  // Threads that run the handlers (0: two per core, at least four). A handler that waits (on
  // a database lock, a slow statement) holds one of them and its own request: the other
  // connections are read, handled and written meanwhile. At most this many handlers run at
  // once; more requests wait their turn.
  unsigned handler_threads = 0;

  // Limits, checked before the work: each gets its status and closes the connection.
  std::size_t max_connections = 1024;  // more are answered 503 and closed
  // At most this many connections per client, so that one client cannot take the whole cap:
  // more are answered 503 and closed. A client is a peer address (an IPv6 one by its /64,
  // which one host usually holds whole). 0: no per-client limit.
  std::size_t max_connections_per_client = 128;
  // Peers not limited per client: reverse proxies, through which every visitor arrives from
  // the proxy's address. IP addresses; the Server's constructor throws std::invalid_argument
  // for an entry that is not one.
  std::vector<std::string> trusted_proxies{};
  // At max_connections, a new connection closes the one that has waited longest for a whole
  // request (idle keep-alive, or headers or body still arriving), if that one has waited at
  // least evict_after, instead of being refused: many slow clients cannot lock out a fast
  // one, whose request is whole as soon as it arrives. A connection whose request is in its
  // handler or whose response is being written is never closed for this. The default, 0,
  // evicts whatever waited longest: with a minimum wait, clients that keep re-opening their
  // slow connections keep them all younger than it, and the cap is locked again.
  // milliseconds::max(): never evict.
  std::chrono::milliseconds evict_after{0};
  std::size_t max_body_bytes = 1 << 20;      // 413, without reading the body
  std::size_t max_url_bytes = 8 * 1024;      // the request line's target: 414
  std::size_t max_header_bytes = 16 * 1024;  // the header fields: 431

  // Timeouts. A new connection must deliver its first request's headers within
  // header_timeout, and a later request its headers within header_timeout of its first byte
  // (slowloris); idle_timeout is how long a keep-alive connection may wait for a next request;
  // body_timeout bounds reading a body, write_timeout writing a response. A timed-out
  // connection is closed.
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds idle_timeout{30'000};
  std::chrono::milliseconds body_timeout{30'000};
  std::chrono::milliseconds write_timeout{30'000};
  // On stop, in-flight requests get this long to finish before their connections are closed.
  std::chrono::milliseconds drain_timeout{10'000};

  // One line per request at info level on the App's logger: client, method, path, status,
  // body bytes, duration.
  bool access_log = true;

  // Called once the server listens, with the bound port (on the thread that called start/run).
  std::function<void(std::uint16_t port)> on_listening{};
};

// Serves one App. The App must outlive the Server.
class Server {
 public:
  Server(const App& app, ServerOptions options = {});
  // Stops the server (as stop()) if it is running.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Serves until SIGINT or SIGTERM (or stop() from another thread), then shuts down gracefully
  // (as stop()) and returns. Throws std::system_error when it cannot listen.
  void run();

  // Binds, listens and starts the threads, then returns. Throws std::system_error when it cannot
  // listen (e.g. the port is taken). Call once.
  void start();
  // The port listened on; 0 before start().
  std::uint16_t port() const noexcept;
  // Graceful shutdown: stops accepting, closes idle keep-alive connections, lets in-flight
  // requests (and the first request of connections already accepted) finish, their
  // responses carrying Connection: close, for up to drain_timeout, then
  // closes what is left and joins the threads. Idempotent and thread-safe, but must not be
  // called from a handler. A handler that never returns blocks it (threads cannot be killed).
  void stop();

  // Open connections right now (for tests and monitoring).
  std::size_t connection_count() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace web
