// The search page's query: published posts whose title or content hold
// every word of the search (relate's full-text index of posts, revision
// 0006), best match first, a page at a time.

#include "store/search.hpp"

#include "relate/relate.hpp"
#include "store/blog_store.hpp"
#include "store/models.hpp"
#include "store/store_support.hpp"

namespace folio {

using relate::asc;
using relate::col;
using relate::desc;
using namespace store_support;

PageOf<SearchResult> BlogStore::search(std::string_view text, int page, int per_page) {
  std::vector<std::string> words;
  for (const relate::SearchTerm& term : relate::search_terms(text))
    words.insert(words.end(), term.words.begin(), term.words.end());
  if (words.empty()) return PageOf<SearchResult>{.items = {}, .page = page, .has_next = false};
  auto s = db_->session();
  const auto query =
      s.query<Post>()
          .options(relate::selectinload(&Post::author), relate::selectinload(&Post::tags))
          .filter(relate::matches(post_search, text) &&
                  col(&Post::status) == post_status::published)
          .order_by(desc(relate::match_rank(post_search, text)), desc(&Post::id));
  auto results = page_of(query, page, per_page, [&](const relate::Ptr<Post>& p) {
    return SearchResult{.post = post_view(p, true), .snippet = make_snippet(p->content, words)};
  });
  return results;
}

}  // namespace folio
