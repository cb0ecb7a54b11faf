// The signed session cookie: encoding, verification, and web's access to Session internals.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crypto.hpp"
#include "web/session.hpp"

namespace web {

// web's own access to Session's private state (the CSRF secret, the issue time).
struct SessionAccess {
  // A new session: random id and CSRF secret, marked modified (so its cookie gets sent).
  static Session make_new();
  // A session as read back from its cookie, unmodified.
  static Session restore(std::string id, std::string csrf_secret, nlohmann::json data);
  static const std::string& csrf_secret(const Session& s) { return s.csrf_secret_; }
  static void mark_modified(Session& s) { s.modified_ = true; }
};

namespace detail {

// Cookies larger than this are refused by browsers (4096 with the name and attributes).
inline constexpr std::size_t kMaxSessionCookieBytes = 3800;

// Thread-safe: immutable after construction.
class SessionCodec {
 public:
  explicit SessionCodec(std::string_view secret_key);

  // The cookie value: base64url(JSON payload) "." base64url(HMAC-SHA-256 of the first part).
  // The payload holds the time of encoding: max_age counts from the last change.
  // Throws std::length_error when it would exceed kMaxSessionCookieBytes.
  std::string encode(const Session& session) const;

  // The session in a cookie value, or nullopt when the signature is wrong, the payload is
  // malformed, or it was issued more than max_age before now (unix seconds).
  std::optional<Session> decode(std::string_view value, std::chrono::seconds max_age,
                                std::int64_t now) const;

 private:
  MacKey key_;
};

}  // namespace detail
}  // namespace web
