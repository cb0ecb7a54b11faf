#include "csrf.hpp"

#include "crypto.hpp"
#include "text_util.hpp"

namespace web::detail {

std::string mask_csrf_token(std::string_view secret) {
  std::string bytes = random_bytes(secret.size());
  bytes.reserve(secret.size() * 2);
  for (std::size_t i = 0; i < secret.size(); ++i) {
    bytes.push_back(static_cast<char>(bytes[i] ^ secret[i]));
  }
  return base64url_encode(bytes);
}

bool verify_csrf_token(std::string_view token, std::string_view secret) {
  if (token.size() > 128) return false;
  const auto bytes = base64url_decode(token);
  if (!bytes || bytes->size() != secret.size() * 2 || secret.empty()) return false;
  std::string unmasked(secret.size(), '\0');
  for (std::size_t i = 0; i < secret.size(); ++i) {
    unmasked[i] = static_cast<char>((*bytes)[i] ^ (*bytes)[i + secret.size()]);
  }
  return constant_time_equal(unmasked, secret);
}

Provenance provenance_of(std::optional<std::string_view> origin,
                         std::optional<std::string_view> sec_fetch_site,
                         std::optional<std::string_view> host,
                         std::span<const std::string> trusted) {
  if (sec_fetch_site && iequals(trim_ows(*sec_fetch_site), "cross-site"))
    return Provenance::cross_site;
  if (!origin) {
    return sec_fetch_site && iequals(trim_ows(*sec_fetch_site), "same-origin")
               ? Provenance::same_origin
               : Provenance::unknown;
  }
  const std::string_view value = trim_ows(*origin);
  for (const std::string& allowed : trusted) {
    if (value == allowed) return Provenance::same_origin;
  }
  // "scheme://host[:port]" with nothing after: compare host[:port] with the Host header.
  const std::size_t scheme_end = value.find("://");
  if (scheme_end == std::string_view::npos || !host) return Provenance::cross_site;
  const std::string_view scheme = value.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return Provenance::cross_site;
  const std::string_view authority = value.substr(scheme_end + 3);
  if (authority.empty() || authority.find('/') != std::string_view::npos)
    return Provenance::cross_site;
  return iequals(authority, trim_ows(*host)) ? Provenance::same_origin : Provenance::cross_site;
}

}  // namespace web::detail
