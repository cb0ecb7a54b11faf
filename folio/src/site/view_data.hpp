#pragma once
// Turning store views into the JSON that templates render: dates formatted,
// Markdown as the store rendered it (trusted), links only for http(s)
// websites, pagination links.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/views.hpp"

namespace folio {

// A post: title, rendered content, author (and author_url), date, tags
// (name, url), comments_label ("3 comments"), draft.
nlohmann::json post_json(const PostView& post);
// post_json of each post, in order.
nlohmann::json posts_json(const std::vector<PostView>& posts);
// A tag: name, slug, url, post_count, posts_label ("2 posts").
nlohmann::json tag_json(const TagView& tag);
// "No comments", "1 comment", "3 comments".
std::string comments_label(std::int64_t count);
// Takes the view by value: its strings move into the JSON.
nlohmann::json comment_json(CommentView comment);
// {prev_url, next_url} for page `page` of `path` (missing when there is none).
nlohmann::json pagination_json(const std::string& path, int page, bool has_next);
// "2026-11-22 10:04" and "2026-11-22T10:04:05Z", UTC.
std::string display_time(TimePoint t);
std::string iso_time(TimePoint t);

// The page number in ?page=N: 1 when absent, nullopt when not a whole number >= 1.
std::optional<int> page_number(std::optional<std::string_view> text);
// page_number, or web::HttpError 404 "There is no such page." when it is nullopt.
int page_or_404(std::optional<std::string_view> text);

}  // namespace folio
