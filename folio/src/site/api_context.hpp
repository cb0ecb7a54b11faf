#pragma once
// What the JSON API's handlers share (site/api_*.cpp): the store, the
// site's comment rate limit and moderation, who is calling, and the JSON
// API's page sizes. Built once by Site::add_api_routes (the store, the
// limiter and the App belong to the Site, which outlives the handlers);
// handlers run on the server's threads, and everything here is thread-safe.
//
// Who calls: a request with "Authorization: Bearer <token>" is its token's
// user and nobody else (a bad token is 401, never a fall back to the
// cookie), and needs no CSRF token: browsers never add that header by
// themselves. Without one, a request is the session cookie's user, whose
// writes must carry the CSRF token like the site's forms do.

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "store/blog_store.hpp"
#include "util/rate_limiter.hpp"
#include "web/web.hpp"

namespace folio {

struct ApiContext {
  BlogStore& store;
  RateLimiter& comment_limiter;
  Moderation moderation;
  // The session cookie's user (Site::current_user) and the client's address
  // for rate limits (Site::client_of).
  std::function<std::optional<UserView>(web::Request&)> session_user;
  std::function<std::string(const web::Request&)> client_of;
  const web::App& app;
};

inline constexpr int kApiPostsPerPage = 10;

// Who is calling, and how.
struct ApiCaller {
  std::optional<UserView> user{};
  bool by_token = false;
};

// The caller: a bearer token's user (throws a 401 ApiProblem for a malformed,
// unknown or revoked token), else the session's user, else nobody.
ApiCaller api_caller(web::Request& req, const ApiContext& api);
// The caller of a write: by token; or by session cookie, with its CSRF token
// checked (web::HttpError 403 without it); nobody: a 401 ApiProblem.
UserView api_writer(web::Request& req, const ApiContext& api);
// What the caller may read: drafts of their own (all for admins), pending
// comments (admins).
Reader reader_of(const ApiCaller& caller);

// The 503 for a write the database refused for now (logged).
web::HttpError api_unavailable(const ApiContext& api, const StoreUnavailable& e);

// A post with its tags, author, comment count and first page of comments
// (kCommentsPerPostPage; "more_comments": whether there are others); a 404
// ApiProblem when there is none or `reader` may not see it.
nlohmann::json api_post_detail(const ApiContext& api, std::int64_t post_id, const Reader& reader);

// The routes, each group in its own file. Handlers keep copies of `api`.
void add_api_reading_routes(web::App& app, const ApiContext& api);
void add_api_writing_routes(web::App& app, const ApiContext& api);
void add_api_comment_routes(web::App& app, const ApiContext& api);

}  // namespace folio
