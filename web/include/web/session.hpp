// Session: per-browser data kept in a signed cookie.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace web {

// The data of one browser session. web stores it in a cookie signed with the App's secret key
// (HMAC-SHA-256, libsodium), so the client can read it but cannot change it: never put secrets
// in it. Keep it small (the cookie must stay under 4 KB; a bigger session makes the response a
// logged 500). Keys starting with '_' are web's own (flash messages).
//
// A Session belongs to one Request (Request::session()); it is not thread-safe and not meant to
// be shared. Changes are written back with the response.
class Session {
 public:
  Session();

  // Returns the value stored under key, or nullptr. The pointer lives until the next change.
  const nlohmann::json* get(std::string_view key) const;
  // Stores value under key.
  void set(const std::string& key, nlohmann::json value);
  // Removes key; does nothing when it is absent.
  void erase(std::string_view key);
  // Removes all data (the session id and CSRF secret stay; see rotate()).
  void clear();
  // Gives the session a new id and a new CSRF secret: call it at login and at logout, so a
  // session id or CSRF token known before (session fixation) is worthless after.
  void rotate();

  // A random identifier (base64url, 22 characters), new for each session and each rotate().
  const std::string& id() const noexcept { return id_; }
  // The data as a JSON object.
  const nlohmann::json& data() const noexcept { return data_; }
  // True once anything changed, or when the session is new: the response then sets the cookie.
  bool modified() const noexcept { return modified_; }

 private:
  friend struct SessionAccess;
  std::string id_;
  std::string csrf_secret_;  // 32 random bytes
  nlohmann::json data_;
  bool modified_ = false;
};

}  // namespace web
