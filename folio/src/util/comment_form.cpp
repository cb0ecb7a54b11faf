#include "util/comment_form.hpp"

#include "store/limits.hpp"
#include "util/text.hpp"

namespace folio {

namespace {

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

}  // namespace

bool has_control_characters(std::string_view text, bool multi_line) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto u = static_cast<unsigned char>(text[i]);
    if (u < 0x20 || u == 0x7F) {
      if (multi_line && (u == '\t' || u == '\n' || u == '\r')) continue;
      return true;
    }
    // C1 controls, U+0080 to U+009F: C2 80 to C2 9F in UTF-8.
    if (u == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

bool is_http_url(std::string_view url) {
  std::size_t scheme = 0;
  if (starts_with_nocase(url, "https://")) {
    scheme = 8;
  } else if (starts_with_nocase(url, "http://")) {
    scheme = 7;
  } else {
    return false;
  }
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\') return false;
  }
  const std::string_view rest = url.substr(scheme);
  const std::string_view host = rest.substr(0, rest.find_first_of("/?#"));
  return !host.empty() && host.front() != '@' && host.front() != ':';
}

CommentForm validate_comment(std::string_view content, std::string_view author,
                             std::string_view website) {
  CommentForm form{
      std::string(trim(content)), std::string(trim(author)), std::string(trim(website)), {}};
  if (form.content.empty()) {
    form.errors["content"] = "Please write a comment.";
  } else if (has_control_characters(form.content, true)) {
    form.errors["content"] =
        "A comment cannot contain control characters (such as NUL): only tabs and line breaks.";
  } else if (characters(form.content) > kCommentMax) {
    form.errors["content"] = "A comment can be at most 10,000 characters long.";
  }
  if (has_control_characters(form.author, false)) {
    form.errors["author"] =
        "A name cannot contain control characters (such as NUL, a tab or a line break).";
  } else if (characters(form.author) > kAuthorMax) {
    form.errors["author"] = "A name can be at most 128 characters long.";
  }
  if (!form.website.empty()) {
    if (has_control_characters(form.website, false)) {
      form.errors["website"] = "A website address cannot contain control characters.";
    } else if (!is_http_url(form.website)) {
      form.errors["website"] = "A website must be an http:// or https:// address.";
    } else if (characters(form.website) > kWebsiteMax) {
      form.errors["website"] = "A website address can be at most 255 characters long.";
    }
  }
  return form;
}

NewComment CommentForm::to_comment() const {
  return NewComment{author, website.empty() ? std::nullopt : std::optional<std::string>(website),
                    content, std::nullopt};
}

}  // namespace folio
