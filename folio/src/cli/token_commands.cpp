#include "cli/token_commands.hpp"

#include <cstdio>
#include <memory>

#include "site/view_data.hpp"
#include "store/blog_store.hpp"
#include "store/migrations.hpp"
#include "util/api_token.hpp"
#include "util/comment_form.hpp"
#include "util/text.hpp"

namespace folio {

namespace {

// The store, when its schema is the newest (else says so: nullopt).
std::unique_ptr<BlogStore> current_store(const Settings& s) {
  auto store = std::make_unique<BlogStore>(s.database_url, s.echo_sql);
  if (!SchemaMigrations(store->database()).up_to_date()) {
    std::fprintf(stderr,
                 "error: the database is not at the newest revision: run `folio db upgrade` "
                 "first\n");
    return nullptr;
  }
  return store;
}

int create(BlogStore& store, const std::string& username, const std::string& name) {
  if (characters(name) > kTokenNameMax || has_control_characters(name, false)) {
    std::fprintf(stderr, "error: a token's name is one line of at most %zu characters\n",
                 kTokenNameMax);
    return 2;
  }
  const auto user = store.user_by_name(username);
  if (!user) {
    std::fprintf(stderr, "error: there is no user '%s'\n", username.c_str());
    return 1;
  }
  const std::string token = new_api_token();
  const std::int64_t id = store.add_api_token(user->user.id, name, api_token_hash(token));
  std::fprintf(stderr,
               "Created token %lld for %s. It is shown this once, and only its hash is kept:\n",
               static_cast<long long>(id), username.c_str());
  std::printf("%s\n", token.c_str());
  return 0;
}

int list(BlogStore& store, const std::string& username) {
  std::optional<std::int64_t> user_id;
  if (!username.empty()) {
    const auto user = store.user_by_name(username);
    if (!user) {
      std::fprintf(stderr, "error: there is no user '%s'\n", username.c_str());
      return 1;
    }
    user_id = user->user.id;
  }
  std::printf("%-6s %-16s %-22s %-22s %s\n", "ID", "User", "Created", "Last used", "Name");
  for (const ApiTokenView& t : store.api_tokens(user_id)) {
    std::printf("%-6lld %-16s %-22s %-22s %s\n", static_cast<long long>(t.id), t.username.c_str(),
                iso_time(t.created_at).c_str(),
                t.last_used_at ? iso_time(*t.last_used_at).c_str() : "never", t.name.c_str());
  }
  return 0;
}

int revoke(BlogStore& store, std::int64_t id) {
  if (!store.revoke_api_token(id)) {
    std::fprintf(stderr, "error: there is no token %lld\n", static_cast<long long>(id));
    return 1;
  }
  std::printf("Revoked token %lld: it is refused from now on\n", static_cast<long long>(id));
  return 0;
}

}  // namespace

TokenCommands::TokenCommands(CLI::App& cli) {
  auto* token = cli.add_subcommand("token", "Manage API tokens (docs/api.md)");
  token->require_subcommand(1);
  create_ = token->add_subcommand(
      "create", "Make a token for USER and print it (once: only its hash is stored)");
  create_->add_option("user", username_, "Username")->required();
  create_->add_option("--name", name_, "What the token is for (shown by list)");
  list_ = token->add_subcommand("list", "List the tokens (of USER), without their secrets");
  list_->add_option("user", username_, "Username");
  revoke_ = token->add_subcommand("revoke", "Revoke a token: refused from the next request on");
  revoke_->add_option("id", token_id_, "The token's id (see list)")->required();
}

std::optional<int> TokenCommands::run(const Settings& settings) const {
  if (!create_->parsed() && !list_->parsed() && !revoke_->parsed()) return std::nullopt;
  const auto store = current_store(settings);
  if (!store) return 1;
  if (create_->parsed()) return create(*store, username_, name_);
  if (list_->parsed()) return list(*store, username_);
  return revoke(*store, token_id_);
}

}  // namespace folio
