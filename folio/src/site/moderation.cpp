// Moderating comments (admins): /admin/comments/ and approving one.

#include "site/pages.hpp"
#include "site/site.hpp"
#include "site/view_data.hpp"

namespace folio {

namespace {

constexpr const char* kAdminsOnly = "Only an admin can moderate comments.";
constexpr int kModerationListed = 50;

}  // namespace

void Site::add_moderation_routes() {
  app_.get("/admin/comments/",
           [this](web::Request& req) {
             const UserView user = require_user(req, true, kAdminsOnly);
             nlohmann::json view = base_view(req, "Moderation", user);
             nlohmann::json pending = nlohmann::json::array();
             for (auto& c : store_.pending_comments(kModerationListed))
               pending.push_back(comment_json(std::move(c)));
             view["pending"] = std::move(pending);
             nlohmann::json recent = nlohmann::json::array();
             for (auto& c : store_.comments(1, kCommentsPerPage).items)
               recent.push_back(comment_json(std::move(c)));
             view["recent"] = std::move(recent);
             return req.render(pages_->admin_comments, view);
           },
           {.name = "moderation"});

  app_.post("/admin/comments/<int:comment_id>/approve",
            [this](web::Request& req, std::int64_t comment_id) -> web::Response {
              require_user(req, true, kAdminsOnly);
              try {
                if (!store_.approve_comment(comment_id))
                  web::abort(web::Status::not_found, "There is no such comment.");
              } catch (const StoreUnavailable& e) {
                throw unavailable(e);
              }
              req.flash("Comment approved.");
              return web::redirect("/admin/comments/");
            },
            {.name = "approve_comment"});
}

}  // namespace folio
