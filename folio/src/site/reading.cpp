// The pages that show things: the index, a post, all comments, about.

#include "site/page_fingerprint.hpp"
#include "site/pages.hpp"
#include "site/site.hpp"
#include "site/view_data.hpp"

namespace folio {

void Site::add_reading_routes() {
  app_.get("/",
           [this](web::Request& req) {
             const int page = page_or_404(req.query("page"));
             auto result = store_.posts(page, kPostsPerPage);
             if (result.items.empty() && page > 1)
               web::abort(web::Status::not_found, "There is no such page.");
             const auto render = [&] {
               nlohmann::json view = base_view(req, "Posts");
               view["posts"] = posts_json(result.items);
               view["pagination"] = pagination_json("/", page, result.has_next);
               return req.render(pages_->index, view);
             };
             if (!is_visitor(req)) return render();
             return visitor_page(req, page_fingerprint("index", result), render);
           },
           {.name = "index"});

  app_.get("/comments/",
           [this](web::Request& req) {
             const int page = page_or_404(req.query("page"));
             auto result = store_.comments(page, kCommentsPerPage);
             if (result.items.empty() && page > 1)
               web::abort(web::Status::not_found, "There is no such page.");
             const auto render = [&] {
               nlohmann::json view = base_view(req, "Latest Comments");
               nlohmann::json comments = nlohmann::json::array();
               for (auto& c : result.items)
                 comments.push_back(comment_json(std::move(c)));
               view["comments"] = std::move(comments);
               view["pagination"] = pagination_json("/comments/", page, result.has_next);
               return req.render(pages_->comments, view);
             };
             if (!is_visitor(req)) return render();
             return visitor_page(req, page_fingerprint("comments", result), render);
           },
           {.name = "comments"});

  app_.get("/about/",
           [this](web::Request& req) { return req.render(pages_->about, base_view(req, "About")); },
           {.name = "about"});
}

}  // namespace folio
