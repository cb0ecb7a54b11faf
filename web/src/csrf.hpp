// CSRF defences: tokens bound to the session's secret, and the Origin check.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace web::detail {

// The form field and the header a token may arrive in.
inline constexpr std::string_view kCsrfField = "csrf_token";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

// A token for secret (32 bytes): base64url(pad || pad XOR secret) with a fresh random pad, so
// no two pages carry the same bytes (BREACH: compression cannot reveal the secret).
std::string mask_csrf_token(std::string_view secret);

// True when token was made by mask_csrf_token(secret). Constant-time in the secret.
bool verify_csrf_token(std::string_view token, std::string_view secret);

// Where a browser says an unsafe request comes from.
enum class Provenance {
  cross_site,   // Sec-Fetch-Site is "cross-site", or Origin names another site ("null" too)
  same_origin,  // Origin is the request's Host or a trusted origin, or, without Origin,
                // Sec-Fetch-Site is "same-origin"
  unknown,      // neither header says (old browsers, non-browser clients): the token decides
};

// Reads Origin and Sec-Fetch-Site (Fetch Metadata) against the request's Host and
// trusted_origins (full origins, "https://a.example").
Provenance provenance_of(std::optional<std::string_view> origin,
                         std::optional<std::string_view> sec_fetch_site,
                         std::optional<std::string_view> host,
                         std::span<const std::string> trusted);

}  // namespace web::detail
