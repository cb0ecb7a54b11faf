#include "settings.hpp"

#include <charconv>

#include "relate/error.hpp"

namespace relate::postgres {

namespace {

constexpr int kDefaultPort = 5432;
constexpr const char* kDefaultSocketDirectory = "/var/run/postgresql";

// Settings every connection gets: UTC so that TIMESTAMPTZ values are read
// back as UTC instants, ISO dates, and no NOTICE chatter ("relation already
// exists, skipping").
constexpr const char* kSessionOptions =
    "-c TimeZone=UTC -c DateStyle=ISO -c client_min_messages=warning";

[[noreturn]] void fail(const Url& url, const std::string& why) {
  throw UrlError("invalid database URL '" + url.redacted() + "': " + why);
}

std::size_t whole_number(const Url& url, const std::string& name, const std::string& text) {
  std::size_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) {
    fail(url, "option " + name + " must be a whole number, not '" + text + "'");
  }
  return value;
}

}  // namespace

Settings settings_for(const Url& url) {
  Settings s;
  std::string host = url.host;
  std::string port = url.port ? std::to_string(*url.port) : std::string{};
  std::string user = url.username;
  std::string password = url.password;
  std::string connect_timeout = "10";
  std::string session_options = kSessionOptions;
  std::vector<std::pair<std::string, std::string>> passed;

  for (const auto& [name, value] : url.options) {
    if (name == "pool_size") {
      s.pool_size = whole_number(url, name, value);
      if (s.pool_size == 0) fail(url, "pool_size must be at least 1");
    } else if (name == "connect_timeout") {
      connect_timeout = std::to_string(whole_number(url, name, value));
    } else if (name == "reconnect_timeout") {
      s.reconnect_timeout = std::chrono::seconds{whole_number(url, name, value)};
    } else if (name == "host") {
      if (!host.empty()) fail(url, "the host is given twice (before the path and as ?host=)");
      host = value;
    } else if (name == "port") {
      if (!port.empty()) fail(url, "the port is given twice (after the host and as ?port=)");
      const std::size_t n = whole_number(url, name, value);
      if (n < 1 || n > 65535) fail(url, "the port must be a number from 1 to 65535");
      port = value;
    } else if (name == "user") {
      if (!user.empty()) fail(url, "the user is given twice");
      user = value;
    } else if (name == "password") {
      if (!password.empty()) fail(url, "the password is given twice");
      password = value;
    } else if (name == "options") {
      session_options += ' ';
      session_options += value;
    } else if (name == "sslmode" || name == "application_name") {
      passed.emplace_back(name, value);
    } else {
      fail(url, "unknown option '" + name +
                    "' (postgresql takes pool_size, connect_timeout, reconnect_timeout, host, "
                    "port, user, password, sslmode, application_name and options)");
    }
  }

  const auto add = [&](std::string keyword, std::string value) {
    if (value.empty()) return;
    s.keywords.push_back(std::move(keyword));
    s.values.push_back(std::move(value));
  };
  add("host", host);
  add("port", port);
  add("user", user);
  add("password", password);
  add("dbname", url.database);
  add("connect_timeout", connect_timeout);
  add("options", session_options);
  add("client_encoding", "UTF8");
  add("fallback_application_name", "relate");
  for (auto& [keyword, value] : passed)
    add(keyword, value);

  const std::string shown_port = port.empty() ? std::to_string(kDefaultPort) : port;
  if (host.empty() || host.front() == '/') {
    s.target = "socket " + (host.empty() ? std::string(kDefaultSocketDirectory) : host) +
               "/.s.PGSQL." + shown_port;
  } else {
    s.target = "host " + host + ", port " + shown_port;
  }
  return s;
}

}  // namespace relate::postgres
