#pragma once
// The search page's snippet of a post: a short window of its text around
// the first word a search looks for, in pieces, the matched words marked.
// Pieces are plain text (the template escapes each and wraps the marked ones
// in <mark>), so no text of the post is ever HTML here. Pure functions:
// thread-safe, throw only std::bad_alloc.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace folio {

struct SnippetPiece {
  std::string text;
  bool match = false;  // a word the search looked for
  bool operator==(const SnippetPiece&) const = default;
};

// About `window` words of `text` (Markdown: its markup characters are left
// out) starting a few words before the first word equal to one of `words`,
// ignoring case (ASCII, Latin-1, Greek and Cyrillic letters), each such word
// a matched piece; "…" where text was cut. Words are cut as relate cuts a
// search (relate::sql::is_word_character), so UTF-8 is never split; invalid
// bytes are left out. No match: the text's first `window` words.
std::vector<SnippetPiece> make_snippet(std::string_view text, const std::vector<std::string>& words,
                                       std::size_t window = 30);

// `word` in lower case for matching (the letters make_snippet folds).
std::string fold_case(std::string_view word);

}  // namespace folio
