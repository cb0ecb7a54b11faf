// The writer's pages: the dashboard, the list of posts, the profile.

#include "site/pages.hpp"
#include "site/site.hpp"
#include "site/view_data.hpp"
#include "util/profile_form.hpp"
#include "util/text.hpp"

namespace folio {

namespace {

constexpr int kDashboardComments = 5;
constexpr int kAdminPostsPerPage = 25;
constexpr const char* kWritersOnlyPage = "Only a logged-in author or admin can use this page.";

}  // namespace

void Site::add_admin_routes() {
  app_.get("/admin/",
           [this](web::Request& req) {
             const UserView user = require_user(req, false, kWritersOnlyPage);
             nlohmann::json view = base_view(req, "Dashboard", user);
             const DashboardCounts counts = store_.dashboard_counts(user);
             view["counts"] = {{"published", counts.published},
                               {"drafts", counts.drafts},
                               {"comments", counts.comments},
                               {"pending_comments", counts.pending_comments}};
             nlohmann::json drafts = nlohmann::json::array();
             for (const PostView& p : store_.editable_posts(user, 1, kPostsPerPage, true).items)
               drafts.push_back({{"id", p.id}, {"title", p.title}});
             view["drafts"] = std::move(drafts);
             nlohmann::json comments = nlohmann::json::array();
             for (auto& c : store_.comments(1, kDashboardComments).items)
               comments.push_back(comment_json(std::move(c)));
             view["comments"] = std::move(comments);
             return req.render(pages_->admin, view);
           },
           {.name = "admin"});

  app_.get("/admin/posts/",
           [this](web::Request& req) {
             const UserView user = require_user(req, false, kWritersOnlyPage);
             const int page = page_or_404(req.query("page"));
             auto posts = store_.editable_posts(user, page, kAdminPostsPerPage);
             if (posts.items.empty() && page > 1)
               web::abort(web::Status::not_found, "There is no such page.");
             nlohmann::json view = base_view(req, "Your posts", user);
             view["posts"] = posts_json(posts.items);
             view["pagination"] = pagination_json("/admin/posts/", page, posts.has_next);
             return req.render(pages_->admin_posts, view);
           },
           {.name = "admin_posts"});

  app_.route(
      "/admin/profile", {web::Method::get, web::Method::post},
      [this](web::Request& req) -> web::Response {
        const UserView user = require_user(req, false, kWritersOnlyPage);
        nlohmann::json view = base_view(req, "Your profile", user);
        view["author_url"] = "/authors/" + url_encode(user.username) + "/";
        ProfileForm form;
        if (req.method() == web::Method::get) {
          form.fields = store_.profile(user.id);
        } else {
          form = validate_profile(req.form("display_name").value_or(""),
                                  req.form("bio").value_or(""), req.form("website").value_or(""));
          if (form.valid()) {
            try {
              store_.save_profile(user.id, form.fields);
            } catch (const StoreUnavailable& e) {
              throw unavailable(e);
            }
            req.flash("Profile saved.");
            return web::redirect("/admin/profile");
          }
        }
        view["form"] = {{"display_name", form.fields.display_name},
                        {"bio", form.fields.bio},
                        {"website", form.fields.website}};
        view["errors"] = form.errors;
        return req.render(pages_->admin_profile, view,
                          form.valid() ? web::Status::ok : web::Status::unprocessable_entity);
      },
      {.name = "admin_profile"});
}

}  // namespace folio
