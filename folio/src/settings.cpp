#include "settings.hpp"

#include <sodium.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "util/client_address.hpp"
#include "util/public_url.hpp"

namespace folio {

namespace {

std::string env(const char* name, std::string fallback = {}) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::string(value) : std::move(fallback);
}

bool env_flag(const char* name) {
  const std::string v = env(name);
  return v == "1" || v == "true" || v == "yes" || v == "on";
}

RateLimit env_limit(const char* name, const char* fallback) {
  try {
    return RateLimit::parse(env(name, fallback));
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string(name) + ": " + e.what());
  }
}

// The key kept in the instance folder, made on first use (readable by the
// owner only).
std::string stored_secret(const std::filesystem::path& file, bool& generated) {
  if (std::ifstream in{file}; in) {
    std::string key;
    std::getline(in, key);
    if (key.size() >= 32) return key;
  }
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char hex[sizeof raw * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  {
    std::ofstream out{file, std::ios::trunc};
    if (!out) throw std::runtime_error("cannot write the secret key to " + file.string());
    out << hex << '\n';
  }
  std::filesystem::permissions(
      file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
      std::filesystem::perm_options::replace);
  generated = true;
  return hex;
}

}  // namespace

Settings load_settings() {
  Settings s;
  s.instance_path = env("FOLIO_INSTANCE_PATH", "instance");
  std::filesystem::create_directories(s.instance_path);
  s.database_url =
      env("FOLIO_DATABASE_URL", "sqlite:///" + (s.instance_path / "folio.db").string());
  s.secret_key = env("FOLIO_SECRET_KEY");
  if (s.secret_key.empty()) {
    s.secret_key = stored_secret(s.instance_path / "secret_key", s.secret_key_generated);
  } else if (s.secret_key.size() < 16) {
    throw std::invalid_argument("FOLIO_SECRET_KEY is too short: use 32 random characters or more");
  }
  s.echo_sql = env_flag("FOLIO_ECHO_SQL");
  s.secure_cookies = env_flag("FOLIO_SECURE_COOKIES");
  s.login_limit = env_limit("FOLIO_LOGIN_RATE_LIMIT", "10/180");
  s.comment_limit = env_limit("FOLIO_COMMENT_RATE_LIMIT", "5/60");
  try {
    s.trusted_proxies = parse_trusted_proxies(env("FOLIO_TRUSTED_PROXIES"));
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("FOLIO_TRUSTED_PROXIES: ") + e.what());
  }
  s.resources = env("FOLIO_RESOURCES", FOLIO_DEFAULT_RESOURCES);
  const std::string moderation = env("FOLIO_COMMENT_MODERATION", "off");
  if (moderation == "off") {
    s.comment_moderation = Moderation::off;
  } else if (moderation == "first") {
    s.comment_moderation = Moderation::first;
  } else if (moderation == "all") {
    s.comment_moderation = Moderation::all;
  } else {
    throw std::invalid_argument("FOLIO_COMMENT_MODERATION is '" + moderation +
                                "': use off, first or all");
  }
  if (const std::string url = env("FOLIO_PUBLIC_URL"); !url.empty()) {
    const std::optional<std::string> parsed = parse_public_url(url);
    if (!parsed) {
      throw std::invalid_argument("FOLIO_PUBLIC_URL is '" + url +
                                  "': use http(s)://host or http(s)://host:port, no path");
    }
    s.public_url = *parsed;
  }
  return s;
}

}  // namespace folio
