#include "util/public_url.hpp"

#include <charconv>

namespace folio {

namespace {

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.';
}

bool is_port(std::string_view digits) {
  if (digits.empty() || digits.size() > 5) return false;
  unsigned port = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  return error == std::errc{} && end == digits.data() + digits.size() && port >= 1 && port <= 65535;
}

// `authority` (host[:port]) lower-cased, or nullopt when it is anything more.
std::optional<std::string> plain_authority(std::string_view authority) {
  std::string_view host = authority;
  std::string_view port;
  if (authority.starts_with('[')) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos || close == 1) return std::nullopt;
    for (const char c : authority.substr(1, close - 1)) {
      const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
                      c == ':' || c == '.';
      if (!ok) return std::nullopt;
    }
    host = authority.substr(0, close + 1);
    const std::string_view rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return std::nullopt;
      port = rest.substr(1);
      if (!is_port(port)) return std::nullopt;
    }
  } else {
    const std::size_t colon = authority.find(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
      if (!is_port(port)) return std::nullopt;
    }
    if (host.empty() || host.front() == '.' || host.front() == '-') return std::nullopt;
    for (const char c : host) {
      if (!is_host_char(c)) return std::nullopt;
    }
  }
  std::string out;
  out.reserve(authority.size());
  for (const char c : authority)
    out += lower(c);
  return out;
}

}  // namespace

std::optional<std::string> parse_public_url(std::string_view url) {
  std::string scheme;
  for (const std::string_view s : {"https://", "http://"}) {
    if (url.size() < s.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < s.size(); ++i)
      same = same && lower(url[i]) == s[i];
    if (same) {
      scheme = s;
      url.remove_prefix(s.size());
      break;
    }
  }
  if (scheme.empty()) return std::nullopt;
  if (url.ends_with('/')) url.remove_suffix(1);
  const std::optional<std::string> authority = plain_authority(url);
  if (!authority) return std::nullopt;
  return scheme + *authority;
}

std::optional<std::string> base_url_from_host(std::string_view host, bool https) {
  const std::optional<std::string> authority = plain_authority(host);
  if (!authority) return std::nullopt;
  return (https ? "https://" : "http://") + *authority;
}

}  // namespace folio
