#include "response_writer.hpp"

#include <array>
#include <charconv>

#include "http_date.hpp"
#include "text_util.hpp"

namespace web::detail {
namespace {

template <class Number>
void append_number(std::string& out, Number number) {
  std::array<char, 24> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), number);
  out.append(buffer.data(), result.ptr);
}

void append_field(std::string& out, std::string_view name, std::string_view value) {
  out.append(name);
  out.append(": ");
  out.append(value);
  out.append("\r\n");
}

}  // namespace

ResponseWriter::ResponseWriter(const Config& config)
    : csp_(config.content_security_policy),
      referrer_policy_(config.referrer_policy),
      secure_cookies_(config.secure_cookies) {
  if (!is_safe_header_value(csp_) || !is_safe_header_value(referrer_policy_)) {
    throw std::invalid_argument("Config: security header values hold CR, LF or NUL");
  }
  append_field(html_block_, "Content-Security-Policy", csp_);
  append_field(html_block_, "X-Frame-Options", "DENY");
  append_field(html_block_, "Referrer-Policy", referrer_policy_);
}

std::string ResponseWriter::set_cookie_value(const SetCookie& cookie) const {
  const CookieOptions& options = cookie.options;
  std::string value = cookie.name;
  value += '=';
  value += cookie.value;
  if (!options.path.empty()) {
    value += "; Path=";
    value += options.path;
  }
  if (!options.domain.empty()) {
    value += "; Domain=";
    value += options.domain;
  }
  if (options.max_age) {
    value += "; Max-Age=";
    append_number(value, options.max_age->count());
  }
  if (options.http_only) value += "; HttpOnly";
  switch (options.same_site) {
    case SameSite::lax:
      value += "; SameSite=Lax";
      break;
    case SameSite::strict:
      value += "; SameSite=Strict";
      break;
    case SameSite::none:
      value += "; SameSite=None";
      break;
  }
  // Browsers drop SameSite=None cookies that are not Secure.
  if (options.secure.value_or(secure_cookies_) || options.same_site == SameSite::none) {
    value += "; Secure";
  }
  return value;
}

void ResponseWriter::write_head(const Response& response, bool keep_alive, std::string& out,
                                bool http10) const {
  const Status status = response.status();
  out.append("HTTP/1.1 ");
  append_number(out, code(status));
  out += ' ';
  out.append(reason_phrase(status));
  out.append("\r\n");
  append_field(out, "Date", current_http_date());
  if (!response.content_type().empty()) append_field(out, "Content-Type", response.content_type());
  if (!forbids_body(status)) {
    out.append("Content-Length: ");
    append_number(out, response.body().size());
    out.append("\r\n");
  }
  if (!keep_alive) {
    out.append("Connection: close\r\n");
  } else if (http10) {
    out.append("Connection: keep-alive\r\n");
  }
  out.append("X-Content-Type-Options: nosniff\r\n");
  if (response.content_type().starts_with("text/html")) {
    const bool own_csp = response.header("Content-Security-Policy").has_value();
    const bool own_frame = response.header("X-Frame-Options").has_value();
    const bool own_referrer = response.header("Referrer-Policy").has_value();
    if (!own_csp && !own_frame && !own_referrer) {
      out.append(html_block_);
    } else {
      if (!own_csp) append_field(out, "Content-Security-Policy", csp_);
      if (!own_frame) append_field(out, "X-Frame-Options", "DENY");
      if (!own_referrer) append_field(out, "Referrer-Policy", referrer_policy_);
    }
  }
  for (const auto& [name, value] : response.headers()) {
    if (iequals(name, "X-Content-Type-Options")) continue;  // always nosniff
    append_field(out, name, value);
  }
  for (const SetCookie& cookie : response.cookies()) {
    append_field(out, "Set-Cookie", set_cookie_value(cookie));
  }
  out.append("\r\n");
}

}  // namespace web::detail
