#include "web/response.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "text_util.hpp"

namespace web {
namespace {

// Framing and connection management are the server's; letting handlers set them would allow
// response splitting or desynchronised keep-alive.
constexpr std::array<std::string_view, 5> kReservedHeaders = {"content-length", "transfer-encoding",
                                                              "connection", "date", "content-type"};

void check_header(std::string_view name, std::string_view value) {
  if (!detail::is_token(name)) {
    throw std::invalid_argument("header name is not an HTTP token: '" + std::string(name) + "'");
  }
  if (!detail::is_safe_header_value(value)) {
    throw std::invalid_argument("header value holds CR, LF or NUL: " + std::string(name));
  }
  for (std::string_view reserved : kReservedHeaders) {
    if (detail::iequals(name, reserved)) {
      throw std::invalid_argument("header " + std::string(name) +
                                  " is set by web (use set_content_type for Content-Type)");
    }
  }
}

void check_cookie(std::string_view name, std::string_view value, const CookieOptions& options) {
  if (!detail::is_token(name)) {
    throw std::invalid_argument("cookie name is not an HTTP token: '" + std::string(name) + "'");
  }
  if (!detail::is_cookie_value(value)) {
    throw std::invalid_argument("cookie value for '" + std::string(name) +
                                "' holds characters outside RFC 6265 cookie-octets");
  }
  if (!detail::is_safe_header_value(options.path) || options.path.find(';') != std::string::npos ||
      !detail::is_safe_header_value(options.domain) ||
      options.domain.find(';') != std::string::npos) {
    throw std::invalid_argument("cookie path or domain holds ';', CR, LF or NUL");
  }
}

}  // namespace

void Response::set_content_type(std::string content_type) {
  if (!detail::is_safe_header_value(content_type)) {
    throw std::invalid_argument("Content-Type holds CR, LF or NUL");
  }
  content_type_ = std::move(content_type);
}

void Response::add_header(std::string_view name, std::string_view value) {
  check_header(name, value);
  headers_.emplace_back(std::string(name), std::string(value));
}

void Response::set_header(std::string_view name, std::string_view value) {
  check_header(name, value);
  std::erase_if(headers_, [&](const auto& field) { return detail::iequals(field.first, name); });
  headers_.emplace_back(std::string(name), std::string(value));
}

std::optional<std::string_view> Response::header(std::string_view name) const {
  for (const auto& [field_name, value] : headers_) {
    if (detail::iequals(field_name, name)) return value;
  }
  return std::nullopt;
}

void Response::set_cookie(std::string_view name, std::string_view value, CookieOptions options) {
  check_cookie(name, value, options);
  std::erase_if(cookies_, [&](const SetCookie& c) {
    return c.name == name && c.options.path == options.path && c.options.domain == options.domain;
  });
  cookies_.push_back(SetCookie{std::string(name), std::string(value), std::move(options)});
}

void Response::delete_cookie(std::string_view name, CookieOptions options) {
  options.max_age = std::chrono::seconds{0};
  set_cookie(name, "", std::move(options));
}

Response html(std::string body, Status status) {
  Response response(status);
  response.set_content_type("text/html; charset=utf-8");
  response.set_body(std::move(body));
  return response;
}

Response text(std::string body, Status status) {
  Response response(status);
  response.set_content_type("text/plain; charset=utf-8");
  response.set_body(std::move(body));
  return response;
}

Response json_response(const nlohmann::json& value, Status status) {
  Response response(status);
  response.set_content_type("application/json");
  response.set_body(value.dump());
  return response;
}

Response redirect(std::string_view location, Status status) {
  Response response(status);
  response.set_header("Location", location);
  return response;
}

}  // namespace web
