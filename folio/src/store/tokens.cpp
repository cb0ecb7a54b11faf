// API tokens: stored by hash, listed without it, revoked by deleting the
// row, and looked up for every API request (no cache, so a revoked token is
// refused at once).

#include "relate/relate.hpp"
#include "store/blog_store.hpp"
#include "store/models.hpp"
#include "store/store_support.hpp"

namespace folio {

using relate::asc;
using relate::col;
using namespace store_support;

namespace {

// How stale ApiToken::last_used_at may get: one write a minute per token
// rather than one per request.
constexpr auto kLastUsedResolution = std::chrono::minutes(1);

}  // namespace

std::int64_t BlogStore::add_api_token(std::int64_t user_id, std::string_view name,
                                      std::string token_hash) {
  return unless_unavailable([&] {
    auto s = db_->session();
    auto t = s.add(ApiToken{
        .user_id = user_id, .name = std::string(name), .token_hash = std::move(token_hash)});
    s.commit();
    return t->id;
  });
}

std::vector<ApiTokenView> BlogStore::api_tokens(std::optional<std::int64_t> user_id) {
  auto s = db_->session();
  auto query = s.query<ApiToken>();
  if (user_id) query = query.filter(col(&ApiToken::user_id) == *user_id);
  const auto tokens = query.order_by(asc(&ApiToken::id)).all();
  // Their owners in one query.
  std::vector<std::int64_t> owner_ids;
  for (const auto& t : tokens)
    owner_ids.push_back(t->user_id);
  std::map<std::int64_t, std::string> usernames;
  if (!owner_ids.empty()) {
    for (const auto& u : s.query<User>().filter(col(&User::id).in(owner_ids)).all())
      usernames[u->id] = u->username;
  }
  std::vector<ApiTokenView> out;
  for (const auto& t : tokens) {
    out.push_back(ApiTokenView{.id = t->id,
                               .user_id = t->user_id,
                               .username = usernames[t->user_id],
                               .name = t->name,
                               .created_at = t->created_at,
                               .last_used_at = t->last_used_at});
  }
  return out;
}

bool BlogStore::revoke_api_token(std::int64_t token_id) {
  return unless_unavailable([&] {
    auto s = db_->session();
    const bool deleted =
        s.query<ApiToken>().filter(col(&ApiToken::id) == token_id).delete_rows() > 0;
    s.commit();
    return deleted;
  });
}

std::optional<UserView> BlogStore::api_token_user(std::string_view token_hash) {
  auto s = db_->session();
  auto t = s.query<ApiToken>().filter(col(&ApiToken::token_hash) == token_hash).first();
  if (!t) return std::nullopt;
  auto u = s.get<User>(t->user_id);
  if (!u) return std::nullopt;
  UserView user = user_view(u);
  const Time now = Clock::now();
  if (!t->last_used_at || now - *t->last_used_at >= kLastUsedResolution) {
    try {
      unless_unavailable([&] {
        s.query<ApiToken>()
            .filter(col(&ApiToken::id) == t->id)
            .update(relate::set(&ApiToken::last_used_at, now));
        s.commit();
      });
    } catch (const StoreUnavailable&) {
      // The request is no less authenticated: the time waits for a later one.
    }
  }
  return user;
}

}  // namespace folio
