// The HTTP/1.1 protocol of one connection, on Boost.Beast's parser. Responses are written by
// ResponseWriter (one gather write of head and body), not by Beast's serializer: web decides
// every header itself, and it is cheaper.
#include "connection.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <limits>
#include <string>
#include <vector>

#include "error_page.hpp"
#include "server_impl.hpp"
#include "text_util.hpp"

namespace web::detail {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kReadChunk = 16 * 1024;
// After a response with Connection: close, how long unread request bytes are drained before
// closing, so the client gets the response instead of a reset (nginx's lingering close).
constexpr std::chrono::seconds kLingerTime{2};

std::string_view view(beast::string_view s) {
  return {s.data(), s.size()};
}

class HttpConnection final : public Connection,
                             public std::enable_shared_from_this<HttpConnection> {
 public:
  HttpConnection(ServerCore& server, tcp::socket socket)
      : server_(server), stream_(std::move(socket)) {
    boost::system::error_code ec;
    const tcp::endpoint peer = stream_.socket().remote_endpoint(ec);
    if (!ec) client_address_ = peer.address().to_string();
    stream_.socket().set_option(tcp::no_delay(true), ec);
  }

  ~HttpConnection() { server_.remove_connection(this); }

  void begin() {
    asio::dispatch(stream_.get_executor(),
                   [self = shared_from_this()] { self->wait_for_request(); });
  }

  void notify_stop() override {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      // Nothing of a next request has arrived: nothing is lost by closing.
      if (self->state_ == State::waiting) self->close();
    });
  }

  void force_close() override {
    asio::post(stream_.get_executor(), [self = shared_from_this()] { self->close(); });
  }

 private:
  enum class State { waiting, reading, handling, writing, lingering, closed };

  // Waits for the first bytes of the next request: up to header_timeout on a new connection
  // (the whole header must come within it), idle_timeout between keep-alive requests.
  void wait_for_request() {
    if (server_.stopping()) return close();
    state_ = State::waiting;
    const bool first = requests_ == 0;
    header_deadline_ = Clock::now() + server_.options.header_timeout;
    if (buffer_.size() > 0) return read_header();  // a pipelined request is already here
    stream_.expires_at(first ? header_deadline_ : Clock::now() + server_.options.idle_timeout);
    stream_.async_read_some(buffer_.prepare(kReadChunk), [self = shared_from_this(), first](
                                                             beast::error_code ec, std::size_t n) {
      if (ec) return self->close();
      self->buffer_.commit(n);
      if (!first) self->header_deadline_ = Clock::now() + self->server_.options.header_timeout;
      self->read_header();
    });
  }

  void read_header() {
    state_ = State::reading;
    started_ = Clock::now();
    parser_.emplace();
    const ServerOptions& options = server_.options;
    // The request line and the fields share Beast's one limit; on_header tells them apart.
    parser_->header_limit(
        static_cast<std::uint32_t>(options.max_url_bytes + options.max_header_bytes + 64));
    // Checked in on_header instead, to answer 413 with the request's headers. Not boost::none:
    // Beast 1.74 compares the Content-Length with an empty optional as "greater".
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    stream_.expires_at(header_deadline_);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->on_header(ec, n);
                            });
  }

  void on_header(beast::error_code ec, std::size_t header_bytes) {
    const ServerOptions& options = server_.options;
    // On a timeout Beast has closed the socket already: there is nobody left to answer.
    if (ec == beast::error::timeout) return close();
    if (ec == http::error::header_limit) return fail(classify_oversized_header(), "");
    if (ec.category() == http::make_error_code(http::error::bad_target).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message) {
      return fail(Status::bad_request, "The request could not be parsed.");
    }
    if (ec) return close();  // EOF, reset, cancelled: nobody to answer

    const auto& message = parser_->get();
    const std::string_view target = view(message.target());
    if (target.size() > options.max_url_bytes) return fail(Status::uri_too_long, "");
    const std::size_t request_line = view(message.method_string()).size() + target.size() + 12;
    if (header_bytes > request_line + options.max_header_bytes) {
      return fail(Status::request_header_fields_too_large, "");
    }
    const auto method = parse_method(view(message.method_string()));
    if (!method) return fail(Status::not_implemented, "This method is not supported.");
    method_ = *method;
    // Beast treats a Transfer-Encoding without a final "chunked" as no body; a proxy in front
    // may disagree about where this request ends (request smuggling): refuse it.
    if (message.find(http::field::transfer_encoding) != message.end() && !parser_->chunked()) {
      return fail(Status::bad_request, "Unsupported Transfer-Encoding.");
    }
    const auto length = parser_->content_length();
    if (length && *length > options.max_body_bytes) return fail_too_large();
    if (parser_->chunked()) parser_->body_limit(options.max_body_bytes);

    if (parser_->is_done()) return handle();
    const auto expect = message.find(http::field::expect);
    if (expect != message.end() && iequals(view(expect->value()), "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      stream_.expires_after(options.write_timeout);
      return asio::async_write(
          stream_, asio::buffer(kContinue.data(), kContinue.size()),
          [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
            if (write_ec) return self->close();
            self->read_body();
          });
    }
    read_body();
  }

  Status classify_oversized_header() const {
    // Beast has consumed what it parsed: once the request line is complete its target is
    // known, and the fields are what overflowed; otherwise the line itself did (414).
    const std::size_t target = parser_->get().target().size();
    return target == 0 || target > server_.options.max_url_bytes
               ? Status::uri_too_long
               : Status::request_header_fields_too_large;
  }

  void read_body() {
    stream_.expires_after(server_.options.body_timeout);
    http::async_read(
        stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
          if (ec == http::error::body_limit) return self->fail_too_large();
          if (ec.category() == http::make_error_code(http::error::bad_target).category() &&
              ec != http::error::end_of_stream && ec != http::error::partial_message) {
            return self->fail(Status::bad_request, "The request could not be parsed.");
          }
          if (ec) return self->close();
          self->handle();
        });
  }

  IncomingRequest incoming(bool with_body) {
    const auto& message = parser_->get();
    headers_.clear();
    for (const auto& field : message) {
      headers_.push_back(HeaderField{view(field.name_string()), view(field.value())});
    }
    return IncomingRequest{method_, view(message.target()), headers_,
                           with_body ? std::string_view(message.body()) : std::string_view{},
                           client_address_};
  }

  void handle() {
    state_ = State::handling;
    ++requests_;
    Response response = server_.app.handle(incoming(true));
    // Asked after the handler: a stop that came meanwhile closes the connection after this.
    respond(std::move(response), parser_->get().keep_alive() && !server_.stopping());
  }

  // 413 through the App's error page (it gets the request's headers), then close: the body
  // is never read.
  void fail_too_large() {
    ++requests_;
    respond(server_.app.handle_error(incoming(false), HttpError(Status::payload_too_large,
                                                                "The request body is too large.")),
            false);
  }

  // Answers a request that cannot be parsed (or is refused before parsing completes) with
  // web's built-in page, then closes.
  void fail(Status status, std::string_view message) {
    method_ = Method::get;
    logged_target_ = "-";
    respond(builtin_error_page(status, message), false);
  }

  void respond(Response&& response, bool keep_alive) {
    state_ = State::writing;
    keep_alive_ = keep_alive;
    status_ = response.status();
    if (parser_ && parser_->is_header_done() && logged_target_.empty()) {
      const std::string_view target = view(parser_->get().target());
      logged_target_.assign(target.substr(0, target.find('?')));  // queries may hold secrets
    }
    head_.clear();
    server_.writer.write_head(response, keep_alive, head_);
    const bool send_body = method_ != Method::head && !forbids_body(status_);
    body_ = send_body ? std::move(response.body()) : std::string();
    // Logged before the write: once a client has its response, the line is in the log.
    if (server_.options.access_log) {
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - started_).count();
      server_.app.logger().info("{} \"{} {}\" {} {} {:.3f}ms", client_address_, to_string(method_),
                                logged_target_, code(status_), body_.size(), ms);
    }
    logged_target_.clear();
    const std::array<asio::const_buffer, 2> buffers = {asio::buffer(head_), asio::buffer(body_)};
    stream_.expires_after(server_.options.write_timeout);
    asio::async_write(
        stream_, buffers,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_written(ec); });
  }

  void on_written(beast::error_code ec) {
    if (ec) return close();
    if (!keep_alive_) return linger();
    wait_for_request();
  }

  // Sends FIN, then reads and drops what the client still sends until it closes too, or
  // kLingerTime passes.
  void linger() {
    state_ = State::lingering;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return close();
    stream_.expires_after(kLingerTime);
    drain_input();
  }

  void drain_input() {
    buffer_.clear();
    stream_.async_read_some(buffer_.prepare(kReadChunk),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->close();
                              self->drain_input();
                            });
  }

  void close() {
    if (state_ == State::closed) return;
    state_ = State::closed;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  ServerCore& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::vector<HeaderField> headers_;
  std::string client_address_;
  std::string head_;
  std::string body_;
  std::string logged_target_;
  State state_ = State::waiting;
  Method method_ = Method::get;
  Status status_ = Status::ok;
  bool keep_alive_ = false;
  std::size_t requests_ = 0;
  Clock::time_point started_;
  Clock::time_point header_deadline_;
};

}  // namespace

void Connection::start(ServerCore& server, boost::asio::ip::tcp::socket socket) {
  auto connection = std::make_shared<HttpConnection>(server, std::move(socket));
  server.add_connection(connection);
  connection->begin();
}

}  // namespace web::detail
