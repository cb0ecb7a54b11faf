#pragma once
// What a full-text search looks for, the same on every backend: the search
// text cut into words and double-quoted phrases (docs/relate.md "Full-text
// search"). The compiler turns these into each database's query syntax, so
// operators, quotes and brackets in the text are never syntax. Pure
// functions: no SQL, no I/O, thread-safe; they throw only std::bad_alloc.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace relate::sql {

// One thing a row must contain: a word, or a phrase (words next to each
// other, in order) when `words` has several.
struct SearchTerm {
  std::vector<std::string> words;
  bool operator==(const SearchTerm&) const = default;
};

// At most this many terms are searched, and this many words of a phrase
// (the rest is ignored); a word longer than kMaxSearchWordBytes is dropped:
// no index holds one.
inline constexpr std::size_t kMaxSearchTerms = 16;
inline constexpr std::size_t kMaxSearchWordBytes = 64;

// The terms of `text`. A word is a run of ASCII letters and digits and of
// non-ASCII characters other than punctuation and spaces, lower-cased
// (ASCII); everything else separates words and means nothing (AND, OR, NOT,
// NEAR, *, -, :, brackets). Text between two double quotes is a phrase; an
// unmatched quote is ignored. Invalid UTF-8 separates words. Empty when the
// text holds no word.
std::vector<SearchTerm> search_terms(std::string_view text);

// Whether the code point starting at text[i] is part of a word, and its
// length in bytes (1 for an invalid byte, which is not). For callers that
// cut text the way search_terms does (a snippet's highlighting).
bool is_word_character(std::string_view text, std::size_t i, std::size_t& length) noexcept;

}  // namespace relate::sql
