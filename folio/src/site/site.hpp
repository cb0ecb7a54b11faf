#pragma once
// Site: the blog's pages on web::App, at the tutorial's URLs:
//   GET  /                                   posts, newest first (?page=N, 10 a page)
//   GET  /<int:post_id>/                     a post, its comments (?page=N, 50 a page, oldest
//                                            first), the comment form
//   POST /<int:post_id>/                     adds a comment (303 back, or 422 with messages;
//                                            503 with the form kept when the database cannot
//                                            write)
//   GET  /comments/                          every comment, newest first (?page=N, 25 a page)
//   POST /comments/<int:comment_id>/delete   an admin deletes a comment
//   GET  /about/, GET|POST /login, POST /logout (ends every session of the user)
//   GET  /tags/, /tags/<slug>/, /authors/<username>/   (?page=N, 10 a page)
//   GET  /feed.atom, /tags/<slug>/feed.atom, /sitemap.xml   (Atom, sitemap; 304s)
// and the writing pages (a logged-in author or admin; others get 403, or a
// browser is sent to /login?next=...):
//   GET  /admin/                             dashboard
//   GET  /admin/posts/                       the posts the user may edit
//   GET|POST /admin/posts/new, /admin/posts/<int:post_id>/edit   the editor (Preview, 422)
//   POST /admin/posts/<int:post_id>/delete   the post and its comments
//   GET|POST /admin/profile                  display name, bio, website
//   GET  /admin/comments/, POST /admin/comments/<int:comment_id>/approve   (admins)
// and the JSON API under /api/ (site/api_context.hpp, docs/api.md).
// Handlers read and write through BlogStore and hand templates plain data.

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/blog_store.hpp"
#include "util/rate_limiter.hpp"
#include "web/web.hpp"

namespace folio {

struct SiteOptions {
  std::filesystem::path resources{};  // holds templates/ and static/
  std::string secret_key{};
  bool secure_cookies = false;
  RateLimit login_limit{10, std::chrono::seconds{180}};
  RateLimit comment_limit{5, std::chrono::seconds{60}};
  // Reverse proxies whose X-Forwarded-For names the client (rate limits are
  // per client; see util/client_address.hpp). Canonical IP addresses.
  std::vector<std::string> trusted_proxies{};
  std::shared_ptr<spdlog::logger> logger{};
  Moderation comment_moderation = Moderation::off;
  // The blog's address for feeds and the sitemap ("https://blog.example.com";
  // util/public_url.hpp); empty: each request's Host header.
  std::string public_url{};
};

class Site {
 public:
  // Loads the templates (throws web::TemplateError when one is missing or
  // broken) and registers the routes. `store` must outlive the Site.
  Site(BlogStore& store, SiteOptions options);
  ~Site();
  Site(const Site&) = delete;
  Site& operator=(const Site&) = delete;

  const web::App& app() const noexcept { return app_; }

  static constexpr int kPostsPerPage = 10;
  static constexpr int kCommentsPerPage = 25;
  // When the database cannot write (StoreUnavailable): 503 with this Retry-After.
  static constexpr std::chrono::seconds kRetryAfter{60};
  // The session key holding the session generation it was issued in.
  static constexpr const char* kSessionGenerationKey = "session_generation";

 private:
  struct Pages;
  // The logged-in user, or nullopt (no query for a browser that never logged in).
  std::optional<UserView> current_user(web::Request& req);
  // What `user` may see: drafts of their own (all, for an admin), pending comments (admins).
  static Reader reader_of(const std::optional<UserView>& user);
  // The logged-in user; otherwise a browser is sent to the login page (and
  // back to this page after it) and other clients get 403 `refusal`. With
  // `admin_only`, a non-admin gets 403 `refusal` too.
  UserView require_user(web::Request& req, bool admin_only, std::string_view refusal);
  // True for a browser without a session cookie: a visitor, whose pages are the same bytes
  // for every visitor (no session, no CSRF token: web checks their forms by Origin).
  bool is_visitor(const web::Request& req) const;
  // A visitor's page, validated by what it shows (`fingerprint`, site/page_fingerprint.hpp)
  // before it is rendered: 304 when the visitor's copy is current, else render() with that
  // ETag. Shared caches may keep it if they revalidate (no-cache, Vary: Cookie).
  web::Response visitor_page(web::Request& req, std::string_view fingerprint,
                             const std::function<web::Response()>& render) const;
  nlohmann::json base_view(web::Request& req, std::string title);
  nlohmann::json base_view(web::Request& req, std::string title,
                           const std::optional<UserView>& user);
  // The client a request is from, for rate limits.
  std::string client_of(const web::Request& req) const;
  // The 503 for a write the database refused for now (logged, with its detail).
  web::HttpError unavailable(const StoreUnavailable& e) const;

  void add_reading_routes();
  void add_comment_routes();
  void add_auth_routes();
  void add_browsing_routes();
  void add_search_routes();
  void add_admin_routes();
  void add_post_editor_routes();
  void add_moderation_routes();
  void add_feed_routes(const SiteOptions& options);
  void add_api_routes();  // the JSON API under /api/ (site/api_routes.cpp)
  void add_error_page();

  BlogStore& store_;
  web::App app_;
  std::unique_ptr<Pages> pages_;
  RateLimiter login_limiter_;
  RateLimiter comment_limiter_;
  std::vector<std::string> trusted_proxies_;
  Moderation moderation_;
};

}  // namespace folio
