// App's private state, shared by app.cpp and request.cpp.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "router.hpp"
#include "session_codec.hpp"
#include "static_files.hpp"
#include "template_library.hpp"
#include "web/app.hpp"

namespace web {
namespace detail {

// Named in namespace scope (App::Impl is private to App) so that app.cpp's helpers can use it.
struct AppState {
  explicit AppState(Config cfg);

  struct RouteEntry {
    detail::ErasedHandler handler;
    RouteOptions options;
  };

  Config config;
  std::shared_ptr<spdlog::logger> logger;
  std::unique_ptr<detail::TemplateLibrary> templates;
  std::optional<detail::StaticFiles> static_files;
  std::optional<detail::SessionCodec> session_codec;
  detail::Router router;
  std::vector<RouteEntry> routes;
  App::ErrorPage error_page;
  std::vector<App::BeforeRequest> before_hooks;
};

}  // namespace detail

struct App::Impl : detail::AppState {
  using AppState::AppState;
};

// web's access to Request's private state.
struct RequestAccess {
  static Request make(const App& app, const IncomingRequest& incoming) {
    return Request(app, incoming);
  }
  static const detail::AppState& app(const Request& request) { return *request.app_->impl_; }
  static const detail::AppState& state(const App& app) { return *app.impl_; }
  // Splits and decodes target, query and form. Throws HttpError 400 with the reason.
  static void decode(Request& request);
  // The session from the request's cookie, without making a new one; nullptr when there is
  // no valid cookie.
  static Session* existing_session(Request& request);
  static std::optional<Session>& session_slot(Request& request) { return request.session_; }
  static std::string_view raw_path(const Request& request) { return request.raw_path_; }
};

}  // namespace web
