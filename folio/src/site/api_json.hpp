#pragma once
// The JSON API's bodies: store views as JSON out, and JSON in checked by
// the site's own forms (util/post_form.hpp, util/comment_form.hpp), so
// that the API and the pages accept exactly the same posts and comments.

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "store/api_views.hpp"
#include "store/views.hpp"
#include "util/comment_form.hpp"
#include "util/post_form.hpp"

namespace folio {

// A post: id, title, slug, status, content (Markdown) and content_html,
// author ({username, display_name} or null), tags ([{name, slug}]),
// created_at, published_at (or null), comment_count, url (its page).
nlohmann::json api_post_json(const PostView& post);
// A comment: id, post_id, author (null: anonymous), website (or null),
// content, created_at, status ("visible" or "pending").
nlohmann::json api_comment_json(const CommentView& comment);
// A tag: name, slug, post_count (published posts).
nlohmann::json api_tag_json(const TagView& tag);
// {"items": [...], "page", "per_page", "total", "pages"}.
template <class T, class ToJson>
nlohmann::json api_page_json(const CountedPage<T>& page, ToJson to_json) {
  nlohmann::json items = nlohmann::json::array();
  for (const T& item : page.items)
    items.push_back(to_json(item));
  return {{"items", std::move(items)},
          {"page", page.page},
          {"per_page", page.per_page},
          {"total", page.total},
          {"pages", (page.total + page.per_page - 1) / page.per_page}};
}

// The fields of a post body ({"title", "content", "tags": [names],
// "status": "draft" | "published"}) checked as the editor checks them.
// `stored` is the post a PATCH changes: fields left out keep its values;
// without it (a POST) title and content are required and status defaults
// to "draft". A body that is not an object, a field of the wrong type, an
// unknown field or a tag name with a comma is a field error too (the key
// "body" for the body as a whole).
PostForm post_form_from_json(const nlohmann::json& body, const EditablePost* stored);

// The fields of a comment body ({"content", "author", "website"}; author
// and website optional) checked as the comment form checks them.
CommentForm comment_form_from_json(const nlohmann::json& body);

// ?page=N&per_page=M: page >= 1 (default 1) and 1 <= per_page <= 100
// (default `default_per_page`); a 422 ApiProblem naming the parameter
// otherwise.
inline constexpr int kMaxPerPage = 100;
struct PageRequest {
  int page = 1;
  int per_page = 1;
};
PageRequest page_request(std::optional<std::string_view> page,
                         std::optional<std::string_view> per_page, int default_per_page);

}  // namespace folio
