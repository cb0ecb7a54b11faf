// HTTP status codes.
#pragma once

#include <cstdint>
#include <string_view>

namespace web {

// The status codes web itself produces, and the ones handlers commonly need. Any other code
// can be used with static_cast<Status>(code); its reason phrase is then "Unknown".
enum class Status : std::uint16_t {
  continue_ = 100,
  ok = 200,
  created = 201,
  accepted = 202,
  no_content = 204,
  moved_permanently = 301,
  found = 302,
  see_other = 303,
  not_modified = 304,
  temporary_redirect = 307,
  permanent_redirect = 308,
  bad_request = 400,
  unauthorized = 401,
  forbidden = 403,
  not_found = 404,
  method_not_allowed = 405,
  request_timeout = 408,
  conflict = 409,
  gone = 410,
  payload_too_large = 413,
  uri_too_long = 414,
  unsupported_media_type = 415,
  unprocessable_entity = 422,
  too_many_requests = 429,
  request_header_fields_too_large = 431,
  internal_server_error = 500,
  not_implemented = 501,
  service_unavailable = 503,
};

// Returns the numeric code, e.g. 404.
constexpr int code(Status status) noexcept {
  return static_cast<int>(status);
}

// Returns the standard reason phrase ("Not Found"), or "Unknown" for codes not listed above.
std::string_view reason_phrase(Status status) noexcept;

// True when a response with this status carries no body (1xx, 204, 304).
constexpr bool forbids_body(Status status) noexcept {
  const int c = code(status);
  return c < 200 || c == 204 || c == 304;
}

}  // namespace web
