#include "crypto.hpp"

#include <sodium.h>

#include <stdexcept>

namespace web::detail {
namespace {
const auto* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
}  // namespace

void ensure_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  randombytes_buf(out.data(), n);
  return out;
}

std::string base64url_encode(std::string_view bytes) {
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes_of(bytes), bytes.size(), kVariant);
  out.resize(out.size() - 1);  // the terminating NUL sodium writes
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  std::string out(text.size() * 3 / 4 + 3, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

MacKey derive_key(std::string_view secret, std::string_view purpose) {
  MacKey key{};
  crypto_generichash_state state;
  // "web/<purpose>\0<secret>": each purpose gets an independent key from the one secret.
  const std::string prefix = "web/" + std::string(purpose) + '\0';
  crypto_generichash_init(&state, nullptr, 0, key.size());
  crypto_generichash_update(&state, bytes_of(prefix), prefix.size());
  crypto_generichash_update(&state, bytes_of(secret), secret.size());
  crypto_generichash_final(&state, key.data(), key.size());
  return key;
}

std::string hmac(const MacKey& key, std::string_view message) {
  std::string mac(crypto_auth_hmacsha256_BYTES, '\0');
  crypto_auth_hmacsha256(reinterpret_cast<unsigned char*>(mac.data()), bytes_of(message),
                         message.size(), key.data());
  return mac;
}

bool verify_hmac(const MacKey& key, std::string_view message, std::string_view mac) {
  if (mac.size() != crypto_auth_hmacsha256_BYTES) return false;
  return crypto_auth_hmacsha256_verify(bytes_of(mac), bytes_of(message), message.size(),
                                       key.data()) == 0;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace web::detail
