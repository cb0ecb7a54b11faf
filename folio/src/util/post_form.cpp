#include "util/post_form.hpp"

#include <algorithm>

#include "store/limits.hpp"
#include "util/comment_form.hpp"
#include "util/slug.hpp"
#include "util/text.hpp"

namespace folio {

namespace {

// The tag names in `text`, or a message saying what is wrong with them.
std::string parse_tags(std::string_view text, std::vector<std::string>& names) {
  std::vector<std::string> slugs;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view name = trim(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    if (name.empty()) continue;
    if (has_control_characters(name, false)) return "A tag cannot contain control characters.";
    if (characters(name) > kTagMax) return "A tag can be at most 64 characters long.";
    const std::string slug = slugify(name, kTagMax);
    if (slug.empty())
      return "A tag needs a letter or a digit (a-z, 0-9): \"" + std::string(name) + "\".";
    if (std::find(slugs.begin(), slugs.end(), slug) != slugs.end()) continue;
    slugs.push_back(slug);
    names.emplace_back(name);
  }
  if (names.size() > kTagsPerPost) return "A post can have at most 20 tags.";
  return {};
}

}  // namespace

PostForm validate_post(std::string_view title, std::string_view content, std::string_view tags,
                       std::string_view status) {
  PostForm form;
  form.title = std::string(trim(title));
  form.content = std::string(trim(content));
  form.tags = std::string(trim(tags));
  form.draft = status != "published";
  if (form.title.empty()) {
    form.errors["title"] = "Please give the post a title.";
  } else if (has_control_characters(form.title, false)) {
    form.errors["title"] = "A title is one line, without control characters.";
  } else if (characters(form.title) > kTitleMax) {
    form.errors["title"] = "A title can be at most 100 characters long.";
  }
  if (form.content.empty()) {
    form.errors["content"] = "Please write the post.";
  } else if (has_control_characters(form.content, true)) {
    form.errors["content"] =
        "A post cannot contain control characters (such as NUL): only tabs and line breaks.";
  } else if (characters(form.content) > kPostMax) {
    form.errors["content"] = "A post can be at most 100,000 characters long.";
  }
  if (std::string message = parse_tags(form.tags, form.tag_names); !message.empty())
    form.errors["tags"] = std::move(message);
  if (status != "draft" && status != "published")
    form.errors["status"] = "Choose whether the post is a draft or published.";
  return form;
}

PostDraft PostForm::to_draft() const {
  return PostDraft{.title = title, .content = content, .tags = tag_names, .draft = draft};
}

std::string joined_tags(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

}  // namespace folio
