#pragma once
// What a postgresql:// URL asks for: the libpq connection keywords, the
// pool's settings, and a description of where the server is for messages.

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "relate/connection/url.hpp"

namespace relate::postgres {

struct Settings {
  // libpq keywords and values, in pairs (PQconnectdbParams). The values may
  // hold the password: never print them.
  std::vector<std::string> keywords;
  std::vector<std::string> values;
  // Where the server is, for messages: "host db.example, port 5432" or
  // "socket /var/run/postgresql/.s.PGSQL.5432".
  std::string target;
  std::size_t pool_size = 5;
  std::chrono::milliseconds reconnect_timeout{10'000};
};

// Reads `url`. Throws UrlError (naming the redacted URL) for an unknown
// option, an unreadable number, or a host or port given twice.
Settings settings_for(const Url& url);

}  // namespace relate::postgres
