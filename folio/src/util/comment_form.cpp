#include "util/comment_form.hpp"

#include "store/limits.hpp"

namespace folio {

namespace {

std::string_view trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && space(s.back()))
    s.remove_suffix(1);
  return s;
}

std::size_t characters(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  }
  return n;
}

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
  } else if (characters(form.content) > kCommentMax) {
    form.errors["content"] = "A comment can be at most 10,000 characters long.";
  }
  if (characters(form.author) > kAuthorMax) {
    form.errors["author"] = "A name can be at most 128 characters long.";
  }
  if (!form.website.empty()) {
    if (!is_http_url(form.website)) {
      form.errors["website"] = "A website must be an http:// or https:// address.";
    } else if (characters(form.website) > kWebsiteMax) {
      form.errors["website"] = "A website address can be at most 255 characters long.";
    }
  }
  return form;
}

NewComment CommentForm::to_comment() const {
  return NewComment{author, website.empty() ? std::nullopt : std::optional<std::string>(website),
                    content};
}

}  // namespace folio
