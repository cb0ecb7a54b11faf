#pragma once
// The post editor's form: its rules and the messages a writer sees.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "store/views.hpp"

namespace folio {

// What was typed (kept to show the form again) and what is wrong with it.
struct PostForm {
  std::string title{};
  std::string content{};
  std::string tags{};  // as typed: comma-separated names
  bool draft{};
  std::map<std::string, std::string> errors{};  // field name -> message
  std::vector<std::string> tag_names{};         // parsed from `tags`

  bool valid() const noexcept { return errors.empty(); }
  // The post to store; only when valid().
  PostDraft to_draft() const;
};

// Checks the fields: title required, at most 100 characters, one line;
// content (Markdown) required, at most 100,000 characters; tags
// comma-separated, each at most 64 characters with a letter or digit, at
// most 20 (repeats dropped); status "draft" or "published".
PostForm validate_post(std::string_view title, std::string_view content, std::string_view tags,
                       std::string_view status);

// "a, b" for the editor's tags field.
std::string joined_tags(const std::vector<std::string>& names);

}  // namespace folio
