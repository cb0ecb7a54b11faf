// Request: what a handler gets.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/method.hpp"
#include "web/response.hpp"
#include "web/session.hpp"
#include "web/status.hpp"
#include "web/template.hpp"

namespace web {

class App;

// One header field as received. Views into the server's buffer.
struct HeaderField {
  std::string_view name{};
  std::string_view value{};
};

// Decoded name/value pairs (of a query string or a form), in the order received.
using Params = std::vector<std::pair<std::string, std::string>>;

// A request as the server parsed it, before web decodes it. All views must stay valid while
// App::handle runs. Servers build one; tests may too.
struct IncomingRequest {
  Method method = Method::get;
  std::string_view target{};  // origin-form, e.g. "/1/?page=2"
  std::span<const HeaderField> headers{};
  std::string_view body{};
  std::string_view client_address{};  // the peer's IP address, e.g. "127.0.0.1"
};

// A request being handled. Owned by web and lent to one handler at a time: a handler must not
// keep references to it (or to the views it returns) after it returns. Not thread-safe.
//
// When a handler runs, the path, query string and (for application/x-www-form-urlencoded
// bodies) the form have already been decoded strictly: a bad %-escape or invalid UTF-8 was
// answered with 400 before. For POST, PUT, PATCH and DELETE the CSRF token was checked too,
// unless the route is csrf_exempt.
class Request {
 public:
  Request(const Request&) = delete;
  Request& operator=(const Request&) = delete;

  Method method() const noexcept { return in_.method; }
  // The request target as received, undecoded ("/tags/c%2B%2B/?page=2").
  std::string_view target() const noexcept { return in_.target; }
  // The path, percent-decoded ("/tags/c++/").
  std::string_view path() const noexcept { return path_; }
  // The query string as received, without '?' ("page=2"); empty when there is none.
  std::string_view raw_query() const noexcept { return raw_query_; }

  // The first value of a query parameter, or nullopt. `req.query("page").value_or("1")`.
  std::optional<std::string_view> query(std::string_view name) const;
  // Every value of a query parameter, in order.
  std::vector<std::string_view> query_all(std::string_view name) const;
  const Params& query_params() const noexcept { return query_; }

  // The first value of a form field (application/x-www-form-urlencoded body), or nullopt.
  std::optional<std::string_view> form(std::string_view name) const;
  std::vector<std::string_view> form_all(std::string_view name) const;
  const Params& form_params() const noexcept { return form_; }

  // The first value of a header field (name compared case-insensitively), or nullopt.
  std::optional<std::string_view> header(std::string_view name) const;
  std::span<const HeaderField> headers() const noexcept { return in_.headers; }

  // The value of a cookie the client sent, or nullopt. Malformed cookie pairs are skipped (a
  // stray cookie set by another site on the domain must not lock users out).
  std::optional<std::string_view> cookie(std::string_view name) const;

  // The raw body.
  std::string_view body() const noexcept { return in_.body; }
  // The body parsed as JSON. Throws HttpError 415 unless the Content-Type is application/json,
  // and 400 when it does not parse or nests arrays and objects more than 64 deep.
  nlohmann::json json() const;

  // The peer's IP address ("127.0.0.1"), e.g. for rate limiting. Behind a reverse proxy this
  // is the proxy.
  std::string_view client_address() const noexcept { return in_.client_address; }

  // This browser's session, loaded from its signed cookie on first use (a new, empty one when
  // there is no valid cookie). Changes are sent back with the response.
  Session& session();

  // A CSRF token for this session (creating one: the response then sets its cookie), for
  // forms that do not come from a template. Each call returns a different string (masked
  // against BREACH); all are valid for the session until Session::rotate(). Templates get
  // {{csrf_token}}: the same, but "" for a browser without a session, which creates none, so
  // a visitor's page is the same bytes for every visitor.
  std::string csrf_token();

  // The check web runs before a POST, PUT, PATCH or DELETE handler (OWASP's Fetch Metadata
  // and Origin defence, with tokens for browsers that send neither). Throws HttpError 403
  // when the request is cross-site (Origin, Sec-Fetch-Site). Passes when the browser shows it
  // comes from this site (Origin is the Host or a trusted origin, or Sec-Fetch-Site is
  // "same-origin"), as every current browser does with a form. Otherwise it must carry this
  // session's CSRF token (the csrf_token form field or the X-CSRF-Token header); without a
  // session the 403 creates one, so that the reloaded form carries its token. For
  // csrf_exempt routes that authenticate some requests by the session cookie after all (a
  // JSON API that also takes bearer tokens): call it before acting for the session's user.
  void check_csrf();

  // Queues a message for the next page this browser renders (Flask's flash()). Templates read
  // them, once, as {{#flashes}}{{category}}: {{message}}{{/flashes}}.
  void flash(std::string message, std::string category = "message");
  // Removes and returns the queued flash messages: an array of {"category","message"} objects.
  nlohmann::json take_flashes();

  // Renders page with view (plain data: objects, arrays, strings, numbers, booleans; values
  // are HTML-escaped unless made by trusted_html()) inside the App's layout when the page uses
  // one, and returns it as an HTML response with status. Besides the view, templates see
  // {{csrf_token}} and {{flashes}}. Throws TemplateError only for a Template of another App.
  Response render(const Template& page, const nlohmann::json& view, Status status = Status::ok);
  // Same, as a string.
  std::string render_to_string(const Template& page, const nlohmann::json& view);

  const App& app() const noexcept { return *app_; }

 private:
  friend class App;
  friend struct RequestAccess;
  Request(const App& app, const IncomingRequest& incoming);

  const App* app_;
  IncomingRequest in_;
  std::string_view raw_path_;
  std::string_view raw_query_;
  std::string path_;
  Params query_;
  Params form_;
  std::vector<std::pair<std::string_view, std::string_view>> cookies_;
  std::optional<Session> session_;
  // Values templates see as {{csrf_token}} and {{flashes}}, made on first use.
  std::optional<nlohmann::json> csrf_value_;
  std::optional<nlohmann::json> flashes_value_;
};

}  // namespace web
