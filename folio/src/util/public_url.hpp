#pragma once
// The blog's own absolute address, for what must name pages in full: feed
// ids and links, the sitemap. FOLIO_PUBLIC_URL ("https://blog.example.com")
// says it once and wins; without it the address is read from each request's
// Host header, which the client chooses: good enough on a developer's
// machine, but a deployment behind a proxy or a shared cache sets the
// variable, so that no request can make the feed name another host, and
// feed ids stay the same whatever name a reader used.

#include <optional>
#include <string>
#include <string_view>

namespace folio {

// `url` as a base URL without a trailing '/': "http://" or "https://", a
// host (ASCII letters, digits, '-' and '.', or an IPv6 address in
// brackets), an optional ":port" (1-65535) and at most a trailing "/".
// Scheme and host are lower-cased. nullopt for anything else (a path, a
// query, user info, spaces).
std::optional<std::string> parse_public_url(std::string_view url);

// The base URL for a request whose Host header is `host` ("example.com",
// "127.0.0.1:5000", "[::1]:8080"), over https when `https`; nullopt when
// `host` is not a plain host with an optional port.
std::optional<std::string> base_url_from_host(std::string_view host, bool https);

}  // namespace folio
