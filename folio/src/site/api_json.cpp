#include "site/api_json.hpp"

#include <charconv>
#include <set>

#include "site/api_problem.hpp"
#include "site/view_data.hpp"

namespace folio {

namespace {

nlohmann::json time_or_null(const std::optional<TimePoint>& t) {
  return t ? nlohmann::json(iso_time(*t)) : nlohmann::json(nullptr);
}

// `body[name]` when it is a string; an error for `name` otherwise (left out:
// `fallback`, or an error when there is none).
std::string string_field(const nlohmann::json& body, const char* name,
                         std::optional<std::string> fallback,
                         std::map<std::string, std::string>& errors) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (fallback) return *fallback;
    return {};  // the form's own rule says it is required
  }
  if (!it->is_string()) {
    errors[name] = "Must be a string.";
    return {};
  }
  return it->get<std::string>();
}

// Field errors for what is not an object, or has fields outside `known`.
std::map<std::string, std::string> shape_errors(const nlohmann::json& body,
                                                const std::set<std::string>& known) {
  std::map<std::string, std::string> errors;
  if (!body.is_object()) {
    errors["body"] = "The body must be a JSON object.";
    return errors;
  }
  for (const auto& [key, value] : body.items()) {
    if (!known.contains(key)) errors[key] = "Unknown field.";
  }
  return errors;
}

// The form's errors, with those of the JSON's shape and types taking the
// place of the form's for the same field.
template <class Form>
Form with_errors(Form form, const std::map<std::string, std::string>& errors) {
  for (const auto& [field, message] : errors)
    form.errors[field] = message;
  return form;
}

std::optional<int> positive_int(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1) return std::nullopt;
  return value;
}

}  // namespace

nlohmann::json api_post_json(const PostView& post) {
  nlohmann::json tags = nlohmann::json::array();
  for (const TagView& t : post.tags)
    tags.push_back({{"name", t.name}, {"slug", t.slug}});
  nlohmann::json author = nullptr;
  if (!post.author_username.empty())
    author = {{"username", post.author_username}, {"display_name", post.author}};
  return {{"id", post.id},
          {"title", post.title},
          {"slug", post.slug},
          {"status", post.draft ? "draft" : "published"},
          {"content", post.content},
          {"content_html", post.content_html},
          {"author", std::move(author)},
          {"tags", std::move(tags)},
          {"created_at", iso_time(post.created_at)},
          {"published_at", time_or_null(post.published_at)},
          {"comment_count", post.comment_count},
          {"url", "/" + std::to_string(post.id) + "/"}};
}

nlohmann::json api_comment_json(const CommentView& comment) {
  return {
      {"id", comment.id},
      {"post_id", comment.post_id},
      {"author", comment.author.empty() ? nlohmann::json(nullptr) : nlohmann::json(comment.author)},
      {"website", comment.website ? nlohmann::json(*comment.website) : nullptr},
      {"content", comment.content},
      {"created_at", iso_time(comment.created_at)},
      {"status", comment.pending ? "pending" : "visible"}};
}

nlohmann::json api_tag_json(const TagView& tag) {
  return {{"name", tag.name}, {"slug", tag.slug}, {"post_count", tag.post_count}};
}

PostForm post_form_from_json(const nlohmann::json& body, const EditablePost* stored) {
  std::map<std::string, std::string> errors =
      shape_errors(body, {"title", "content", "tags", "status"});
  if (errors.contains("body")) return with_errors(PostForm{}, errors);
  const auto keep = [&](const std::string& value) {
    return stored ? std::optional(value) : std::nullopt;
  };
  const std::string title = string_field(body, "title", keep(stored ? stored->title : ""), errors);
  const std::string content =
      string_field(body, "content", keep(stored ? stored->content : ""), errors);
  const std::string status = string_field(
      body, "status", stored ? (stored->draft ? "draft" : "published") : "draft", errors);
  std::vector<std::string> names = stored ? stored->tags : std::vector<std::string>{};
  if (const auto it = body.find("tags"); it != body.end() && !it->is_null()) {
    names.clear();
    if (!it->is_array()) errors["tags"] = "Must be an array of tag names.";
    for (const auto& name : it->is_array() ? *it : nlohmann::json::array()) {
      if (!name.is_string()) {
        errors["tags"] = "Must be an array of tag names.";
      } else if (name.get<std::string>().find(',') != std::string::npos) {
        errors["tags"] = "A tag name cannot contain a comma.";
      } else {
        names.push_back(name.get<std::string>());
      }
    }
  }
  return with_errors(validate_post(title, content, joined_tags(names), status), errors);
}

CommentForm comment_form_from_json(const nlohmann::json& body) {
  std::map<std::string, std::string> errors = shape_errors(body, {"content", "author", "website"});
  if (errors.contains("body")) return with_errors(CommentForm{}, errors);
  const std::string content = string_field(body, "content", std::nullopt, errors);
  const std::string author = string_field(body, "author", "", errors);
  const std::string website = string_field(body, "website", "", errors);
  return with_errors(validate_comment(content, author, website), errors);
}

PageRequest page_request(std::optional<std::string_view> page,
                         std::optional<std::string_view> per_page, int default_per_page) {
  PageRequest out{.page = 1, .per_page = default_per_page};
  std::map<std::string, std::string> errors;
  if (page) {
    if (const auto n = positive_int(*page)) {
      out.page = *n;
    } else {
      errors["page"] = "Must be a whole number, 1 or more.";
    }
  }
  if (per_page) {
    const auto n = positive_int(*per_page);
    if (n && *n <= kMaxPerPage) {
      out.per_page = *n;
    } else {
      errors["per_page"] = "Must be a whole number from 1 to " + std::to_string(kMaxPerPage) + ".";
    }
  }
  if (!errors.empty())
    throw ApiProblem(web::Status::unprocessable_entity, "The query parameters are not valid.",
                     std::move(errors));
  return out;
}

}  // namespace folio
