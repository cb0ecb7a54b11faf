// Writing and editing posts: /admin/posts/new, /admin/posts/<id>/edit (with
// a server-side Preview), POST /admin/posts/<id>/delete. An author writes
// and edits their own posts, an admin everyone's.

#include "site/pages.hpp"
#include "site/site.hpp"
#include "site/view_data.hpp"
#include "util/markdown.hpp"
#include "util/post_form.hpp"

namespace folio {

namespace {

constexpr const char* kWritersOnlyEditor = "Only a logged-in author or admin can write posts.";
constexpr const char* kNotYours = "You can only change your own posts.";

std::string post_url(std::int64_t id) {
  return "/" + std::to_string(id) + "/";
}

nlohmann::json form_json(const PostForm& form) {
  return {
      {"title", form.title}, {"content", form.content}, {"tags", form.tags}, {"draft", form.draft}};
}

}  // namespace

void Site::add_post_editor_routes() {
  // The editor page: the form as typed, its messages, and the preview when asked.
  const auto render_editor = [this](web::Request& req, const UserView& user,
                                    const std::string& heading, const std::string& action,
                                    const PostForm& form, bool preview, web::Status status) {
    nlohmann::json view = base_view(req, heading, user);
    view["heading"] = heading;
    view["action"] = action;
    view["form"] = form_json(form);
    view["errors"] = form.errors;
    if (preview && !form.content.empty())
      view["preview"] = web::trusted_html(markdown_to_html(form.content));
    return req.render(pages_->admin_post_form, view, status);
  };
  // The submitted form: Preview shows it, Save stores it through `save` (then 303 to the post).
  const auto submit = [this, render_editor](web::Request& req, const UserView& user,
                                            const std::string& heading, const std::string& action,
                                            const auto& save) -> web::Response {
    const PostForm form =
        validate_post(req.form("title").value_or(""), req.form("content").value_or(""),
                      req.form("tags").value_or(""), req.form("status").value_or(""));
    if (req.form("action").value_or("") == "preview")
      return render_editor(req, user, heading, action, form, true, web::Status::ok);
    if (!form.valid()) {
      return render_editor(req, user, heading, action, form, false,
                           web::Status::unprocessable_entity);
    }
    std::int64_t id = 0;
    try {
      id = save(form.to_draft());
    } catch (const StoreUnavailable& e) {
      PostForm kept = form;
      kept.errors["form"] = unavailable(e).what();
      web::Response r =
          render_editor(req, user, heading, action, kept, false, web::Status::service_unavailable);
      r.set_header("Retry-After", std::to_string(kRetryAfter.count()));
      return r;
    }
    req.flash(form.draft ? "Draft saved." : "Post published.");
    return web::redirect(post_url(id));
  };
  // The post `id` if `user` may change it: 404 when there is none, 403 when it is another's.
  const auto editable = [this](const UserView& user, std::int64_t id) {
    auto post = store_.editable_post(id);
    if (!post) web::abort(web::Status::not_found, "There is no such post.");
    if (!user.is_admin && post->author_id != user.id) web::abort(web::Status::forbidden, kNotYours);
    return std::move(*post);
  };

  app_.route("/admin/posts/new", {web::Method::get, web::Method::post},
             [this, render_editor, submit](web::Request& req) -> web::Response {
               const UserView user = require_user(req, false, kWritersOnlyEditor);
               const std::string heading = "Write a post";
               if (req.method() == web::Method::get) {
                 PostForm empty;
                 empty.draft = true;
                 return render_editor(req, user, heading, "/admin/posts/new", empty, false,
                                      web::Status::ok);
               }
               return submit(req, user, heading, "/admin/posts/new", [&](const PostDraft& draft) {
                 return store_.create_post(user.id, draft);
               });
             },
             {.name = "new_post"});

  app_.route("/admin/posts/<int:post_id>/edit", {web::Method::get, web::Method::post},
             [this, render_editor, submit, editable](web::Request& req,
                                                     std::int64_t post_id) -> web::Response {
               const UserView user = require_user(req, false, kWritersOnlyEditor);
               const EditablePost post = editable(user, post_id);
               const std::string heading = "Edit post";
               const std::string action = "/admin/posts/" + std::to_string(post_id) + "/edit";
               if (req.method() == web::Method::get) {
                 PostForm form;
                 form.title = post.title;
                 form.content = post.content;
                 form.tags = joined_tags(post.tags);
                 form.draft = post.draft;
                 return render_editor(req, user, heading, action, form, false, web::Status::ok);
               }
               return submit(req, user, heading, action, [&](const PostDraft& draft) {
                 if (!store_.update_post(post_id, draft))
                   web::abort(web::Status::not_found, "There is no such post.");
                 return post_id;
               });
             },
             {.name = "edit_post"});

  app_.post("/admin/posts/<int:post_id>/delete",
            [this, editable](web::Request& req, std::int64_t post_id) -> web::Response {
              const UserView user = require_user(req, false, kWritersOnlyEditor);
              editable(user, post_id);
              try {
                if (!store_.delete_post(post_id))
                  web::abort(web::Status::not_found, "There is no such post.");
              } catch (const StoreUnavailable& e) {
                throw unavailable(e);
              }
              req.flash("Post deleted.");
              return web::redirect("/admin/posts/");
            },
            {.name = "delete_post"});
}

}  // namespace folio
