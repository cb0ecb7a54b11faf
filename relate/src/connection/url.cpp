#include "relate/connection/url.hpp"

#include <charconv>

#include "relate/error.hpp"

namespace relate {

namespace {

[[noreturn]] void fail(std::string_view shown, std::string_view why) {
  throw UrlError("invalid database URL '" + std::string(shown) + "': " + std::string(why));
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX escapes. `shown` is the redacted URL used in error messages.
std::string percent_decode(std::string_view in, std::string_view shown) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out += in[i];
      continue;
    }
    const int hi = i + 2 < in.size() ? hex_value(in[i + 1]) : -1;
    const int lo = i + 2 < in.size() ? hex_value(in[i + 2]) : -1;
    if (hi < 0 || lo < 0) fail(shown, "bad percent-escape");
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

// Query options that carry secrets (libpq takes ?password=...).
bool is_secret_option(std::string_view name) {
  return name.find("password") != std::string_view::npos;
}

// `text` with the values of secret query options replaced by "***".
std::string redact_query(std::string_view text) {
  const auto q = text.find('?');
  if (q == std::string_view::npos) return std::string(text);
  std::string out(text.substr(0, q + 1));
  std::string_view query = text.substr(q + 1);
  while (true) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && is_secret_option(pair.substr(0, eq))) {
      out += pair.substr(0, eq + 1);
      out += "***";
    } else {
      out += pair;
    }
    if (amp == std::string_view::npos) break;
    out += '&';
    query = query.substr(amp + 1);
  }
  return out;
}

// The URL with the password between "user:" and "@" (and in the query)
// replaced, computed from the raw text so that even unparseable URLs are
// reported without it.
std::string redact_raw(std::string_view full_text) {
  const std::string redacted_query = redact_query(full_text);
  const std::string_view text = redacted_query;
  const auto scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) return std::string(text);
  const auto authority_begin = scheme_end + 3;
  if (text.substr(authority_begin).starts_with('/')) return std::string(text);  // no authority
  // The user info may end past a '/': an unencoded '/' in a password ("user:pa/ss@host")
  // makes parse() read it as the path, and its error message must not show the password
  // (seen while writing fuzz/fuzz_db_url). Hiding a bit too much of a broken URL is harmless.
  const auto authority_end = text.find('?', authority_begin);
  const auto authority = text.substr(authority_begin, authority_end - authority_begin);
  const auto at = authority.rfind('@');
  if (at == std::string_view::npos) return std::string(text);
  const auto colon = authority.substr(0, at).find(':');
  if (colon == std::string_view::npos) return std::string(text);
  std::string out(text.substr(0, authority_begin + colon + 1));
  out += "***";
  out += text.substr(authority_begin + at);
  return out;
}

bool valid_scheme(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return s[0] >= 'a' && s[0] <= 'z';
}

}  // namespace

Url Url::parse(std::string_view text) {
  const std::string shown = redact_raw(text);
  const auto scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) {
    fail(shown, "expected <scheme>://..., e.g. sqlite:///blog.db or postgresql://user@host/db");
  }
  Url url;
  url.scheme = std::string(text.substr(0, scheme_end));
  if (!valid_scheme(url.scheme))
    fail(shown, "the scheme must be lower-case letters, digits, +, - or .");

  std::string_view rest = text.substr(scheme_end + 3);
  if (const auto q = rest.find('?'); q != std::string_view::npos) {
    std::string_view query = rest.substr(q + 1);
    rest = rest.substr(0, q);
    while (!query.empty()) {
      const auto amp = query.find('&');
      const std::string_view pair = query.substr(0, amp);
      query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
      if (pair.empty()) continue;
      const auto eq = pair.find('=');
      if (eq == std::string_view::npos || eq == 0) fail(shown, "query options must be name=value");
      std::string name = percent_decode(pair.substr(0, eq), shown);
      // A second value would silently win over the first: say so instead.
      if (url.options.contains(name)) fail(shown, "option " + name + " is given twice");
      url.options.emplace(std::move(name), percent_decode(pair.substr(eq + 1), shown));
    }
  }

  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  url.database = slash == std::string_view::npos ? std::string{}
                                                 : percent_decode(rest.substr(slash + 1), shown);

  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    const std::string_view userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    const auto colon = userinfo.find(':');
    url.username = percent_decode(userinfo.substr(0, colon), shown);
    if (colon != std::string_view::npos)
      url.password = percent_decode(userinfo.substr(colon + 1), shown);
  }
  // A bracketed IPv6 host may contain ':'; the port follows the bracket.
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) fail(shown, "unterminated [ in host");
    host = authority.substr(1, close - 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') fail(shown, "unexpected text after ]");
      port = after.substr(1);
    }
  } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  url.host = percent_decode(host, shown);
  if (!port.empty() || authority.ends_with(':')) {
    int value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || end != port.data() + port.size() || value < 1 || value > 65535) {
      fail(shown, "the port must be a number from 1 to 65535");
    }
    url.port = value;
  }
  return url;
}

std::string Url::redacted() const {
  std::string out = scheme + "://";
  if (!username.empty() || !password.empty()) {
    out += username;
    if (!password.empty()) out += ":***";
    out += '@';
  }
  out += host;
  if (port) out += ":" + std::to_string(*port);
  if (!database.empty() || scheme == "sqlite") {
    if (!database.empty()) out += "/" + database;
  }
  char sep = '?';
  for (const auto& [k, v] : options) {
    out += sep;
    out += k + "=" + (is_secret_option(k) ? std::string("***") : v);
    sep = '&';
  }
  return out;
}

}  // namespace relate
