// ServerCore: the server's state, shared by server.cpp (Server is a thin handle on it) and
// connection.cpp. Includes Asio: keep it out of everything else.
#pragma once

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "response_writer.hpp"
#include "web/app.hpp"
#include "web/server.hpp"

namespace web::detail {

class Connection;

struct ServerCore {
  ServerCore(const App& application, ServerOptions server_options);

  void start();
  void request_stop();
  void stop();
  void accept_next();

  // Connection bookkeeping, called by connections (any thread).
  void add_connection(const std::shared_ptr<Connection>& connection);
  void remove_connection(Connection* connection);
  bool stopping() const noexcept { return stopping_flag.load(std::memory_order_acquire); }

  const App& app;
  const ServerOptions options;
  const ResponseWriter writer;
  std::atomic<std::uint16_t> port{0};
  std::atomic<bool> stopping_flag{false};

  std::mutex connections_mutex;
  std::condition_variable connections_changed;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> connections;

  std::mutex stop_mutex;  // serialises start/stop
  bool started = false;
  bool stopped = false;
  std::mutex request_mutex;
  std::condition_variable stop_requested_changed;
  bool stop_requested = false;

  // Declared last: destroyed first, while the bookkeeping above that pending handlers (and
  // the connections they own) use on destruction still exists.
  boost::asio::io_context io;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work;
  boost::asio::ip::tcp::acceptor acceptor{io};
  std::optional<boost::asio::signal_set> signals;
  std::vector<std::thread> threads;
};

}  // namespace web::detail
