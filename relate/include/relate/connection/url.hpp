#pragma once
// Database URLs the SQLAlchemy way:
//   sqlite:///relative/path.db   sqlite:////absolute/path.db   sqlite://  (memory)
//   postgresql://user:password@host:5432/dbname?connect_timeout=5
//   postgresql:///dbname?host=/var/run/postgresql  (a Unix socket, the libpq way)

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace relate {

struct Url {
  std::string scheme;    // "sqlite", "postgresql"
  std::string username;  // percent-decoded
  std::string password;  // percent-decoded; never printed (see redacted())
  std::string host;
  std::optional<int> port;
  std::string database;  // sqlite: the file path ("" for memory); others: the name
  std::map<std::string, std::string> options;  // the query string, decoded

  // Parses `text`. Throws UrlError naming the URL (password hidden) and what
  // is wrong with it.
  static Url parse(std::string_view text);

  // The URL with any password (in the user info or a password option)
  // replaced by "***": safe for messages and logs.
  std::string redacted() const;
};

}  // namespace relate
