// Connection: one client's HTTP/1.1 connection, from accept to close. The Beast code lives in
// connection.cpp only; this interface keeps it out of server.cpp.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <memory>

namespace web::detail {

struct ServerCore;

class Connection {
 public:
  // Starts serving an accepted socket (whose executor is a strand of server.io) and registers
  // the connection with the server. It keeps itself alive until it closes.
  static void start(ServerCore& server, boost::asio::ip::tcp::socket socket);

  // Posted from any thread: an idle connection closes now, a busy one after its response.
  virtual void notify_stop() = 0;
  // Posted from any thread: closes the socket now (after the drain timeout).
  virtual void force_close() = 0;

 protected:
  ~Connection() = default;
};

}  // namespace web::detail
