// POST /api/posts/<id>/comments: the comment form's rules, rate limit and
// moderation, without its hidden robot field (an API client is a program).
// It never reads the session, so a forged cross-site request gains nothing
// a direct one would not: it needs no CSRF token.

#include "site/api_context.hpp"
#include "site/api_json.hpp"
#include "site/api_problem.hpp"

namespace folio {

void add_api_comment_routes(web::App& app, const ApiContext& api) {
  app.post("/api/posts/<int:post_id>/comments",
           [api](web::Request& req, std::int64_t post_id) {
             const ApiCaller caller = api_caller(req, api);
             const std::string client = api.client_of(req);
             if (const auto wait = api.comment_limiter.blocked(client)) {
               throw ApiProblem(web::Status::too_many_requests,
                                "You are commenting too quickly. Please try again in " +
                                    std::to_string(wait->count()) + " seconds.",
                                {}, {{"Retry-After", std::to_string(wait->count())}});
             }
             const CommentForm form = comment_form_from_json(req.json());
             if (!form.valid()) {
               throw ApiProblem(web::Status::unprocessable_entity, "The comment is not valid.",
                                form.errors);
             }
             NewComment comment = form.to_comment();
             // Under moderation "first" a token's user earns trust as a browser does; an
             // anonymous program has no key, so each of its comments waits.
             if (caller.by_token)
               comment.commenter_key = "api-user-" + std::to_string(caller.user->id);
             std::optional<AddedComment> added;
             try {
               added = api.store.add_comment(post_id, comment, api.moderation);
             } catch (const StoreUnavailable& e) {
               throw api_unavailable(api, e);
             }
             if (!added) throw ApiProblem(web::Status::not_found, "There is no such post.");
             api.comment_limiter.record(client);
             auto stored = api.store.comment(added->id, Reader{.admin = true});
             if (!stored) throw ApiProblem(web::Status::not_found, "The comment is gone already.");
             web::Response r = web::json_response(api_comment_json(*stored), web::Status::created);
             r.set_header("Location", "/api/comments/" + std::to_string(added->id));
             return r;
           },
           {.name = "api_add_comment", .csrf_exempt = true});
}

}  // namespace folio
