// ResponseWriter: the bytes of a response's status line and header fields, with the headers
// web adds to every response (Date, security headers, cookie attributes).
#pragma once

#include <string>
#include <string_view>

#include "web/config.hpp"
#include "web/response.hpp"

namespace web::detail {

// Immutable after construction; thread-safe.
class ResponseWriter {
 public:
  explicit ResponseWriter(const Config& config);

  // Appends the status line and headers of response to out, ending with the blank line.
  // Content-Length is the body's size (also for HEAD); it is left out for 1xx/204/304.
  // keep_alive = false adds "Connection: close"; keep_alive with http10 (an HTTP/1.0 client,
  // for which persistence is not the default) adds "Connection: keep-alive". HTML responses
  // get the security headers
  // (Content-Security-Policy, X-Frame-Options, Referrer-Policy) unless the handler set its
  // own; every response gets X-Content-Type-Options: nosniff.
  void write_head(const Response& response, bool keep_alive, std::string& out,
                  bool http10 = false) const;

  // One Set-Cookie value: "name=value; Path=/; HttpOnly; SameSite=Lax[; Secure]...".
  std::string set_cookie_value(const SetCookie& cookie) const;

 private:
  std::string csp_;
  std::string referrer_policy_;
  std::string html_block_;  // the three security headers, ready to append
  bool secure_cookies_;
};

}  // namespace web::detail
