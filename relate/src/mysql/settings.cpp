#include "settings.hpp"

#include <charconv>

#include "relate/error.hpp"

namespace relate::mysql {

namespace {

[[noreturn]] void fail(const Url& url, const std::string& why) {
  throw UrlError("invalid database URL '" + url.redacted() + "': " + why);
}

unsigned whole_number(const Url& url, const std::string& name, const std::string& text) {
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) {
    fail(url, "option " + name + " must be a whole number, not '" + text + "'");
  }
  return value;
}

}  // namespace

Settings settings_for(const Url& url) {
  Settings s;
  s.host = url.host;
  if (url.port) s.port = static_cast<unsigned>(*url.port);
  s.user = url.username;
  s.password = url.password;
  s.database = url.database;
  s.requires_returning = url.scheme == "mariadb";
  if (s.database.empty()) fail(url, "the URL names no database (mysql://user@host/dbname)");

  for (const auto& [name, value] : url.options) {
    if (name == "pool_size") {
      s.pool_size = whole_number(url, name, value);
      if (s.pool_size == 0) fail(url, "pool_size must be at least 1");
    } else if (name == "connect_timeout") {
      s.connect_timeout_seconds = whole_number(url, name, value);
    } else if (name == "reconnect_timeout") {
      s.reconnect_timeout = std::chrono::seconds{whole_number(url, name, value)};
    } else if (name == "lock_wait_timeout") {
      s.lock_wait_timeout_seconds = whole_number(url, name, value);
      if (*s.lock_wait_timeout_seconds == 0) fail(url, "lock_wait_timeout must be at least 1");
    } else if (name == "unix_socket") {
      if (value.empty() || value.front() != '/') {
        fail(url, "unix_socket must be an absolute path");
      }
      s.unix_socket = value;
    } else if (name == "charset") {
      if (value != "utf8mb4") {
        fail(url, "charset must be utf8mb4 (relate's strings are UTF-8), not '" + value + "'");
      }
    } else {
      fail(url, "unknown option '" + name +
                    "' (mysql takes pool_size, connect_timeout, reconnect_timeout, "
                    "lock_wait_timeout, unix_socket and charset)");
    }
  }

  if (!s.unix_socket.empty()) {
    s.target = "socket " + s.unix_socket;
  } else {
    if (s.host.empty()) s.host = "localhost";
    s.target = "host " + s.host + ", port " + std::to_string(s.port);
  }
  return s;
}

}  // namespace relate::mysql
