// Connection: one client's HTTP/1.1 connection, from accept to close. The Beast code lives in
// connection.cpp only; this interface keeps it out of server.cpp.
#pragma once

#include <boost/asio/basic_stream_socket.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <memory>
#include <string>

#include "connection_registry.hpp"

namespace web::detail {

struct ServerCore;
struct Worker;

// A socket bound to one io_context's executor (not the type-erased any_io_executor: every
// operation would pay for the erasure).
using Socket =
    boost::asio::basic_stream_socket<boost::asio::ip::tcp, boost::asio::io_context::executor_type>;

class Connection {
 public:
  // Starts serving an accepted socket (whose executor is worker's io_context) and registers
  // the connection with the server. It keeps itself alive until it closes.
  // client is the key it is counted under (ConnectionRegistry::client_of).
  static void start(ServerCore& server, Worker& worker, Socket socket, std::string client);

  // Callable from any thread (they post to the connection's io_context): an idle keep-alive
  // connection closes now, a busy one after its response, a new one after answering the
  // request it came for (bounded by the timeouts and the drain).
  virtual void notify_stop() = 0;
  // Closes the socket now (after the drain timeout).
  virtual void force_close() = 0;

  // What the registry reads to choose a connection to evict at the cap.
  ConnectionActivity activity;

 protected:
  ~Connection() = default;
};

}  // namespace web::detail
