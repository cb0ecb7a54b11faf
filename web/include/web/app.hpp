// App: routes, templates, sessions and the safety checks; the part of web a site is written
// against. Serve it with web::Server (server.hpp).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "web/config.hpp"
#include "web/handler_traits.hpp"
#include "web/http_error.hpp"
#include "web/method.hpp"
#include "web/request.hpp"
#include "web/response.hpp"
#include "web/route_pattern.hpp"
#include "web/template.hpp"

namespace spdlog {
class logger;
}

namespace web {

// A route as listed by App::routes() (for `folio routes`).
struct RouteInfo {
  std::string pattern{};
  MethodSet methods{};  // as registered (HEAD is also served for GET)
  std::string name{};
  bool csrf_exempt = false;
};

// Set up an App completely (routes, error page, hooks) before serving it; from then on it is
// read-only and its handlers run concurrently on the server's threads.
//
// Handlers take web::Request& and then one argument per path parameter, typed after the
// pattern's converters (std::int64_t for <int:...>, std::string or std::string_view for the
// others), and return web::Response:
//
//   app.get("/", [&](web::Request& req) { return req.render(index, view); });
//   app.route("/<int:post_id>/", {web::Method::get, web::Method::post},
//             [&](web::Request& req, std::int64_t post_id) -> web::Response { ... });
//
// With a string pattern a mismatch throws std::invalid_argument at registration; with the
// _route literal (using namespace web::literals; "/<int:post_id>/"_route) it does not compile.
class App {
 public:
  // Loads and checks the templates. Throws TemplateError for a missing or broken template,
  // std::invalid_argument for a bad Config (e.g. a static_dir that is not a folder).
  explicit App(Config config);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  template <class Handler>
  void route(std::string_view pattern, MethodSet methods, Handler handler,
             RouteOptions options = {}) {
    constexpr auto kinds = detail::handler_param_kinds<Handler>();
    add_route(pattern, methods, kinds, detail::erase_handler(std::move(handler)),
              std::move(options));
  }
  template <detail::FixedString P, class Handler>
  void route(RoutePattern<P> pattern, MethodSet methods, Handler handler,
             RouteOptions options = {}) {
    static_assert(detail::handler_param_count<Handler>() == RoutePattern<P>::converters().size(),
                  "the handler must take one argument per path parameter of the pattern");
    static_assert(detail::handler_fits<Handler>(RoutePattern<P>::converters()),
                  "<int:...> parameters need std::int64_t; <name> and <path:...> need "
                  "std::string or std::string_view");
    route(pattern.text(), methods, std::move(handler), std::move(options));
  }

  // Shortcuts for one method (Flask's @app.get, @app.post, ...). `del` is DELETE.
  template <class Pattern, class Handler>
  void get(Pattern pattern, Handler handler, RouteOptions options = {}) {
    route(pattern, {Method::get}, std::move(handler), std::move(options));
  }
  template <class Pattern, class Handler>
  void post(Pattern pattern, Handler handler, RouteOptions options = {}) {
    route(pattern, {Method::post}, std::move(handler), std::move(options));
  }
  template <class Pattern, class Handler>
  void put(Pattern pattern, Handler handler, RouteOptions options = {}) {
    route(pattern, {Method::put}, std::move(handler), std::move(options));
  }
  template <class Pattern, class Handler>
  void patch(Pattern pattern, Handler handler, RouteOptions options = {}) {
    route(pattern, {Method::patch}, std::move(handler), std::move(options));
  }
  template <class Pattern, class Handler>
  void del(Pattern pattern, Handler handler, RouteOptions options = {}) {
    route(pattern, {Method::delete_}, std::move(handler), std::move(options));
  }

  // A page template, rendered inside the layout. Throws TemplateError when there is no such
  // template: get every handle at startup.
  Template page(std::string_view name) const;
  // A template rendered alone, without the layout.
  Template fragment(std::string_view name) const;
  // A strong entity tag for a page known by `fingerprint` (what the page shows, as the handler
  // writes it down: the data, not the rendered bytes) and by this App's templates, so that
  // new templates give new tags. Lets a handler answer a conditional GET before rendering
  // (web::not_modified). The same in every process with the same templates. Thread-safe.
  std::string page_etag(std::string_view fingerprint) const;

  // Renders error responses (400, 403, 404, 405, 413, 500 and HttpErrors thrown by handlers)
  // instead of web's plain built-in page, e.g. inside the site's layout. web still adds the
  // Allow header to 405s. If the renderer throws, the built-in page is sent.
  using ErrorPage = std::function<Response(Request&, const HttpError&)>;
  void set_error_page(ErrorPage render);

  // Runs before every routed handler (after the CSRF check), in the order added; returning a
  // Response answers the request with it instead (e.g. 429 from a rate limiter).
  using BeforeRequest = std::function<std::optional<Response>(Request&)>;
  void before_request(BeforeRequest hook);

  // Every route, in registration order.
  std::vector<RouteInfo> routes() const;
  const Config& config() const noexcept;
  // The logger given in Config, or spdlog's default logger.
  spdlog::logger& logger() const noexcept;

  // Answers one request: decoding, static files, routing, CSRF, hooks, the handler, error
  // pages, the session cookie. Never throws (a failure is a logged 500). Thread-safe. The
  // server calls this, then adds the security headers and cookie attributes as it writes.
  Response handle(const IncomingRequest& incoming) const;
  // Answers a request with an error page (the server uses it for 413 before reading a body).
  Response handle_error(const IncomingRequest& incoming, const HttpError& error) const;

 private:
  friend struct RequestAccess;
  void add_route(std::string_view pattern, MethodSet methods,
                 std::span<const detail::ParamKind> params, detail::ErasedHandler handler,
                 RouteOptions options);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace web
