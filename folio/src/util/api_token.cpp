#include "util/api_token.hpp"

#include <sodium.h>

#include <stdexcept>

namespace folio {

namespace {

constexpr std::size_t kRandomBytes = 32;
// sodium_base64_ENCODED_LEN without padding: 4 characters per 3 bytes, rounded up.
constexpr std::size_t kEncodedChars = (kRandomBytes * 4 + 2) / 3;

void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
}

bool is_base64url(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

}  // namespace

std::string new_api_token() {
  ensure_sodium();
  unsigned char raw[kRandomBytes];
  randombytes_buf(raw, sizeof raw);
  char encoded[sodium_base64_ENCODED_LEN(kRandomBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof encoded, raw, sizeof raw,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(raw, sizeof raw);
  return std::string(kApiTokenPrefix) + encoded;
}

std::string api_token_hash(std::string_view token) {
  ensure_sodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool looks_like_api_token(std::string_view token) {
  if (!token.starts_with(kApiTokenPrefix)) return false;
  const std::string_view rest = token.substr(kApiTokenPrefix.size());
  if (rest.size() != kEncodedChars) return false;
  for (char c : rest) {
    if (!is_base64url(c)) return false;
  }
  return true;
}

}  // namespace folio
