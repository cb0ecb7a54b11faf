#include "web/conditional.hpp"

#include <sodium.h>

#include <array>

#include "crypto.hpp"
#include "http_date.hpp"
#include "text_util.hpp"
#include "web/request.hpp"

namespace web {
namespace {

// A list of entity tags (RFC 9110 If-None-Match); weak comparison, or "*".
bool etag_listed(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view tag = detail::trim_ows(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    if (tag == "*") return true;
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    std::string_view ours = etag;
    if (ours.starts_with("W/")) ours.remove_prefix(2);
    if (tag == ours) return true;
  }
  return false;
}

}  // namespace

std::string etag_of(std::string_view body) {
  detail::ensure_sodium();
  std::array<unsigned char, 16> hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(body.data()),
                     body.size(), nullptr, 0);
  constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 + 2 * hash.size());
  out += '"';
  for (const unsigned char byte : hash) {
    out += kHex[byte >> 4];
    out += kHex[byte & 0x0f];
  }
  out += '"';
  return out;
}

bool client_copy_is_current(std::optional<std::string_view> if_none_match,
                            std::optional<std::string_view> if_modified_since,
                            std::string_view etag,
                            std::optional<std::time_t> last_modified) noexcept {
  // If-None-Match, when sent, decides alone (RFC 9110 section 13.2.2).
  if (if_none_match) return etag_listed(*if_none_match, etag);
  if (!if_modified_since || !last_modified) return false;
  const std::optional<std::time_t> since = detail::parse_http_date(*if_modified_since);
  return since && *since >= *last_modified;
}

std::optional<Response> not_modified(const Request& request, std::string_view etag,
                                     std::optional<std::time_t> last_modified) {
  const Method method = request.method();
  if (method != Method::get && method != Method::head) return std::nullopt;
  if (!client_copy_is_current(request.header("If-None-Match"), request.header("If-Modified-Since"),
                              etag, last_modified)) {
    return std::nullopt;
  }
  Response response(Status::not_modified);
  response.set_header("ETag", std::string(etag));
  return response;
}

Response conditional(const Request& request, Response response,
                     std::optional<std::chrono::system_clock::time_point> last_modified) {
  if (response.status() != Status::ok) return response;
  const std::string etag = etag_of(response.body());
  response.set_header("ETag", etag);
  std::optional<std::time_t> modified;
  if (last_modified) {
    modified = std::chrono::system_clock::to_time_t(
        std::chrono::floor<std::chrono::seconds>(*last_modified));
    response.set_header("Last-Modified", detail::format_http_date(*modified));
  }
  const Method method = request.method();
  if (method != Method::get && method != Method::head) return response;
  if (client_copy_is_current(request.header("If-None-Match"), request.header("If-Modified-Since"),
                             etag, modified)) {
    response.set_status(Status::not_modified);
    response.set_body({});
    response.set_content_type({});
  }
  return response;
}

}  // namespace web
