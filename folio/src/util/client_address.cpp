#include "util/client_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <stdexcept>

#include "util/text.hpp"

namespace folio {

namespace {

// The address in its canonical text form ("::1", "127.0.0.1"), or "" when
// `text` is not an IP address.
std::string canonical(std::string_view text) {
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return {};
  const std::string z(text);  // inet_pton wants a terminated string
  std::array<unsigned char, 16> raw{};
  std::array<char, INET6_ADDRSTRLEN> out{};
  for (const int family : {AF_INET, AF_INET6}) {
    if (inet_pton(family, z.c_str(), raw.data()) == 1 &&
        inet_ntop(family, raw.data(), out.data(), out.size()) != nullptr) {
      return out.data();
    }
  }
  return {};
}

bool trusted(std::string_view address, std::span<const std::string> proxies) {
  const std::string c = canonical(address);
  return !c.empty() && std::find(proxies.begin(), proxies.end(), c) != proxies.end();
}

}  // namespace

std::vector<std::string> parse_trusted_proxies(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto end = text.find_first_of(", \t");
    const std::string_view entry = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (entry.empty()) continue;
    std::string c = canonical(entry);
    if (c.empty()) {
      throw std::invalid_argument("'" + std::string(entry) +
                                  "' is not an IP address (expected e.g. 10.0.0.2, ::1)");
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::string client_address(std::string_view peer, std::span<const std::string_view> forwarded_for,
                           std::span<const std::string> trusted_proxies) {
  if (!trusted(peer, trusted_proxies)) return std::string(peer);
  // Right to left over every entry of every line: the last untrusted one.
  for (auto line = forwarded_for.rbegin(); line != forwarded_for.rend(); ++line) {
    std::string_view rest = *line;
    while (!rest.empty()) {
      const auto comma = rest.rfind(',');
      const std::string_view entry =
          trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
      if (trusted(entry, trusted_proxies)) continue;
      const std::string c = canonical(entry);
      return c.empty() ? std::string(peer) : c;  // garbage from a proxy: the proxy
    }
  }
  return std::string(peer);
}

}  // namespace folio
