// Logging in and out (a session records the user's session generation, so
// that logging out ends every copy of it). Failed logins are rate-limited per client, and the
// answer is the same whether the username exists or not.

#include "site/access.hpp"
#include "site/pages.hpp"
#include "site/site.hpp"
#include "util/passwords.hpp"

namespace folio {

namespace {

// Where to go after logging in: a path on this site, never another site
// ("//evil.example" or "https://..." are refused).
std::string safe_next(std::optional<std::string_view> next) {
  return local_path_or(next, "/");
}

}  // namespace

void Site::add_auth_routes() {
  app_.route(
      "/login", {web::Method::get, web::Method::post},
      [this](web::Request& req) -> web::Response {
        nlohmann::json view = base_view(req, "Log in");
        const std::string next =
            safe_next(req.method() == web::Method::post ? req.form("next") : req.query("next"));
        view["next"] = next;
        if (req.method() == web::Method::get) return req.render(pages_->login, view);

        const std::string client = client_of(req);
        if (auto wait = login_limiter_.blocked(client)) {
          view["error"] = "Too many failed logins. Please try again in " +
                          std::to_string(wait->count()) + " seconds.";
          web::Response r = req.render(pages_->login, view, web::Status::too_many_requests);
          r.set_header("Retry-After", std::to_string(wait->count()));
          return r;
        }
        const std::string username(req.form("username").value_or(""));
        const std::string password(req.form("password").value_or(""));
        const auto stored = store_.user_by_name(username);
        // Verify against a decoy hash when there is no such user, so that
        // both failures take the same time.
        const bool ok = verify_password(password, stored ? stored->password_hash : decoy_hash()) &&
                        stored.has_value();
        if (!ok) {
          login_limiter_.record(client);
          view["error"] = "Invalid username or password.";
          view["username"] = username;
          return req.render(pages_->login, view, web::Status::unprocessable_entity);
        }
        login_limiter_.reset(client);
        web::Session& session = req.session();
        session.rotate();  // a session id known before login is worthless after
        session.set("user_id", stored->user.id);
        session.set(kSessionGenerationKey, store_.session_generation(stored->user.id));
        req.flash("Welcome back, " +
                  (stored->user.display_name.empty() ? stored->user.username
                                                     : stored->user.display_name) +
                  ".");
        return web::redirect(next);
      },
      {.name = "login"});

  // Logging out ends every session of the user, not only this browser's: a
  // copy of this cookie (or any older one) signs nobody in afterwards.
  app_.post("/logout",
            [this](web::Request& req) {
              const auto user = current_user(req);
              web::Session& session = req.session();
              session.clear();
              session.rotate();
              if (user) {
                try {
                  store_.end_sessions(user->id);
                } catch (const StoreUnavailable& e) {
                  throw unavailable(e);  // this browser is logged out; the others are not yet
                }
              }
              return web::redirect("/");
            },
            {.name = "logout"});
}

}  // namespace folio
