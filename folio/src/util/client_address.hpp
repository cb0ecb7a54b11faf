#pragma once
// Who a request is from, for per-client rate limits. Behind a reverse proxy
// (HAProxy, nginx) the peer is the proxy: every visitor would share one
// allowance. When the peer is a trusted proxy, the client is the address the
// proxies appended to X-Forwarded-For: the rightmost entry that is not itself
// a trusted proxy. Entries further left were written by the client and are
// ignored, as is the header when the peer is not trusted (anyone can send it).

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace folio {

// Parses FOLIO_TRUSTED_PROXIES: IP addresses separated by commas or spaces
// ("" is none). Throws std::invalid_argument naming an entry that is not an
// IPv4 or IPv6 address.
std::vector<std::string> parse_trusted_proxies(std::string_view text);

// `peer`, or, when `peer` is one of `trusted_proxies`, the client named by the
// X-Forwarded-For values `forwarded_for` (every such header line, in the
// order received; each a comma-separated list). Falls back to `peer` when no
// usable entry is found.
std::string client_address(std::string_view peer, std::span<const std::string_view> forwarded_for,
                           std::span<const std::string> trusted_proxies);

}  // namespace folio
