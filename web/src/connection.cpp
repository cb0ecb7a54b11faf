// The HTTP/1.1 protocol of one connection. Requests are parsed by Boost.Beast's parser, fed
// synchronously (parser.put) from this connection's own reads; responses are written by
// ResponseWriter in one gather write. Each connection runs on one thread's io_context, so
// nothing here needs a lock or a strand.
#include "connection.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <boost/asio/basic_waitable_timer.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
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
using Timer =
    asio::basic_waitable_timer<Clock, asio::wait_traits<Clock>, asio::io_context::executor_type>;
using error_code = boost::system::error_code;

constexpr std::size_t kReadChunk = 16 * 1024;
// After a response with Connection: close, how long unread request bytes are drained before
// closing, so the client gets the response instead of a reset (nginx's lingering close).
constexpr std::chrono::seconds kLingerTime{2};
constexpr Clock::time_point kNoDeadline = Clock::time_point::max();

std::string_view view(beast::string_view s) {
  return {s.data(), s.size()};
}

class HttpConnection final : public Connection,
                             public std::enable_shared_from_this<HttpConnection> {
 public:
  HttpConnection(ServerCore& server, Worker& worker, Socket socket)
      : server_(server),
        worker_(worker),
        socket_(std::move(socket)),
        timer_(socket_.get_executor()) {
    worker_.connections.fetch_add(1, std::memory_order_relaxed);
    activity.waiting(Clock::now());
    error_code ec;
    const tcp::endpoint peer = socket_.remote_endpoint(ec);
    if (!ec) client_address_ = peer.address().to_string();
    socket_.set_option(tcp::no_delay(true), ec);
  }

  ~HttpConnection() {
    worker_.connections.fetch_sub(1, std::memory_order_relaxed);
    server_.remove_connection(this);
  }

  void begin() {
    asio::dispatch(socket_.get_executor(), [self = shared_from_this()] { self->next_request(); });
  }

  void notify_stop() override {
    asio::post(socket_.get_executor(), [self = shared_from_this()] {
      // An idle keep-alive connection: nothing is lost by closing. A new one's request may
      // be on its way (or here, unread): it is answered, within the drain.
      if (self->state_ == State::waiting && self->requests_ > 0) self->close();
    });
  }

  void force_close() override {
    asio::post(socket_.get_executor(), [self = shared_from_this()] { self->close(); });
  }

 private:
  enum class State { waiting, reading, handling, writing, lingering, closed };

  // --- Deadlines: one timer per connection, armed lazily. Moving the deadline later costs a
  // store; the timer, when it fires early, re-arms itself for the current deadline.
  void set_deadline(Clock::time_point deadline) {
    deadline_ = deadline;
    if (deadline == kNoDeadline || (timer_armed_ && armed_for_ <= deadline)) return;
    timer_armed_ = true;
    armed_for_ = deadline;
    timer_.expires_at(deadline);  // cancels an earlier wait: it completes as aborted
    timer_.async_wait([self = shared_from_this()](error_code ec) { self->on_timer(ec); });
  }

  void on_timer(error_code ec) {
    if (ec == asio::error::operation_aborted) return;  // replaced by a newer wait, or closed
    timer_armed_ = false;
    if (state_ == State::closed || deadline_ == kNoDeadline) return;
    if (Clock::now() >= deadline_) return close();  // timed out: nobody is answered
    set_deadline(deadline_);
  }

  // --- Reading and parsing.
  void next_request() {
    if (server_.stopping() && requests_ > 0) return close();  // see notify_stop
    state_ = State::waiting;
    // Evictable at the cap until the request is whole; a new connection since it was
    // accepted (the constructor), in the order of arrival.
    if (requests_ > 0) activity.waiting(Clock::now());
    parser_.emplace();
    const ServerOptions& options = server_.options;
    // The request line and the fields share Beast's one limit; the checks after the header
    // (and classify_oversized_header) tell them apart.
    parser_->header_limit(
        static_cast<std::uint32_t>(options.max_url_bytes + options.max_header_bytes + 64));
    // Checked after the header instead, to answer 413 with the request's headers. Not
    // boost::none: Beast 1.74 compares a Content-Length with an empty optional as "greater".
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    parser_->eager(false);  // stop after the header: check_header sets the body's limits
    header_checked_ = false;
    continue_sent_ = false;
    after_line_feed_ = false;
    folded_ = false;
    // A new connection must send its whole header within header_timeout; between keep-alive
    // requests the wait is idle_timeout, and the header's own timeout starts with its bytes.
    set_deadline(Clock::now() + (requests_ == 0 ? options.header_timeout : options.idle_timeout));
    if (buffer_.size() > 0) return on_bytes();  // a pipelined request is already here
    read_more();
  }

  void read_more() {
    socket_.async_read_some(buffer_.prepare(kReadChunk),
                            [self = shared_from_this()](error_code ec, std::size_t n) {
                              if (ec) return self->close();  // EOF, reset, or closed by us
                              self->buffer_.commit(n);
                              self->on_bytes();
                            });
  }

  void on_bytes() {
    if (state_ == State::waiting) {
      state_ = State::reading;
      started_ = Clock::now();
      if (requests_ > 0) set_deadline(started_ + server_.options.header_timeout);
    }
    while (buffer_.size() > 0) {
      error_code ec;
      const std::size_t used = parser_->put(buffer_.data(), ec);
      if (!header_checked_) scan_header(used);
      buffer_.consume(used);
      if (ec == http::error::need_more) break;
      if (ec == http::error::header_limit) return fail(classify_oversized_header(), "");
      if (ec == http::error::body_limit) return fail_too_large();
      if (ec) return fail(Status::bad_request, "The request could not be parsed.");
      if (!header_checked_ && parser_->is_header_done() && !check_header()) return;
      if (parser_->is_done()) return handle();
      if (used == 0) break;
    }
    if (header_checked_ && expects_continue_ && !continue_sent_) return send_continue();
    read_more();
  }

  // Notes obs-fold (a line of the header starting with a space or tab) in the first `used`
  // bytes of the buffer, which the parser took as header: Beast accepts it as a space, a
  // proxy in front may not, and then the two disagree about the fields.
  void scan_header(std::size_t used) {
    const auto* bytes = static_cast<const char*>(buffer_.data().data());
    for (std::size_t i = 0; i < used; ++i) {
      if (after_line_feed_ && (bytes[i] == ' ' || bytes[i] == '\t')) folded_ = true;
      after_line_feed_ = bytes[i] == '\n';
    }
  }

  // Checks a complete header before any body is read; answers and returns false when the
  // request is refused.
  bool check_header() {
    header_checked_ = true;
    const ServerOptions& options = server_.options;
    const auto& message = parser_->get();
    if (folded_) {
      fail(Status::bad_request, "Obsolete line folding in the header is not accepted.");
      return false;
    }
    const std::string_view target = view(message.target());
    if (target.size() > options.max_url_bytes) {
      fail(Status::uri_too_long, "");
      return false;
    }
    std::size_t field_bytes = 0;
    for (const auto& field : message) {
      field_bytes += field.name_string().size() + field.value().size() + 4;
    }
    if (field_bytes > options.max_header_bytes) {
      {
        fail(Status::request_header_fields_too_large, "");
        return false;
      }
    }
    // RFC 9112 section 3.2: an HTTP/1.1 request has exactly one Host; none has two (which
    // would a proxy in front and this server each pick?).
    const std::size_t hosts = message.count(http::field::host);
    if (hosts > 1) {
      fail(Status::bad_request, "The request has more than one Host header.");
      return false;
    }
    if (hosts == 0 && message.version() >= 11) {
      fail(Status::bad_request, "An HTTP/1.1 request must have a Host header.");
      return false;
    }
    const auto method = parse_method(view(message.method_string()));
    if (!method) {
      fail(Status::not_implemented, "This method is not supported.");
      return false;
    }
    method_ = *method;
    // Beast takes a Transfer-Encoding without a final "chunked" as no body; a proxy in front
    // may disagree about where this request ends (request smuggling): refuse it.
    if (message.find(http::field::transfer_encoding) != message.end() && !parser_->chunked()) {
      {
        fail(Status::bad_request, "Unsupported Transfer-Encoding.");
        return false;
      }
    }
    const auto length = parser_->content_length();
    if (length && *length > options.max_body_bytes) {
      fail_too_large();
      return false;
    }
    if (parser_->chunked()) parser_->body_limit(options.max_body_bytes);
    parser_->eager(true);
    const auto expect = message.find(http::field::expect);
    expects_continue_ = expect != message.end() && iequals(view(expect->value()), "100-continue");
    if (!parser_->is_done()) set_deadline(Clock::now() + options.body_timeout);
    return true;
  }

  void send_continue() {
    continue_sent_ = true;
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    asio::async_write(socket_, asio::buffer(kContinue.data(), kContinue.size()),
                      [self = shared_from_this()](error_code ec, std::size_t) {
                        if (ec) return self->close();
                        self->read_more();
                      });
  }

  Status classify_oversized_header() const {
    // Once Beast has parsed the request line (and consumed it), the fields overflowed, unless
    // the target itself is too long. Otherwise the buffer still starts with the request line:
    // longer than the URL limit, it is what overflowed.
    const std::size_t max_url = server_.options.max_url_bytes;
    if (const std::size_t target = parser_->get().target().size(); target != 0) {
      return target > max_url ? Status::uri_too_long : Status::request_header_fields_too_large;
    }
    const auto data = buffer_.cdata();
    const std::string_view received(static_cast<const char*>(data.data()), data.size());
    const std::size_t line_end = received.find("\r\n");
    const std::size_t line = line_end == std::string_view::npos ? received.size() : line_end;
    return line > max_url + 32 ? Status::uri_too_long : Status::request_header_fields_too_large;
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

  // --- Answering.
  // The handler runs on a handler thread (server_impl.hpp). Until its response comes back
  // here, this connection reads nothing, so the request it sees (views into parser_ and
  // headers_) stays as it is.
  void handle() {
    state_ = State::handling;
    activity.busy();
    set_deadline(kNoDeadline);  // a handler's time is its own
    ++requests_;
    asio::post(server_.handlers, [self = shared_from_this(), request = incoming(true)] {
      Response response;
      try {
        response = self->server_.app.handle(request);
      } catch (const std::exception&) {  // App::handle answers every error: out of memory
        response = builtin_error_page(Status::internal_server_error, "");
      }
      asio::post(self->socket_.get_executor(),
                 [self, response = std::move(response)]() mutable { self->handled(response); });
    });
  }

  void handled(Response& response) {
    if (state_ == State::closed) return;  // closed meanwhile (force_close): nobody to answer
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

  // Answers a request that cannot be parsed (or is refused before it is complete) with web's
  // built-in page, then closes.
  void fail(Status status, std::string_view message) {
    method_ = Method::get;
    logged_target_ = "-";
    respond(builtin_error_page(status, message), false);
  }

  void respond(Response&& response, bool keep_alive) {
    state_ = State::writing;
    activity.busy();
    keep_alive_ = keep_alive;
    const Status status = response.status();
    if (logged_target_.empty() && parser_->is_header_done()) {
      const std::string_view target = view(parser_->get().target());
      logged_target_.assign(target.substr(0, target.find('?')));  // queries may hold secrets
    }
    head_.clear();
    const bool http10 = parser_->is_header_done() && parser_->get().version() == 10;
    server_.writer.write_head(response, keep_alive, head_, http10);
    const bool send_body = method_ != Method::head && !forbids_body(status);
    body_ = send_body ? std::move(response.body()) : std::string();
    // Logged before the write: once a client has its response, the line is in the log.
    if (server_.options.access_log) {
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - started_).count();
      server_.app.logger().info("{} \"{} {}\" {} {} {:.3f}ms", client_address_, to_string(method_),
                                logged_target_, code(status), body_.size(), ms);
    }
    logged_target_.clear();
    set_deadline(Clock::now() + server_.options.write_timeout);
    const std::array<asio::const_buffer, 2> buffers = {asio::buffer(head_), asio::buffer(body_)};
    asio::async_write(socket_, buffers, [self = shared_from_this()](error_code ec, std::size_t) {
      if (ec) return self->close();
      if (!self->keep_alive_) return self->linger();
      self->next_request();
    });
  }

  // Sends FIN, then reads and drops what the client still sends until it closes too, or
  // kLingerTime passes.
  void linger() {
    state_ = State::lingering;
    activity.waiting(Clock::time_point{});  // answered already: the first to make room
    error_code ec;
    socket_.shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return close();
    set_deadline(Clock::now() + kLingerTime);
    drain_input();
  }

  void drain_input() {
    buffer_.clear();
    socket_.async_read_some(buffer_.prepare(kReadChunk),
                            [self = shared_from_this()](error_code ec, std::size_t) {
                              if (ec) return self->close();
                              self->drain_input();
                            });
  }

  void close() {
    if (state_ == State::closed) return;
    state_ = State::closed;
    error_code ec;
    timer_.cancel();
    socket_.shutdown(tcp::socket::shutdown_both, ec);
    socket_.close(ec);
  }

  ServerCore& server_;
  Worker& worker_;
  Socket socket_;
  Timer timer_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::vector<HeaderField> headers_;
  std::string client_address_;
  std::string head_;
  std::string body_;
  std::string logged_target_;
  State state_ = State::waiting;
  Method method_ = Method::get;
  bool keep_alive_ = false;
  bool header_checked_ = false;
  bool expects_continue_ = false;
  bool continue_sent_ = false;
  bool after_line_feed_ = false;  // the last header byte scanned was '\n'
  bool folded_ = false;           // the header has obs-fold
  bool timer_armed_ = false;
  std::size_t requests_ = 0;
  Clock::time_point started_;
  Clock::time_point deadline_ = kNoDeadline;
  Clock::time_point armed_for_;
};

}  // namespace

void Connection::start(ServerCore& server, Worker& worker, Socket socket, std::string client) {
  auto connection = std::make_shared<HttpConnection>(server, worker, std::move(socket));
  server.add_connection(connection, std::move(client));
  connection->begin();
}

}  // namespace web::detail
