#pragma once
// The add-comment form: its rules and the messages a visitor sees.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "store/limits.hpp"
#include "store/views.hpp"

namespace folio {

// What was typed (kept to show the form again) and what is wrong with it.
struct CommentForm {
  std::string content{};
  std::string author{};
  std::string website{};
  std::map<std::string, std::string> errors{};  // field name -> message

  bool valid() const noexcept { return errors.empty(); }
  // The comment to store; only when valid().
  NewComment to_comment() const;
};

// Checks the fields: content required and at most 10,000 characters, author
// at most 128, website empty or an http(s) URL; no control characters
// (tabs and line breaks only in the content). Lengths count characters
// (UTF-8 code points). Surrounding whitespace is trimmed.
CommentForm validate_comment(std::string_view content, std::string_view author,
                             std::string_view website);

// True when `text` holds a control character (C0, DEL or C1), other than a
// tab or line break when `multi_line`: such characters are refused in every
// text field (a NUL would truncate the text in some tools; others garble
// terminals and feeds).
bool has_control_characters(std::string_view text, bool multi_line);

// True for an absolute http:// or https:// URL with a host and no spaces or
// control characters: the only links a commenter's website may become.
bool is_http_url(std::string_view url);

}  // namespace folio
