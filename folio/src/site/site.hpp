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
// Handlers read and write through BlogStore and hand templates plain data.

#include <filesystem>
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
  std::optional<UserView> current_user(web::Request& req);
  nlohmann::json base_view(web::Request& req, std::string title);
  // The client a request is from, for rate limits.
  std::string client_of(const web::Request& req) const;
  // The 503 for a write the database refused for now (logged, with its detail).
  web::HttpError unavailable(const StoreUnavailable& e) const;

  void add_reading_routes();
  void add_comment_routes();
  void add_auth_routes();
  void add_error_page();

  BlogStore& store_;
  web::App app_;
  std::unique_ptr<Pages> pages_;
  RateLimiter login_limiter_;
  RateLimiter comment_limiter_;
  std::vector<std::string> trusted_proxies_;
};

}  // namespace folio
