// Reading by tag and by author: /tags/, /tags/<slug>/, /authors/<username>/.

#include "site/pages.hpp"
#include "site/site.hpp"
#include "site/view_data.hpp"
#include "util/comment_form.hpp"
#include "util/text.hpp"

namespace folio {

namespace {

// The posts and pagination of a list page at `path`; 404 past the last page.
void add_posts(nlohmann::json& view, const PageOf<PostView>& posts, const std::string& path) {
  if (posts.items.empty() && posts.page > 1)
    web::abort(web::Status::not_found, "There is no such page.");
  view["posts"] = posts_json(posts.items);
  view["pagination"] = pagination_json(path, posts.page, posts.has_next);
}

}  // namespace

void Site::add_browsing_routes() {
  app_.get("/tags/",
           [this](web::Request& req) {
             nlohmann::json view = base_view(req, "Tags");
             nlohmann::json tags = nlohmann::json::array();
             for (const TagView& t : store_.tags())
               tags.push_back(tag_json(t));
             view["tags"] = std::move(tags);
             return req.render(pages_->tags, view);
           },
           {.name = "tags"});

  app_.get("/tags/<slug>/",
           [this](web::Request& req, std::string_view slug) {
             const int page = page_or_404(req.query("page"));
             auto found = store_.tag_posts(slug, page, kPostsPerPage);
             if (!found) web::abort(web::Status::not_found, "There is no such tag.");
             nlohmann::json view = base_view(req, "Tagged " + found->first.name);
             view["tag"] = tag_json(found->first);
             view["tag_feed"] = {{"url", "/tags/" + found->first.slug + "/feed.atom"},
                                 {"title", "Posts tagged " + found->first.name}};
             add_posts(view, found->second, "/tags/" + found->first.slug + "/");
             return req.render(pages_->tag, view);
           },
           {.name = "tag"});

  app_.get("/authors/<username>/",
           [this](web::Request& req, std::string_view username) {
             const int page = page_or_404(req.query("page"));
             auto author = store_.author(username);
             if (!author) web::abort(web::Status::not_found, "There is no such author.");
             nlohmann::json view = base_view(req, author->display_name);
             view["author"] = {{"display_name", author->display_name},
                               {"username", author->username},
                               {"bio", author->bio}};
             // Only an http(s) address becomes a link.
             if (author->website && is_http_url(*author->website))
               view["author"]["website"] = *author->website;
             add_posts(view, store_.author_posts(author->id, page, kPostsPerPage),
                       "/authors/" + url_encode(author->username) + "/");
             return req.render(pages_->author, view);
           },
           {.name = "author"});
}

}  // namespace folio
