#include "test_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <stdexcept>

namespace web::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string HttpResult::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequal(key, name)) return value;
  }
  return "";
}

bool HttpResult::has_header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequal(key, name)) return true;
  }
  return false;
}

std::vector<std::string> HttpResult::set_cookies() const {
  std::vector<std::string> values;
  for (const auto& [key, value] : headers) {
    if (iequal(key, "Set-Cookie")) values.push_back(value);
  }
  return values;
}

struct Client::Impl {
  asio::io_context io;
  asio::ip::tcp::socket socket{io};
  beast::flat_buffer buffer;
  std::uint16_t port = 0;
};

Client::Client(std::uint16_t port, std::string_view from) : impl_(std::make_unique<Impl>()) {
  impl_->port = port;
  impl_->socket.open(asio::ip::tcp::v4());
  impl_->socket.bind({asio::ip::make_address(std::string(from)), 0});
  impl_->socket.connect({asio::ip::make_address("127.0.0.1"), port});
}

Client::~Client() = default;

HttpResult Client::request(std::string_view method, std::string_view target, const Headers& headers,
                           std::string_view body) {
  http::request<http::string_body> req;
  req.version(11);
  req.method_string(beast::string_view(method.data(), method.size()));
  req.target(beast::string_view(target.data(), target.size()));
  req.set(http::field::host, "127.0.0.1:" + std::to_string(impl_->port));
  for (const auto& [name, value] : headers)
    req.insert(name, value);
  req.body() = std::string(body);
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    req.prepare_payload();
  }
  http::write(impl_->socket, req);

  http::response_parser<http::string_body> parser;
  parser.body_limit(boost::none);
  if (method == "HEAD") parser.skip(true);
  http::read(impl_->socket, impl_->buffer, parser);
  const auto& res = parser.get();
  HttpResult result;
  result.status = static_cast<int>(res.result_int());
  for (const auto& field : res) {
    result.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  result.body = res.body();
  return result;
}

HttpResult Client::post_form(std::string_view target, std::string_view body, Headers headers) {
  headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  return request("POST", target, headers, body);
}

bool Client::server_closed(std::chrono::milliseconds timeout) {
  // Asio's blocking reads ignore SO_RCVTIMEO: wait with poll() first.
  pollfd p{impl_->socket.native_handle(), POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(timeout.count())) == 0) return false;
  char byte = 0;
  boost::system::error_code ec;
  const std::size_t n = impl_->socket.read_some(asio::buffer(&byte, 1), ec);
  return n == 0 && (ec == asio::error::eof || ec == asio::error::connection_reset);
}

RawConnection::RawConnection(std::uint16_t port, std::string_view from) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  // Each send() its own segment, so that split requests reach the server split.
  const int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in source{};
  source.sin_family = AF_INET;
  if (::inet_pton(AF_INET, std::string(from).c_str(), &source.sin_addr) != 1 ||
      ::bind(fd_, reinterpret_cast<sockaddr*>(&source), sizeof source) != 0) {
    ::close(fd_);
    throw std::runtime_error("cannot bind to " + std::string(from));
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd_);
    throw std::runtime_error("connect failed");
  }
}

RawConnection::~RawConnection() {
  ::close(fd_);
}

bool RawConnection::send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::string RawConnection::read_more(std::chrono::milliseconds timeout) {
  pollfd p{fd_, POLLIN, 0};
  const int ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
  if (ready == 0) throw std::runtime_error("timed out waiting for the server");
  char buffer[16384];
  const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
  if (n <= 0) return "";  // EOF or reset: the server closed
  return std::string(buffer, static_cast<std::size_t>(n));
}

std::string RawConnection::read_until_closed(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string all = std::move(pending_);
  pending_.clear();
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) throw std::runtime_error("the server did not close the connection");
    std::string more = read_more(left);
    if (more.empty()) return all;
    all += more;
  }
}

HttpResult RawConnection::read_response(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    std::size_t consumed = 0;
    if (auto result = parse_response(pending_, &consumed)) {
      pending_.erase(0, consumed);
      return *result;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) throw std::runtime_error("timed out reading a response");
    std::string more = read_more(left);
    if (more.empty()) throw std::runtime_error("closed before a complete response: " + pending_);
    pending_ += more;
  }
}

std::optional<HttpResult> parse_response(std::string_view text, std::size_t* consumed) {
  const std::size_t head_end = text.find("\r\n\r\n");
  if (head_end == std::string_view::npos) return std::nullopt;
  std::string_view head = text.substr(0, head_end);
  HttpResult result;
  const std::size_t line_end = head.find("\r\n");
  const std::string_view status_line = head.substr(0, line_end);
  if (status_line.size() < 12) return std::nullopt;
  result.status = std::stoi(std::string(status_line.substr(9, 3)));
  head = line_end == std::string_view::npos ? std::string_view{} : head.substr(line_end + 2);
  std::size_t length = 0;
  while (!head.empty()) {
    const std::size_t end = head.find("\r\n");
    const std::string_view line = head.substr(0, end);
    const std::size_t colon = line.find(':');
    std::string name(line.substr(0, colon));
    std::string value(line.substr(colon + 1));
    while (!value.empty() && value.front() == ' ')
      value.erase(0, 1);
    if (iequal(name, "Content-Length")) length = std::stoul(value);
    result.headers.emplace_back(std::move(name), std::move(value));
    head = end == std::string_view::npos ? std::string_view{} : head.substr(end + 2);
  }
  const std::size_t body_start = head_end + 4;
  if (text.size() < body_start + length) return std::nullopt;
  result.body = std::string(text.substr(body_start, length));
  if (consumed != nullptr) *consumed = body_start + length;
  return result;
}

ServerOptions test_options() {
  ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.threads = 2;
  options.header_timeout = std::chrono::seconds(3);
  options.idle_timeout = std::chrono::seconds(3);
  options.body_timeout = std::chrono::seconds(3);
  options.write_timeout = std::chrono::seconds(3);
  options.drain_timeout = std::chrono::seconds(3);
  return options;
}

RunningServer::RunningServer(const App& app, ServerOptions options)
    : server_(app, std::move(options)) {
  server_.start();
}

CapturedLog::CapturedLog() : sink_(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(4096)) {
  sink_->set_pattern("%l: %v");
  logger = std::make_shared<spdlog::logger>("test", sink_);
  logger->set_level(spdlog::level::trace);
}

std::vector<std::string> CapturedLog::lines() const {
  return sink_->last_formatted();
}

bool CapturedLog::contains(std::string_view text) const {
  for (const std::string& line : lines()) {
    if (line.find(text) != std::string::npos) return true;
  }
  return false;
}

std::string cookie_value(const HttpResult& result, std::string_view name) {
  for (const std::string& cookie : result.set_cookies()) {
    const std::string prefix = std::string(name) + "=";
    if (cookie.rfind(prefix, 0) == 0) {
      return cookie.substr(prefix.size(), cookie.find(';') - prefix.size());
    }
  }
  return "";
}

std::string csrf_from_page(std::string_view html) {
  const std::string_view marker = "name=\"csrf_token\" value=\"";
  const std::size_t start = html.find(marker);
  if (start == std::string_view::npos) return "";
  const std::size_t value_start = start + marker.size();
  return std::string(html.substr(value_start, html.find('"', value_start) - value_start));
}

std::string form_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

}  // namespace web::testing
