#include "site/view_data.hpp"

#include <charconv>

#include "util/comment_form.hpp"
#include "util/text.hpp"
#include "web/http_error.hpp"
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

// Appends `value` as exactly `width` digits (pages format many dates:
// this is several times faster than snprintf).
void digits(std::string& out, long value, int width) {
  char buf[8];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(buf, static_cast<std::size_t>(width));
}

std::string date_and_time(TimePoint t, char separator, bool with_seconds) {
  const Parts p = parts_of(t);
  std::string out;
  out.reserve(20);
  digits(out, p.year, 4);
  out += '-';
  digits(out, p.month, 2);
  out += '-';
  digits(out, p.day, 2);
  out += separator;
  digits(out, p.hour, 2);
  out += ':';
  digits(out, p.minute, 2);
  if (with_seconds) {
    out += ':';
    digits(out, p.second, 2);
    out += 'Z';
  }
  return out;
}

}  // namespace

std::string display_time(TimePoint t) {
  return date_and_time(t, ' ', false);
}

std::string iso_time(TimePoint t) {
  return date_and_time(t, 'T', true);
}

nlohmann::json post_json(const PostView& post) {
  nlohmann::json out = nlohmann::json::object();
  out["id"] = post.id;
  out["title"] = post.title;
  out["content_html"] = web::trusted_html(post.content_html);
  out["created"] = display_time(post.created_at);
  out["created_iso"] = iso_time(post.created_at);
  if (!post.author.empty()) out["author"] = post.author;
  if (!post.author_username.empty())
    out["author_url"] = "/authors/" + url_encode(post.author_username) + "/";
  if (post.published_at) {
    out["date"] = display_time(*post.published_at);
    out["date_iso"] = iso_time(*post.published_at);
  } else {
    out["date"] = out["created"];
    out["date_iso"] = out["created_iso"];
  }
  out["draft"] = post.draft;
  nlohmann::json tags = nlohmann::json::array();
  for (const TagView& t : post.tags)
    tags.push_back(tag_json(t));
  out["tags"] = std::move(tags);
  out["comments_label"] = comments_label(post.comment_count);
  return out;
}

nlohmann::json posts_json(const std::vector<PostView>& posts) {
  nlohmann::json out = nlohmann::json::array();
  for (const PostView& p : posts)
    out.push_back(post_json(p));
  return out;
}

nlohmann::json tag_json(const TagView& tag) {
  return {{"name", tag.name},
          {"slug", tag.slug},
          {"url", "/tags/" + tag.slug + "/"},
          {"post_count", tag.post_count},
          {"posts_label", tag.post_count == 1 ? std::string("1 post")
                                              : std::to_string(tag.post_count) + " posts"}};
}

std::string comments_label(std::int64_t count) {
  if (count == 0) return "No comments";
  if (count == 1) return "1 comment";
  return std::to_string(count) + " comments";
}

nlohmann::json comment_json(CommentView comment) {
  nlohmann::json out = nlohmann::json::object();
  out["id"] = comment.id;
  out["post_id"] = comment.post_id;
  out["post_title"] = std::move(comment.post_title);
  out["author"] = comment.author.empty() ? std::string("Anonymous") : std::move(comment.author);
  out["content"] = std::move(comment.content);
  out["created"] = display_time(comment.created_at);
  out["created_iso"] = iso_time(comment.created_at);
  // Only an http(s) address becomes a link, checked again here in case
  // something else wrote the row.
  if (comment.website && is_http_url(*comment.website))
    out["website"] = std::move(*comment.website);
  out["pending"] = comment.pending;
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

int page_or_404(std::optional<std::string_view> text) {
  const auto page = page_number(text);
  if (!page) web::abort(web::Status::not_found, "There is no such page.");
  return *page;
}

}  // namespace folio
