// The JSON API's writes, for a token's (or a session's) user with the
// site's roles: an author writes and changes their own posts, an admin
// every post and deletes comments. Posts go through the editor's checks
// (util/post_form.hpp) and the store's writes, as on /admin/posts/.

#include "site/api_context.hpp"
#include "site/api_json.hpp"
#include "site/api_problem.hpp"

namespace folio {

namespace {

constexpr const char* kNotYours = "You can only change your own posts.";

Reader reader_of(const UserView& user) {
  return Reader{.user_id = user.id, .admin = user.is_admin};
}

// The post `id` if `user` may change it: 404 when there is none, 403 when it is another's.
EditablePost editable(const ApiContext& api, const UserView& user, std::int64_t id) {
  auto post = api.store.editable_post(id);
  if (!post) throw ApiProblem(web::Status::not_found, "There is no such post.");
  if (!user.is_admin && post->author_id != user.id)
    throw ApiProblem(web::Status::forbidden, kNotYours);
  return std::move(*post);
}

PostDraft valid_draft(const PostForm& form) {
  if (!form.valid())
    throw ApiProblem(web::Status::unprocessable_entity, "The post is not valid.", form.errors);
  return form.to_draft();
}

}  // namespace

void add_api_writing_routes(web::App& app, const ApiContext& api) {
  app.post("/api/posts",
           [api](web::Request& req) {
             const UserView user = api_writer(req, api);
             const PostDraft draft = valid_draft(post_form_from_json(req.json(), nullptr));
             std::int64_t id = 0;
             try {
               id = api.store.create_post(user.id, draft);
             } catch (const StoreUnavailable& e) {
               throw api_unavailable(api, e);
             }
             web::Response r = web::json_response(api_post_detail(api, id, reader_of(user)),
                                                  web::Status::created);
             r.set_header("Location", "/api/posts/" + std::to_string(id));
             return r;
           },
           {.name = "api_create_post", .csrf_exempt = true});

  app.patch("/api/posts/<int:post_id>",
            [api](web::Request& req, std::int64_t post_id) {
              const UserView user = api_writer(req, api);
              const EditablePost stored = editable(api, user, post_id);
              const PostDraft draft = valid_draft(post_form_from_json(req.json(), &stored));
              try {
                if (!api.store.update_post(post_id, draft))
                  throw ApiProblem(web::Status::not_found, "There is no such post.");
              } catch (const StoreUnavailable& e) {
                throw api_unavailable(api, e);
              }
              return web::json_response(api_post_detail(api, post_id, reader_of(user)));
            },
            {.name = "api_update_post", .csrf_exempt = true});

  app.del("/api/posts/<int:post_id>",
          [api](web::Request& req, std::int64_t post_id) {
            const UserView user = api_writer(req, api);
            editable(api, user, post_id);
            try {
              if (!api.store.delete_post(post_id))
                throw ApiProblem(web::Status::not_found, "There is no such post.");
            } catch (const StoreUnavailable& e) {
              throw api_unavailable(api, e);
            }
            return web::Response(web::Status::no_content);
          },
          {.name = "api_delete_post", .csrf_exempt = true});

  app.del("/api/comments/<int:comment_id>",
          [api](web::Request& req, std::int64_t comment_id) {
            const UserView user = api_writer(req, api);
            if (!user.is_admin)
              throw ApiProblem(web::Status::forbidden, "Only an admin can delete comments.");
            std::optional<std::int64_t> post_id;
            try {
              post_id = api.store.delete_comment(comment_id);
            } catch (const StoreUnavailable& e) {
              throw api_unavailable(api, e);
            }
            if (!post_id) throw ApiProblem(web::Status::not_found, "There is no such comment.");
            return web::Response(web::Status::no_content);
          },
          {.name = "api_delete_comment", .csrf_exempt = true});
}

}  // namespace folio
