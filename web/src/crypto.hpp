// libsodium wrappers: random bytes, base64url, HMAC-SHA-256 and the key web derives from the
// App's secret. Thread-safe (libsodium is, once initialised by ensure_sodium()).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace web::detail {

// Initialises libsodium; throws std::runtime_error when it cannot. Idempotent, thread-safe.
void ensure_sodium();

// n bytes from the OS's CSPRNG.
std::string random_bytes(std::size_t n);

// URL-safe base64 without padding (cookie- and form-safe).
std::string base64url_encode(std::string_view bytes);
// nullopt when text is not exactly such base64.
std::optional<std::string> base64url_decode(std::string_view text);

using MacKey = std::array<unsigned char, 32>;

// Derives a key for one purpose ("session", ...) from the App's secret (BLAKE2b, keyed).
MacKey derive_key(std::string_view secret, std::string_view purpose);

// HMAC-SHA-256 of message, 32 raw bytes.
std::string hmac(const MacKey& key, std::string_view message);
// Constant-time check of a 32-byte mac.
bool verify_hmac(const MacKey& key, std::string_view message, std::string_view mac);

// Constant-time comparison of equal-length byte strings (false when the lengths differ).
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace web::detail
