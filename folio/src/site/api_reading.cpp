// The JSON API's public reads: posts (by tag, by author), a post with its
// comments, comments, tags, and the OpenAPI document. A caller with a token
// (or a session) also sees the drafts and pending comments the site would
// show them.

#include "site/api_context.hpp"
#include "site/api_json.hpp"
#include "site/api_problem.hpp"

namespace folio {

namespace {

std::optional<std::string> nonempty(std::optional<std::string_view> text) {
  if (!text || text->empty()) return std::nullopt;
  return std::string(*text);
}

}  // namespace

nlohmann::json api_post_detail(const ApiContext& api, std::int64_t post_id, const Reader& reader) {
  auto found = api.store.post(post_id, 1, kCommentsPerPostPage, reader);
  if (!found) throw ApiProblem(web::Status::not_found, "There is no such post.");
  found->post.comment_count = api.store.comment_counts({post_id}).at(post_id);
  nlohmann::json out = api_post_json(found->post);
  nlohmann::json comments = nlohmann::json::array();
  for (const CommentView& c : found->comments)
    comments.push_back(api_comment_json(c));
  out["comments"] = std::move(comments);
  out["more_comments"] = found->has_next;
  return out;
}

void add_api_reading_routes(web::App& app, const ApiContext& api) {
  app.get("/api/posts",
          [api](web::Request& req) {
            api_caller(req, api);  // a bad token is refused here too
            const PageRequest at =
                page_request(req.query("page"), req.query("per_page"), kApiPostsPerPage);
            const PostFilter filter{.tag_slug = nonempty(req.query("tag")),
                                    .author_username = nonempty(req.query("author"))};
            return web::json_response(api_page_json(
                api.store.published_posts(filter, at.page, at.per_page), api_post_json));
          },
          {.name = "api_posts"});

  app.get(
      "/api/posts/<int:post_id>",
      [api](web::Request& req, std::int64_t post_id) {
        return web::json_response(api_post_detail(api, post_id, reader_of(api_caller(req, api))));
      },
      {.name = "api_post"});

  app.get("/api/posts/<int:post_id>/comments",
          [api](web::Request& req, std::int64_t post_id) {
            const Reader reader = reader_of(api_caller(req, api));
            const PageRequest at =
                page_request(req.query("page"), req.query("per_page"), kCommentsPerPostPage);
            const auto comments = api.store.post_comments(post_id, at.page, at.per_page, reader);
            if (!comments) throw ApiProblem(web::Status::not_found, "There is no such post.");
            return web::json_response(api_page_json(*comments, api_comment_json));
          },
          {.name = "api_post_comments"});

  app.get("/api/comments/<int:comment_id>",
          [api](web::Request& req, std::int64_t comment_id) {
            const auto comment = api.store.comment(comment_id, reader_of(api_caller(req, api)));
            if (!comment) throw ApiProblem(web::Status::not_found, "There is no such comment.");
            return web::json_response(api_comment_json(*comment));
          },
          {.name = "api_comment"});

  app.get("/api/tags",
          [api](web::Request& req) {
            api_caller(req, api);
            nlohmann::json items = nlohmann::json::array();
            for (const TagView& t : api.store.tags())
              items.push_back(api_tag_json(t));
            return web::json_response({{"items", std::move(items)}});
          },
          {.name = "api_tags"});
}

}  // namespace folio
