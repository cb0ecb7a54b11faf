// Who calls the JSON API: bearer tokens, or the session cookie (with CSRF
// for writes). See api_context.hpp.

#include <spdlog/spdlog.h>

#include "site/api_context.hpp"
#include "site/api_problem.hpp"
#include "util/api_token.hpp"

namespace folio {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

ApiCaller api_caller(web::Request& req, const ApiContext& api) {
  const std::optional<std::string_view> authorization = req.header("Authorization");
  if (!authorization) return ApiCaller{api.session_user(req), false};
  // "Bearer <token>", the scheme in any case (RFC 9110), one space or more.
  const std::string_view value = *authorization;
  const std::size_t space = value.find(' ');
  if (space == std::string_view::npos || !iequals(value.substr(0, space), "Bearer"))
    throw unauthorized("The Authorization header must be \"Bearer <token>\".", true);
  std::string_view token = value.substr(space);
  while (!token.empty() && token.front() == ' ')
    token.remove_prefix(1);
  if (!looks_like_api_token(token)) throw unauthorized("The token is not a Folio API token.", true);
  std::optional<UserView> user = api.store.api_token_user(api_token_hash(token));
  if (!user) throw unauthorized("The token is unknown or has been revoked.", true);
  return ApiCaller{std::move(user), true};
}

UserView api_writer(web::Request& req, const ApiContext& api) {
  ApiCaller caller = api_caller(req, api);
  if (!caller.user) {
    throw unauthorized(
        "Send \"Authorization: Bearer <token>\" (folio token create USER makes one).", false);
  }
  // A browser's cookie goes with every request, forged ones too.
  if (!caller.by_token) req.check_csrf();
  return std::move(*caller.user);
}

Reader reader_of(const ApiCaller& caller) {
  if (!caller.user) return Reader{};
  return Reader{.user_id = caller.user->id, .admin = caller.user->is_admin};
}

web::HttpError api_unavailable(const ApiContext& api, const StoreUnavailable& e) {
  api.app.logger().warn("folio: the database cannot write: {}", e.detail());
  return web::HttpError(web::Status::service_unavailable,
                        std::string(e.what()) + " Please try again in a minute.");
}

}  // namespace folio
