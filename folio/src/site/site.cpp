// Site: construction, the current user, the layout's view, error pages.

#include "site/site.hpp"

#include <spdlog/spdlog.h>

#include "site/access.hpp"
#include "site/api_problem.hpp"
#include "site/pages.hpp"
#include "site/view_data.hpp"
#include "util/client_address.hpp"

namespace folio {

namespace {

web::Config app_config(const SiteOptions& o) {
  web::Config c;
  c.secret_key = o.secret_key;
  c.templates_dir = o.resources / "templates";
  c.static_dir = o.resources / "static";
  c.secure_cookies = o.secure_cookies;
  c.logger = o.logger;
  return c;
}

bool is_forwarded_for(std::string_view name) {
  constexpr std::string_view kName = "x-forwarded-for";
  if (name.size() != kName.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char ch = name[i];
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    if (ch != kName[i]) return false;
  }
  return true;
}

}  // namespace

Site::Site(BlogStore& store, SiteOptions options)
    : store_(store),
      app_(app_config(options)),
      pages_(std::make_unique<Pages>(app_)),
      login_limiter_(options.login_limit),
      comment_limiter_(options.comment_limit),
      trusted_proxies_(std::move(options.trusted_proxies)),
      moderation_(options.comment_moderation) {
  add_reading_routes();
  add_comment_routes();
  add_auth_routes();
  add_browsing_routes();
  add_search_routes();
  add_admin_routes();
  add_post_editor_routes();
  add_moderation_routes();
  add_feed_routes(options);
  add_api_routes();
  add_error_page();
}

Site::~Site() = default;

std::string Site::client_of(const web::Request& req) const {
  if (trusted_proxies_.empty()) return std::string(req.client_address());
  std::vector<std::string_view> forwarded_for;
  for (const web::HeaderField& h : req.headers()) {
    if (is_forwarded_for(h.name)) forwarded_for.push_back(h.value);
  }
  return client_address(req.client_address(), forwarded_for, trusted_proxies_);
}

std::optional<UserView> Site::current_user(web::Request& req) {
  // Only a browser that logged in carries a user id: visitors cost no query.
  if (!req.cookie(app_.config().session_cookie_name)) return std::nullopt;
  const nlohmann::json* id = req.session().get("user_id");
  if (id == nullptr || !id->is_number_integer()) return std::nullopt;
  // A cookie from before the user's last logout (or "log out everywhere")
  // carries an older generation: it signs nobody in.
  const nlohmann::json* generation = req.session().get(kSessionGenerationKey);
  const std::int64_t issued_in = generation != nullptr && generation->is_number_integer()
                                     ? generation->get<std::int64_t>()
                                     : 0;
  return store_.signed_in_user(id->get<std::int64_t>(), issued_in);
}

bool Site::is_visitor(const web::Request& req) const {
  return !req.cookie(app_.config().session_cookie_name);
}

web::Response Site::visitor_page(web::Request& req, std::string_view fingerprint,
                                 const std::function<web::Response()>& render) const {
  const std::string etag = app_.page_etag(fingerprint);
  std::optional<web::Response> response = web::not_modified(req, etag);
  if (!response) {
    response = render();
    response->set_header("ETag", etag);
  }
  response->set_header("Cache-Control", "no-cache");
  response->set_header("Vary", "Cookie");
  return std::move(*response);
}

nlohmann::json Site::base_view(web::Request& req, std::string title) {
  return base_view(req, std::move(title), current_user(req));
}

nlohmann::json Site::base_view(web::Request& /*req*/, std::string title,
                               const std::optional<UserView>& user) {
  nlohmann::json view = {{"title", std::move(title)}, {"site_name", "Folio"}};
  if (user) {
    view["user"] = {
        {"username", user->username},
        {"display_name", user->display_name.empty() ? user->username : user->display_name},
        {"admin", user->is_admin}};
    view["admin"] = user->is_admin;
  }
  return view;
}

Reader Site::reader_of(const std::optional<UserView>& user) {
  if (!user) return Reader{};
  return Reader{.user_id = user->id, .admin = user->is_admin};
}

void Site::add_error_page() {
  app_.set_error_page([this](web::Request& req, const web::HttpError& error) {
    if (is_api_path(req.path())) return problem_response(error, kRetryAfter);
    // web's HttpError carries no Location: require_user throws this one.
    if (const auto* login = dynamic_cast<const LoginRequired*>(&error))
      return web::redirect(login->location());
    nlohmann::json view = base_view(req, std::string(web::reason_phrase(error.status())));
    view["status"] = web::code(error.status());
    view["message"] = error.what();
    web::Response r = req.render(pages_->error, view, error.status());
    if (error.status() == web::Status::service_unavailable)
      r.set_header("Retry-After", std::to_string(kRetryAfter.count()));
    return r;
  });
}

web::HttpError Site::unavailable(const StoreUnavailable& e) const {
  app_.logger().warn("folio: the database cannot write: {}", e.detail());
  return web::HttpError(web::Status::service_unavailable,
                        std::string(e.what()) + " Please try again in a minute.");
}

}  // namespace folio
