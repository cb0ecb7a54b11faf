// Response: what a handler returns, and the helpers that build the common kinds.
#pragma once

#include <chrono>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/status.hpp"

namespace web {

enum class SameSite { lax, strict, none };

// Attributes of a cookie set with Response::set_cookie. The defaults are the safe ones; opting
// out (http_only = false, same_site = none) has to be written down.
struct CookieOptions {
  std::string path = "/";
  std::string domain{};                           // empty: a host-only cookie (the safest)
  std::optional<std::chrono::seconds> max_age{};  // nullopt: lasts until the browser closes
  bool http_only = true;
  SameSite same_site = SameSite::lax;
  // nullopt: Secure when the App is configured for HTTPS (Config::secure_cookies).
  std::optional<bool> secure{};
};

// A cookie a response sets, kept structured until the response is written.
struct SetCookie {
  std::string name{};
  std::string value{};
  CookieOptions options{};
};

// An HTTP response. A plain value: build it, move it, return it from a handler.
// Not thread-safe (no need: one handler owns it).
class Response {
 public:
  explicit Response(Status status = Status::ok) : status_(status) {}

  Status status() const noexcept { return status_; }
  void set_status(Status status) noexcept { status_ = status; }

  // The Content-Type header; empty means none is sent.
  const std::string& content_type() const noexcept { return content_type_; }
  void set_content_type(std::string content_type);

  // The body. For HEAD requests web sends the headers of this body but not the body itself.
  const std::string& body() const noexcept { return body_; }
  std::string& body() noexcept { return body_; }
  void set_body(std::string body) noexcept { body_ = std::move(body); }

  // Adds a header field (several with one name are allowed). Throws std::invalid_argument when the
  // name is not an HTTP token or the value holds CR, LF or NUL (header injection).
  // Content-Length, Transfer-Encoding, Connection and Date are web's, and Content-Type is
  // set with set_content_type: naming them throws too.
  void add_header(std::string_view name, std::string_view value);
  // Like add_header, but first removes any field with the same name (case-insensitive).
  void set_header(std::string_view name, std::string_view value);
  // Returns the first value of the named field (case-insensitive), or nullopt.
  std::optional<std::string_view> header(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& headers() const noexcept {
    return headers_;
  }

  // Sets a cookie. Throws std::invalid_argument when the name is not a token or the value is not
  // made of cookie-octets (RFC 6265: no space, quote, comma, semicolon, backslash or control).
  void set_cookie(std::string_view name, std::string_view value, CookieOptions options = {});
  // Tells the browser to drop a cookie (empty value, Max-Age=0). Path and domain must match.
  void delete_cookie(std::string_view name, CookieOptions options = {});
  const std::vector<SetCookie>& cookies() const noexcept { return cookies_; }

 private:
  Status status_;
  std::string content_type_;
  std::string body_;
  std::vector<std::pair<std::string, std::string>> headers_;
  std::vector<SetCookie> cookies_;
};

// A text/html; charset=utf-8 response. The body is sent as is: build it with templates
// (Request::render), which escape, rather than by concatenating strings.
Response html(std::string body, Status status = Status::ok);

// A text/plain; charset=utf-8 response.
Response text(std::string body, Status status = Status::ok);

// An application/json response holding value.dump(). Throws nlohmann::json::type_error when a
// string in value is not valid UTF-8.
Response json_response(const nlohmann::json& value, Status status = Status::ok);

// A redirect to location (303 See Other by default: the answer to a POST). Throws
// std::invalid_argument when location holds CR, LF or NUL.
Response redirect(std::string_view location, Status status = Status::see_other);

}  // namespace web
