// Config: how an App is set up. Every default is the safe choice.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace spdlog {
class logger;
}

namespace web {

struct Config {
  // Signs the session cookies. Use a long random string (32+ bytes) kept out of the source
  // tree, the same on every instance. Empty: a random key per process (sessions do not survive
  // a restart) and a warning in the log.
  std::string secret_key{};

  // A folder of Mustache templates, loaded and checked when the App is made: "index.html" is
  // the template "index", "admin/users.html" is "admin/users". Empty: no templates.
  std::filesystem::path templates_dir{};
  // The template every page renders inside (Flask's base.html): it includes the page with
  // {{> content}} and sees the page's view ({{title}}, ...). nullopt: pages render alone.
  std::optional<std::string> layout = "base";

  // A folder served as static files under static_url_prefix. Empty: none.
  std::filesystem::path static_dir{};
  std::string static_url_prefix = "/static/";
  std::chrono::seconds static_max_age{3600};  // Cache-Control: public, max-age=...

  // Set when the site is served over HTTPS: cookies then get the Secure attribute.
  bool secure_cookies = false;
  std::string session_cookie_name = "session";
  // A session cookie older than this is ignored (a new session starts).
  std::chrono::seconds session_max_age{std::chrono::hours(24 * 31)};

  // Sent on every HTML response (unless the handler set its own). No 'unsafe-inline': inline
  // <script> and style="" attributes do not run; put them in static files.
  std::string content_security_policy =
      "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; "
      "object-src 'none'";
  std::string referrer_policy = "same-origin";

  // Origins ("https://blog.example.com") besides the request's own Host allowed to send
  // POST, PUT, PATCH and DELETE requests. A request with any other Origin gets 403.
  std::vector<std::string> trusted_origins{};

  // Where web logs (access log lines, handler exceptions). nullptr: spdlog's default logger.
  std::shared_ptr<spdlog::logger> logger{};
};

// Per-route settings.
struct RouteOptions {
  // A name for the route listing (App::routes()); defaults to the pattern.
  std::string name{};
  // Opts out of the CSRF check for POST, PUT, PATCH and DELETE. Only for routes that
  // authenticate each request some other way (e.g. a token in a header of a JSON API).
  bool csrf_exempt = false;
};

}  // namespace web
