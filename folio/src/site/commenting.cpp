// The post page and its comment form; deleting comments (admins only).

#include <string>

#include "site/access.hpp"
#include "site/page_fingerprint.hpp"
#include "site/pages.hpp"
#include "site/site.hpp"
#include "site/view_data.hpp"
#include "util/comment_form.hpp"
#include "util/passwords.hpp"

namespace folio {

namespace {

constexpr const char* kCommenterKey = "commenter_key";

std::string post_url(std::int64_t id) {
  return "/" + std::to_string(id) + "/";
}

web::Response too_many(web::Request& req, const web::Template& page, nlohmann::json view,
                       std::chrono::seconds retry_after, std::string_view what) {
  view["status"] = 429;
  view["message"] = std::string(what) + " Please try again in " +
                    std::to_string(retry_after.count()) + " seconds.";
  web::Response r = req.render(page, view, web::Status::too_many_requests);
  r.set_header("Retry-After", std::to_string(retry_after.count()));
  return r;
}

// The random key that tells this browser's comments apart (moderation
// "first" trusts it once a comment of it is approved), kept in the signed
// session cookie, so that it cannot be forged or guessed from an address.
std::string commenter_key(web::Request& req) {
  web::Session& session = req.session();
  if (const nlohmann::json* key = session.get(kCommenterKey); key != nullptr && key->is_string())
    return key->get<std::string>();
  std::string key = random_token();
  session.set(kCommenterKey, key);
  return key;
}

}  // namespace

void Site::add_comment_routes() {
  const auto render_post = [this](web::Request& req, const std::optional<UserView>& user,
                                  PostWithComments found, const CommentForm& form,
                                  web::Status status) {
    nlohmann::json view = base_view(req, found.post.title, user);
    view["post"] = post_json(found.post);
    view["can_edit"] = user && (user->is_admin || found.post.author_id == user->id);
    nlohmann::json comments = nlohmann::json::array();
    comments.get_ref<nlohmann::json::array_t&>().reserve(found.comments.size());
    for (auto& c : found.comments)
      comments.push_back(comment_json(std::move(c)));
    view["comments"] = std::move(comments);
    // Links to older and newer comments only when there is more than a page.
    if (found.page > 1 || found.has_next)
      view["pagination"] = pagination_json(post_url(found.post.id), found.page, found.has_next);
    view["form"] = {{"content", form.content}, {"author", form.author}, {"website", form.website}};
    view["errors"] = form.errors;
    return req.render(pages_->post, view, status);
  };
  // The post with page `page` of its comments, or 404.
  const auto find_post = [this](std::int64_t post_id, int page, Reader reader) {
    auto found = store_.post(post_id, page, kCommentsPerPostPage, reader);
    if (!found) web::abort(web::Status::not_found, "There is no such post.");
    if (found->comments.empty() && page > 1)
      web::abort(web::Status::not_found, "There is no such page of comments.");
    return std::move(*found);
  };

  app_.route(
      "/<int:post_id>/", {web::Method::get, web::Method::post},
      [this, render_post, find_post](web::Request& req, std::int64_t post_id) -> web::Response {
        const auto user = current_user(req);
        const Reader reader = reader_of(user);
        if (req.method() == web::Method::post) {
          const std::string client = client_of(req);
          if (auto wait = comment_limiter_.blocked(client)) {
            return too_many(req, pages_->error, base_view(req, "Too Many Requests"), *wait,
                            "You are commenting too quickly.");
          }
          CommentForm form =
              validate_comment(req.form("content").value_or(""), req.form("author").value_or(""),
                               req.form("website").value_or(""));
          // The hidden field people never see: only a robot fills it in.
          if (!req.form("email").value_or("").empty())
            form.errors["form"] = "This comment looks automated, so it was not saved.";
          if (form.valid()) {
            std::optional<AddedComment> added;
            NewComment comment = form.to_comment();
            comment.commenter_key = commenter_key(req);
            try {
              added = store_.add_comment(post_id, comment, moderation_);
            } catch (const StoreUnavailable& e) {
              // As a 422 does: the form again, with what was typed.
              const web::HttpError error = unavailable(e);
              form.errors["form"] = error.what();
              web::Response r = render_post(req, user, find_post(post_id, 1, reader), form,
                                            web::Status::service_unavailable);
              r.set_header("Retry-After", std::to_string(kRetryAfter.count()));
              return r;
            }
            if (!added) web::abort(web::Status::not_found, "There is no such post.");
            comment_limiter_.record(client);
            if (added->pending) {
              req.flash("Thank you: your comment is awaiting moderation.");
              return web::redirect(post_url(post_id));
            }
            return web::redirect(added->page == 1
                                     ? post_url(post_id)
                                     : post_url(post_id) + "?page=" + std::to_string(added->page));
          }
          return render_post(req, user, find_post(post_id, 1, reader), form,
                             web::Status::unprocessable_entity);
        }
        const auto page = page_number(req.query("page"));
        if (!page) web::abort(web::Status::not_found, "There is no such page of comments.");
        PostWithComments found = find_post(post_id, *page, reader);
        if (!is_visitor(req)) return render_post(req, user, std::move(found), {}, web::Status::ok);
        return visitor_page(req, page_fingerprint(found), [&] {
          return render_post(req, user, std::move(found), {}, web::Status::ok);
        });
      },
      {.name = "post"});

  app_.post("/comments/<int:comment_id>/delete",
            [this](web::Request& req, std::int64_t comment_id) -> web::Response {
              const auto user = current_user(req);
              if (!user) {
                if (wants_html(req)) {
                  req.flash("Log in as an admin to delete comments.");
                  return web::redirect("/login");
                }
                web::abort(web::Status::forbidden, "Only an admin can delete comments.");
              }
              if (!user->is_admin)
                web::abort(web::Status::forbidden, "Only an admin can delete comments.");
              std::optional<std::int64_t> post_id;
              try {
                post_id = store_.delete_comment(comment_id);
              } catch (const StoreUnavailable& e) {
                throw unavailable(e);
              }
              if (!post_id) web::abort(web::Status::not_found, "There is no such comment.");
              req.flash("Comment deleted.");
              // The moderation page sends its own way back.
              return web::redirect(local_path_or(req.form("next"), post_url(*post_id)));
            },
            {.name = "delete_comment"});
}

}  // namespace folio
