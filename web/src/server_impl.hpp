// ServerCore: the server's state, shared by server.cpp (Server is a thin handle on it) and
// connection.cpp. Includes Asio: keep it out of everything else.
//
// Threading: one io_context per I/O worker thread (each run by exactly one thread), and each
// connection lives on one of them for its whole life, so a connection's code never runs
// concurrently with itself and needs no strand or lock. Handlers run on the handler threads
// (`handlers`), so that one that waits (on a database) holds up only its own request: the
// connection hands the request over and does nothing until the response is posted back to
// its io_context. Other threads reach a connection only by posting to its io_context (stop
// notices). Accepting has its own thread; new connections go to the worker with the fewest.
#pragma once

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "connection_registry.hpp"
#include "response_writer.hpp"
#include "web/app.hpp"
#include "web/server.hpp"

namespace web::detail {

class Connection;

// One thread and the io_context it runs.
struct Worker {
  Worker() : io(1), work(io.get_executor()) {}  // 1: only this worker's thread runs io
  boost::asio::io_context io;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work;
  std::thread thread;
  // Read by the accepting thread to choose where a new connection goes.
  std::atomic<int> connections{0};
};

struct ServerCore {
  ServerCore(const App& application, ServerOptions server_options);
  ~ServerCore();

  void start();
  void request_stop();
  void stop();
  void accept_next();
  Worker& least_busy_worker();
  std::vector<Worker*> all_workers();  // the accepting one first

  // Connection bookkeeping: add on the accepting thread, remove from any.
  void add_connection(const std::shared_ptr<Connection>& connection, std::string client);
  void remove_connection(Connection* connection);
  bool stopping() const noexcept { return stopping_flag.load(std::memory_order_acquire); }

  const App& app;
  const ServerOptions options;
  const ResponseWriter writer;
  std::atomic<std::uint16_t> port{0};
  std::atomic<bool> stopping_flag{false};

  ConnectionRegistry registry;

  std::mutex stop_mutex;  // serialises start/stop
  bool started = false;
  bool stopped = false;
  std::mutex request_mutex;
  std::condition_variable stop_requested_changed;
  bool stop_requested = false;

  // Declared last: destroyed first, while the bookkeeping above that pending handlers (and
  // the connections they own) use on destruction still exists. The acceptor and the signal
  // set belong to the accepting thread's io_context, accept.io.
  std::vector<std::unique_ptr<Worker>> workers;
  Worker accept;
  std::optional<boost::asio::ip::tcp::acceptor> acceptor;
  std::optional<boost::asio::signal_set> signals;
  // Last of all, so destroyed first: a request still queued there owns its connection, whose
  // destructor needs the workers and the registry.
  boost::asio::thread_pool handlers;
};

}  // namespace web::detail
