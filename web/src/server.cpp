#include "web/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <csignal>
#include <limits>
#include <system_error>

#include "connection.hpp"
#include "server_impl.hpp"

namespace web {
namespace detail {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// What a connection over a cap gets: no App involvement, just a short refusal.
std::string refusal(std::string_view message) {
  return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
         "Content-Length: " +
         std::to_string(message.size()) + "\r\nConnection: close\r\nRetry-After: 1\r\n\r\n" +
         std::string(message);
}
const std::string kServerBusy = refusal("Too many connections.\r\n");
const std::string kClientBusy = refusal("Too many connections from your address.\r\n");

void refuse(Socket socket, const std::string& response) {
  auto refused = std::make_shared<Socket>(std::move(socket));
  asio::async_write(*refused, asio::buffer(response.data(), response.size()),
                    [refused](boost::system::error_code, std::size_t) {
                      boost::system::error_code ignored;
                      refused->shutdown(tcp::socket::shutdown_send, ignored);
                      refused->close(ignored);
                    });
}

unsigned cores() {
  return std::max(1u, std::thread::hardware_concurrency());
}

std::size_t handler_threads(const ServerOptions& options) {
  return options.handler_threads != 0 ? options.handler_threads : std::max(4u, 2 * cores());
}

}  // namespace

ServerCore::ServerCore(const App& application, ServerOptions server_options)
    : app(application),
      options(std::move(server_options)),
      writer(application.config()),
      registry(AdmissionLimits{options.max_connections, options.max_connections_per_client,
                               options.evict_after},
               options.trusted_proxies),
      handlers(handler_threads(options)) {
  const unsigned count = options.threads != 0 ? options.threads : cores();
  for (unsigned i = 0; i < count; ++i)
    workers.push_back(std::make_unique<Worker>());
}

ServerCore::~ServerCore() {
  stop();
}

void ServerCore::start() {
  std::lock_guard lock(stop_mutex);
  if (started) throw std::logic_error("web::Server::start called twice");
  try {
    const tcp::endpoint endpoint(asio::ip::make_address(options.host), options.port);
    acceptor.emplace(accept.io);
    acceptor->open(endpoint.protocol());
    acceptor->set_option(tcp::acceptor::reuse_address(true));
    acceptor->bind(endpoint);
    acceptor->listen(asio::socket_base::max_listen_connections);
  } catch (const boost::system::system_error& e) {
    // Reported as std::system_error, so that callers need no Boost to catch it.
    acceptor.reset();
    throw std::system_error(
        std::error_code(e.code().value(), std::generic_category()),
        "web: cannot listen on " + options.host + ":" + std::to_string(options.port));
  }
  port = acceptor->local_endpoint().port();
  started = true;
  accept_next();
  for (auto& worker : workers) {
    worker->thread = std::thread([&io = worker->io] { io.run(); });
  }
  accept.thread = std::thread([this] { accept.io.run(); });
  if (options.on_listening) options.on_listening(port);
}

Worker& ServerCore::least_busy_worker() {
  Worker* best = workers.front().get();
  int best_load = std::numeric_limits<int>::max();
  for (const auto& worker : workers) {
    const int load = worker->connections.load(std::memory_order_relaxed);
    if (load < best_load) {
      best = worker.get();
      best_load = load;
    }
  }
  return *best;
}

void ServerCore::accept_next() {
  acceptor->async_accept([this](boost::system::error_code ec, tcp::socket accepted) {
    if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
    if (ec) {
      // E.g. out of file descriptors: log, and keep accepting what we can.
      app.logger().warn("web: accept failed: {}", ec.message());
      return accept_next();
    }
    if (stopping()) return;
    boost::system::error_code peer_ec;
    const tcp::endpoint peer = accepted.remote_endpoint(peer_ec);
    if (peer_ec) return accept_next();  // already gone
    std::string client = registry.client_of(peer.address());
    ConnectionRegistry::Decision decision = registry.admit(client);
    // At the cap: the connection that waited longest for a request makes room (marked as
    // evicted already, so it is closed even if this one cannot be handed over).
    if (decision.evict) {
      decision.evict->force_close();
      decision.evict.reset();  // its own handlers keep it alive until it closes
    }
    // Chosen now, not when the accept started: the loads are current.
    Worker& worker = least_busy_worker();
    const auto protocol = accepted.local_endpoint(ec).protocol();
    Socket socket(worker.io.get_executor());
    if (!ec) socket.assign(protocol, accepted.release(ec), ec);
    if (ec) {
      app.logger().warn("web: could not hand over a connection: {}", ec.message());
    } else if (decision.verdict == ConnectionRegistry::Verdict::client_full) {
      refuse(std::move(socket), kClientBusy);
    } else if (decision.verdict == ConnectionRegistry::Verdict::server_full) {
      refuse(std::move(socket), kServerBusy);
    } else {
      Connection::start(*this, worker, std::move(socket), std::move(client));
    }
    accept_next();
  });
}

void ServerCore::add_connection(const std::shared_ptr<Connection>& connection, std::string client) {
  registry.add(connection, connection->activity, std::move(client));
}

void ServerCore::remove_connection(Connection* connection) {
  registry.remove(connection);
}

std::vector<Worker*> ServerCore::all_workers() {
  std::vector<Worker*> all{&accept};
  for (auto& worker : workers)
    all.push_back(worker.get());
  return all;
}

void ServerCore::request_stop() {
  {
    std::lock_guard lock(request_mutex);
    stop_requested = true;
  }
  stop_requested_changed.notify_all();
}

void ServerCore::stop() {
  request_stop();
  std::lock_guard stop_lock(stop_mutex);
  if (!started || stopped) return;
  stopping_flag.store(true, std::memory_order_release);
  asio::post(accept.io, [this] {
    boost::system::error_code ignored;
    acceptor->close(ignored);
    if (signals) signals->cancel(ignored);
  });

  // Connections are collected under the registry's lock but told outside it: dropping the
  // last reference to one runs its destructor, which takes the lock.
  const auto live = [this] { return registry.live(); };
  const auto wait_until_closed = [this](std::chrono::milliseconds timeout) {
    return registry.wait_until_empty(timeout);
  };
  for (const auto& connection : live())
    connection->notify_stop();
  if (!wait_until_closed(options.drain_timeout)) {
    app.logger().warn("web: connections still busy after the drain timeout; closing them");
    for (const auto& connection : live())
      connection->force_close();
    // Closing is quick unless a handler is still running; that one is waited for by join().
    wait_until_closed(std::chrono::seconds(1));
  }
  for (Worker* worker : all_workers()) {
    worker->work.reset();
    worker->io.stop();
  }
  for (Worker* worker : all_workers()) {
    if (worker->thread.joinable()) worker->thread.join();
  }
  handlers.join();
  signals.reset();
  acceptor.reset();
  stopped = true;
}

}  // namespace detail

struct Server::Impl : detail::ServerCore {
  using ServerCore::ServerCore;
};

Server::Server(const App& app, ServerOptions options)
    : impl_(std::make_unique<Impl>(app, std::move(options))) {}

Server::~Server() = default;

void Server::start() {
  impl_->start();
}

std::uint16_t Server::port() const noexcept {
  return impl_->port.load();
}

void Server::stop() {
  impl_->stop();
}

std::size_t Server::connection_count() const noexcept {
  return impl_->registry.size();
}

void Server::run() {
  Impl& impl = *impl_;
  // Registered before listening, so a signal never finds the default action (exit) in place.
  impl.signals.emplace(impl.accept.io, SIGINT, SIGTERM);
  impl.signals->async_wait([&impl](const boost::system::error_code& ec, int signal_number) {
    if (ec) return;
    impl.app.logger().info("web: signal {} received, shutting down", signal_number);
    impl.request_stop();
  });
  impl.start();
  {
    std::unique_lock lock(impl.request_mutex);
    impl.stop_requested_changed.wait(lock, [&impl] { return impl.stop_requested; });
  }
  impl.stop();
}

}  // namespace web
