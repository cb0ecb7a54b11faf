#pragma once
// API bearer tokens: made from libsodium's random bytes, stored only as a
// hash. Thread-safe (libsodium is, once initialised).

#include <string>
#include <string_view>

namespace folio {

// What every token starts with, so that a leaked one is recognisable (and
// secret scanners can find it).
inline constexpr std::string_view kApiTokenPrefix = "folio_";

// A new token: kApiTokenPrefix then 32 random bytes in unpadded base64url
// (49 characters). Throws std::runtime_error if libsodium cannot start.
std::string new_api_token();

// What the store keeps of `token`: its SHA-256, in 64 lowercase hex digits.
// The token carries 256 random bits, so a fast hash is enough (no salt or
// stretching: nobody can guess a preimage), and lookups by hash are exact.
std::string api_token_hash(std::string_view token);

// Whether `token` has the shape new_api_token() makes (prefix, length,
// base64url characters): anything else is refused without a query.
bool looks_like_api_token(std::string_view token);

}  // namespace folio
