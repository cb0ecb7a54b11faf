#include "web/app.hpp"

#include <spdlog/spdlog.h>

#include "app_impl.hpp"
#include "crypto.hpp"
#include "error_page.hpp"
#include "web/conditional.hpp"

namespace web {
namespace detail {

void check_handler_params(std::string_view pattern, std::span<const Converter> converters,
                          std::span<const ParamKind> params) {
  if (converters.size() != params.size()) {
    throw std::invalid_argument(
        "route '" + std::string(pattern) + "' has " + std::to_string(converters.size()) +
        " path parameter(s) but its handler takes " + std::to_string(params.size()));
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (!fits(converters[i], params[i])) {
      throw std::invalid_argument(
          "route '" + std::string(pattern) + "': path parameter " + std::to_string(i + 1) +
          (converters[i] == Converter::int64
               ? " is <int:...>, so the handler must take std::int64_t there"
               : " is text, so the handler must take std::string or std::string_view there"));
    }
  }
}

}  // namespace detail

namespace {

std::shared_ptr<spdlog::logger> logger_or_default(const std::shared_ptr<spdlog::logger>& given) {
  return given ? given : spdlog::default_logger();
}

}  // namespace

detail::AppState::AppState(Config cfg)
    : config(std::move(cfg)), logger(logger_or_default(config.logger)) {
  detail::ensure_sodium();
  if (config.secret_key.empty()) {
    logger->warn(
        "web: Config::secret_key is empty; using a random key, so sessions end at restart");
    config.secret_key = detail::random_bytes(32);
  }
  session_codec.emplace(config.secret_key);
  if (!config.templates_dir.empty()) {
    templates = detail::TemplateLibrary::load(config.templates_dir, config.layout);
  }
  if (!config.static_dir.empty()) {
    if (config.static_url_prefix.size() < 2 || config.static_url_prefix.front() != '/' ||
        config.static_url_prefix.back() != '/') {
      throw std::invalid_argument("Config::static_url_prefix must look like \"/static/\"");
    }
    static_files.emplace(config.static_dir, config.static_max_age);
  }
}

App::App(Config config) : impl_(std::make_unique<Impl>(std::move(config))) {}
App::~App() = default;

void App::add_route(std::string_view pattern, MethodSet methods,
                    std::span<const detail::ParamKind> params, detail::ErasedHandler handler,
                    RouteOptions options) {
  // Check the pattern (it throws) before the parameters, so its own errors come first.
  detail::Router candidate = impl_->router;
  const std::size_t index = candidate.add(pattern, methods);
  detail::check_handler_params(pattern, candidate.converters(index), params);
  if (options.name.empty()) options.name = std::string(pattern);
  impl_->router = std::move(candidate);
  impl_->routes.push_back(detail::AppState::RouteEntry{std::move(handler), std::move(options)});
}

Template App::page(std::string_view name) const {
  const detail::CompiledTemplate* page = impl_->templates ? impl_->templates->find(name) : nullptr;
  if (page == nullptr) throw TemplateError("template '" + std::string(name) + "' not found");
  const detail::CompiledTemplate* layout = impl_->templates->layout();
  if (page == layout) {
    throw TemplateError("template '" + std::string(name) +
                        "' is the layout; it cannot be rendered as a page");
  }
  return Template(std::string(name), page, layout);
}

Template App::fragment(std::string_view name) const {
  const detail::CompiledTemplate* page = impl_->templates ? impl_->templates->find(name) : nullptr;
  if (page == nullptr) throw TemplateError("template '" + std::string(name) + "' not found");
  if (page->has_page_slot()) {
    throw TemplateError("template '" + std::string(name) + "' is the layout");
  }
  return Template(std::string(name), page, nullptr);
}

std::string App::page_etag(std::string_view fingerprint) const {
  std::string tagged = impl_->templates ? impl_->templates->version() : std::string();
  tagged += fingerprint;
  return etag_of(tagged);
}

void App::set_error_page(ErrorPage render) {
  impl_->error_page = std::move(render);
}

void App::before_request(BeforeRequest hook) {
  impl_->before_hooks.push_back(std::move(hook));
}

std::vector<RouteInfo> App::routes() const {
  std::vector<RouteInfo> list;
  for (std::size_t i = 0; i < impl_->routes.size(); ++i) {
    const RouteOptions& options = impl_->routes[i].options;
    list.push_back(RouteInfo{impl_->router.pattern(i), impl_->router.methods(i), options.name,
                             options.csrf_exempt});
  }
  return list;
}

const Config& App::config() const noexcept {
  return impl_->config;
}

spdlog::logger& App::logger() const noexcept {
  return *impl_->logger;
}

namespace {

// The App's error page for error, falling back to the built-in one if it throws.
Response render_error(const detail::AppState& app, Request& request, const HttpError& error) {
  if (app.error_page) {
    try {
      Response response = app.error_page(request, error);
      response.set_status(error.status());
      return response;
    } catch (const std::exception& e) {
      app.logger->error("web: the error page for {} failed: {}", code(error.status()), e.what());
    }
  }
  return detail::builtin_error_page(error.status(), error.what());
}

Response dispatch(const detail::AppState& app, Request& request) {
  RequestAccess::decode(request);
  const std::string_view path = request.path();
  const Method method = request.method();

  if (app.static_files && path.starts_with(app.config.static_url_prefix)) {
    if (method != Method::get && method != Method::head) {
      Response response = render_error(app, request, HttpError(Status::method_not_allowed));
      response.set_header("Allow", "GET, HEAD");
      return response;
    }
    return app.static_files->serve(path.substr(app.config.static_url_prefix.size()),
                                   request.header("If-None-Match"),
                                   request.header("If-Modified-Since"));
  }

  const detail::RouteMatch match = app.router.match(method, path, RequestAccess::raw_path(request));
  switch (match.kind) {
    case detail::RouteMatch::Kind::not_found:
      throw HttpError(Status::not_found);
    case detail::RouteMatch::Kind::redirect: {
      // Flask's strict_slashes: "/1" -> "/1/". The Location is the raw path (still encoded)
      // plus '/'; a path starting "//" or "/\" would be read by browsers as another host.
      const std::string_view raw = RequestAccess::raw_path(request);
      if (raw.size() > 1 && (raw[1] == '/' || raw[1] == '\\')) {
        throw HttpError(Status::not_found);
      }
      std::string location(raw);
      location += '/';
      if (!request.raw_query().empty()) {
        location += '?';
        location += request.raw_query();
      }
      return redirect(location, Status::permanent_redirect);
    }
    case detail::RouteMatch::Kind::method_not_allowed: {
      Response response = method == Method::options
                              ? Response(Status::no_content)
                              : render_error(app, request, HttpError(Status::method_not_allowed));
      response.set_header("Allow", match.allowed.to_string());
      return response;
    }
    case detail::RouteMatch::Kind::found:
      break;
  }
  const detail::AppState::RouteEntry& route = app.routes[match.route];
  if (is_unsafe(method) && !route.options.csrf_exempt) request.check_csrf();
  for (const App::BeforeRequest& hook : app.before_hooks) {
    if (auto response = hook(request)) return std::move(*response);
  }
  return route.handler(request, match.values);
}

// Sends the session back when it changed. A response that sets it must not be cached by
// shared caches (another user would get this one's session).
void attach_session(const detail::AppState& app, Request& request, Response& response) {
  const std::optional<Session>& session = RequestAccess::session_slot(request);
  if (!session || !session->modified()) return;
  response.set_cookie(app.config.session_cookie_name, app.session_codec->encode(*session));
  if (!response.header("Cache-Control")) response.set_header("Cache-Control", "private, no-store");
}

}  // namespace

Response App::handle(const IncomingRequest& incoming) const {
  const detail::AppState& app = *impl_;
  Request request = RequestAccess::make(*this, incoming);
  Response response;
  try {
    try {
      response = dispatch(app, request);
    } catch (const HttpError& error) {
      response = render_error(app, request, error);
    } catch (const std::exception& e) {
      app.logger->error("web: {} {} failed: {}", to_string(incoming.method), request.path(),
                        e.what());
      response = render_error(app, request, HttpError(Status::internal_server_error));
    }
    attach_session(app, request, response);
  } catch (const std::exception& e) {
    // Only attach_session or a failing error page gets here (e.g. an oversized session).
    app.logger->error("web: {} {} failed: {}", to_string(incoming.method), request.path(),
                      e.what());
    response = detail::builtin_error_page(Status::internal_server_error, "");
  }
  return response;
}

Response App::handle_error(const IncomingRequest& incoming, const HttpError& error) const {
  Request request = RequestAccess::make(*this, incoming);
  try {
    RequestAccess::decode(request);
  } catch (const HttpError&) {
    // The error at hand matters more than a second one in the URL.
  }
  try {
    return render_error(*impl_, request, error);
  } catch (const std::exception&) {
    return detail::builtin_error_page(error.status(), error.what());
  }
}

}  // namespace web
