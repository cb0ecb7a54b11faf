// The search page: /search?q=... lists the published posts that hold every
// word of q, best first, with snippets; without q (or with only spaces) it
// shows the search form. Any q is searched: quotes, operators and brackets
// are words or nothing to relate's search, never an error.

#include "site/site.hpp"
#include "site/view_data.hpp"
#include "util/text.hpp"

namespace folio {

namespace {

// The JSON of one result: the post's title, url, author, date, tags (as
// post_json) and its snippet's pieces, each {text, match} for the template
// to escape and mark.
nlohmann::json result_json(const SearchResult& result) {
  nlohmann::json out = post_json(result.post);
  out.erase("content_html");  // the snippet stands for it
  nlohmann::json pieces = nlohmann::json::array();
  for (const SnippetPiece& piece : result.snippet)
    pieces.push_back({{"text", piece.text}, {"match", piece.match}});
  out["snippet"] = std::move(pieces);
  return out;
}

std::string search_url(std::string_view q, int page) {
  std::string url = "/search?q=" + url_encode(q);
  if (page > 1) url += "&page=" + std::to_string(page);
  return url;
}

}  // namespace

void Site::add_search_routes() {
  const web::Template page_template = app_.page("search");
  app_.get("/search",
           [this, page_template](web::Request& req) {
             // Longer than any search needs: the rest is ignored, as relate
             // ignores terms past its sixteenth.
             constexpr std::size_t kMaxQuery = 1000;
             std::string q(trim(req.query("q").value_or("")));
             if (q.size() > kMaxQuery) {
               std::size_t cut = kMaxQuery;
               while (cut > 0 && (static_cast<unsigned char>(q[cut]) & 0xC0) == 0x80)
                 --cut;  // not inside a character
               q.resize(cut);
             }
             nlohmann::json view = base_view(req, q.empty() ? "Search" : "Search: " + q);
             view["q"] = q;
             if (!q.empty()) {
               const int page = page_or_404(req.query("page"));
               const PageOf<SearchResult> found = store_.search(q, page, kPostsPerPage);
               if (found.items.empty() && page > 1)
                 web::abort(web::Status::not_found, "There is no such page.");
               nlohmann::json results = nlohmann::json::array();
               for (const SearchResult& r : found.items)
                 results.push_back(result_json(r));
               view["searched"] = true;
               view["results"] = std::move(results);
               nlohmann::json pagination = nlohmann::json::object();
               if (page > 1) pagination["prev_url"] = search_url(q, page - 1);
               if (found.has_next) pagination["next_url"] = search_url(q, page + 1);
               view["pagination"] = std::move(pagination);
             }
             return req.render(page_template, view);
           },
           {.name = "search"});
}

}  // namespace folio
