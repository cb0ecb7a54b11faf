// relate's database URL parser: any text either parses or throws relate::UrlError (nothing
// else), and neither a parsed URL's redacted() form nor an error message shows the password.
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "relate/connection/url.hpp"
#include "relate/error.hpp"

namespace {

// The password as a reader of the raw text would see it: after the first ':' of the user
// info, which ends at the last '@' before the query. Empty when there is none.
std::string_view raw_password(std::string_view text) {
  const std::size_t scheme_end = text.find("://");
  // A '?' before "://": that is in a query, and there is no user info (nor a valid scheme).
  if (scheme_end == std::string_view::npos || text.find('?') < scheme_end) return {};
  std::string_view rest = text.substr(scheme_end + 3);
  if (rest.starts_with('/')) return {};  // no authority: ':' and '@' are in the path
  rest = rest.substr(0, rest.find('?'));
  const std::size_t at = rest.rfind('@');
  if (at == std::string_view::npos) return {};
  const std::string_view userinfo = rest.substr(0, at);
  const std::size_t colon = userinfo.find(':');
  if (colon == std::string_view::npos) return {};
  return userinfo.substr(colon + 1);
}

// True when secret occurs in text only as part of the password itself: short or repeated
// secrets can appear elsewhere by chance, which is no leak; nor can one with a '*' be told
// from the "***" put in its place.
bool distinctive(std::string_view secret, std::string_view text) {
  if (secret.size() < 6 || secret.find('*') != std::string_view::npos) return false;
  const std::size_t first = text.find(secret);
  return first != std::string_view::npos && text.find(secret, first + 1) == std::string_view::npos;
}

// Letters and digits only, six or more: such a secret cannot be spelled across a field
// and the separators or "***" that redacted() puts between fields.
bool checkable(std::string_view secret) {
  if (secret.size() < 6) return false;
  for (const char c : secret) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string_view secret = raw_password(text);
  try {
    const relate::Url url = relate::Url::parse(text);
    FUZZ_CHECK(!url.scheme.empty());
    FUZZ_CHECK(!url.port || (*url.port >= 1 && *url.port <= 65535));
    const std::string shown = url.redacted();
    if (!url.password.empty()) FUZZ_CHECK(shown.find(":***@") != std::string::npos);
    // A secret, unless it is also part of what redacted() shows on purpose.
    const auto shown_elsewhere = [&](const std::string& value) {
      for (const std::string* part : {&url.scheme, &url.username, &url.host, &url.database}) {
        if (part->find(value) != std::string::npos) return true;
      }
      for (const auto& [name, other] : url.options) {
        if (name.find(value) != std::string::npos) return true;
        if (name.find("password") == std::string::npos && other.find(value) != std::string::npos)
          return true;
      }
      return false;
    };
    if (distinctive(secret, text) && url.password == secret &&
        secret.find_first_of("=&") == std::string_view::npos && !shown_elsewhere(url.password)) {
      FUZZ_CHECK(shown.find(secret) == std::string::npos);
    }
    for (const auto& [name, value] : url.options) {
      if (name.find("password") != std::string::npos && checkable(value) &&
          !shown_elsewhere(value)) {
        FUZZ_CHECK(shown.find(value) == std::string::npos);
      }
    }
  } catch (const relate::UrlError& e) {
    const std::string_view message = e.what();
    constexpr std::string_view kPrefix = "invalid database URL '";
    FUZZ_CHECK(message.starts_with(kPrefix));
    const std::size_t end = message.rfind("': ");
    // what() is a C string: a NUL in the URL ends the message early.
    if (text.find('\0') != std::string_view::npos) return 0;
    FUZZ_CHECK(end != std::string_view::npos && end >= kPrefix.size());
    // The URL as shown, not the explanation after it (an input can spell that out too).
    const std::string_view shown = message.substr(kPrefix.size(), end - kPrefix.size());
    if (distinctive(secret, text)) FUZZ_CHECK(shown.find(secret) == std::string_view::npos);
  }
  // Anything else thrown escapes and is reported by libFuzzer as a finding.
  return 0;
}
