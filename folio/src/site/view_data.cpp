#include "site/view_data.hpp"

#include <charconv>
#include <cstdio>

#include "util/comment_form.hpp"
#include "util/markdown.hpp"
#include "web/template.hpp"

namespace folio {

namespace {

struct Parts {
  int year;
  unsigned month, day;
  int hour, minute, second;
};

Parts parts_of(TimePoint t) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> tod{floor<seconds>(t - day)};
  return Parts{static_cast<int>(ymd.year()),
               static_cast<unsigned>(ymd.month()),
               static_cast<unsigned>(ymd.day()),
               static_cast<int>(tod.hours().count()),
               static_cast<int>(tod.minutes().count()),
               static_cast<int>(tod.seconds().count())};
}

}  // namespace

std::string display_time(TimePoint t) {
  const Parts p = parts_of(t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d", p.year, p.month, p.day, p.hour,
                p.minute);
  return buf;
}

std::string iso_time(TimePoint t) {
  const Parts p = parts_of(t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", p.year, p.month, p.day, p.hour,
                p.minute, p.second);
  return buf;
}

nlohmann::json post_json(const PostView& post) {
  nlohmann::json out = {{"id", post.id},
                        {"title", post.title},
                        {"content_html", web::trusted_html(markdown_to_html(post.content))},
                        {"created", display_time(post.created_at)},
                        {"created_iso", iso_time(post.created_at)}};
  if (!post.author.empty()) out["author"] = post.author;
  return out;
}

nlohmann::json comment_json(const CommentView& comment) {
  nlohmann::json out = {{"id", comment.id},
                        {"post_id", comment.post_id},
                        {"post_title", comment.post_title},
                        {"author", comment.author.empty() ? "Anonymous" : comment.author},
                        {"content", comment.content},
                        {"created", display_time(comment.created_at)},
                        {"created_iso", iso_time(comment.created_at)}};
  // Only an http(s) address becomes a link, checked again here in case
  // something else wrote the row.
  if (comment.website && is_http_url(*comment.website)) out["website"] = *comment.website;
  return out;
}

nlohmann::json pagination_json(const std::string& path, int page, bool has_next) {
  nlohmann::json out = nlohmann::json::object();
  if (page > 1) out["prev_url"] = page == 2 ? path : path + "?page=" + std::to_string(page - 1);
  if (has_next) out["next_url"] = path + "?page=" + std::to_string(page + 1);
  out["page"] = page;
  return out;
}

std::optional<int> page_number(std::optional<std::string_view> text) {
  if (!text) return 1;
  int page = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), page);
  if (ec != std::errc{} || end != text->data() + text->size() || page < 1) return std::nullopt;
  return page;
}

}  // namespace folio
