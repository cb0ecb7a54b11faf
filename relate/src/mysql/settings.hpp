#pragma once
// What a mysql:// or mariadb:// URL asks for: where the server is, who
// logs in, the pool's settings, and a description of the server for
// messages (never the password).

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include "relate/connection/url.hpp"

namespace relate::mysql {

struct Settings {
  std::string host;  // empty with a socket
  unsigned port = 3306;
  std::string unix_socket;
  std::string user;
  std::string password;  // never print it
  std::string database;
  unsigned connect_timeout_seconds = 10;
  std::optional<unsigned> lock_wait_timeout_seconds;
  // mariadb://: the server must be MariaDB 10.5 or newer (RETURNING).
  bool requires_returning = false;
  // Where the server is, for messages: "host db.example, port 3306" or
  // "socket /run/mysqld/mysqld.sock".
  std::string target;
  std::size_t pool_size = 5;
  std::chrono::milliseconds reconnect_timeout{10'000};
};

// Reads `url`. Throws UrlError (naming the redacted URL) for an unknown
// option, an unreadable number or a charset other than utf8mb4.
Settings settings_for(const Url& url);

}  // namespace relate::mysql
