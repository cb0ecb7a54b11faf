#pragma once
// Folio's configuration, the Flask way: from the environment.
//
//   FOLIO_DATABASE_URL        default sqlite:///<instance>/folio.db
//   FOLIO_SECRET_KEY          signs session cookies; if unset, one is generated once and kept
//                             in <instance>/secret_key (with a warning)
//   FOLIO_ECHO_SQL=1          log every SQL statement and its parameters
//   FOLIO_INSTANCE_PATH       folder for the database and secret (default ./instance)
//   FOLIO_LOGIN_RATE_LIMIT    failed logins per client, COUNT/SECONDS (default 10/180; 0: off)
//   FOLIO_COMMENT_RATE_LIMIT  comments per client, COUNT/SECONDS (default 5/60; 0: off)
//   FOLIO_TRUSTED_PROXIES     reverse proxies (IP addresses, comma-separated; default none)
//                             whose X-Forwarded-For names the client, for rate limits
//   FOLIO_SECURE_COOKIES=1    served over HTTPS: cookies get the Secure attribute
//   FOLIO_COMMENT_MODERATION  off (default: comments show at once), first (a commenter's
//                             comments wait until an admin approves one) or all
//   FOLIO_PUBLIC_URL          the blog's address for feeds and the sitemap, e.g.
//                             https://blog.example.com (default: each request's Host)
//   FOLIO_RESOURCES           folder holding templates/ and static/ (default: the source tree)
//
// Rate-limit counters live in each process (see util/rate_limiter.hpp): N
// processes behind a load balancer allow a client up to N times the limit
// (docs/deploy.md).

#include <filesystem>
#include <string>
#include <vector>

#include "store/views.hpp"
#include "util/rate_limiter.hpp"

namespace folio {

struct Settings {
  std::filesystem::path instance_path{};
  std::string database_url{};
  std::string secret_key{};
  bool secret_key_generated = false;  // made by this process (first run)
  bool echo_sql = false;
  bool secure_cookies = false;
  RateLimit login_limit{};
  RateLimit comment_limit{};
  std::vector<std::string> trusted_proxies{};
  std::filesystem::path resources{};
  Moderation comment_moderation = Moderation::off;
  std::string public_url{};  // normalised by parse_public_url; empty: none
};

// Reads the environment. Creates the instance folder and, when needed, the
// secret key file. Throws std::runtime_error / std::invalid_argument with a
// message naming the variable at fault.
Settings load_settings();

}  // namespace folio
