#include "util/snippet.hpp"

#include <algorithm>

#include "relate/sql/fulltext.hpp"

namespace folio {

namespace {

// A word of the text, or what lies between two words: [begin, end).
struct Span {
  std::size_t begin;
  std::size_t end;
  bool word;
};

std::vector<Span> spans(std::string_view text) {
  std::vector<Span> out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 1;
    const bool word = relate::sql::is_word_character(text, i, length);
    if (out.empty() || out.back().word != word) out.push_back({i, i, word});
    i += length;
    out.back().end = i;
  }
  return out;
}

// What stands between two words in the snippet: the text's punctuation,
// without Markdown's markup or invalid bytes, with spaces and line breaks
// as one space.
std::string separator(std::string_view gap) {
  std::string out;
  for (std::size_t i = 0; i < gap.size();) {
    std::size_t length = 1;
    (void)relate::sql::is_word_character(gap, i, length);
    const char c = gap[i];
    if (length > 1) {
      out.append(gap.substr(i, length));  // non-ASCII punctuation: kept
    } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      if (out.empty() || out.back() != ' ') out += ' ';
    } else if (std::string_view(".,;:!?'\"-/&%$@+=").find(c) != std::string_view::npos) {
      out += c;
    }
    i += length;
  }
  // Markup alone between two words still separates them.
  return out.empty() && !gap.empty() ? " " : out;
}

}  // namespace

std::string fold_case(std::string_view word) {
  std::string out;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto b = static_cast<unsigned char>(word[i]);
    if (b >= 'A' && b <= 'Z') {
      out += static_cast<char>(b + 32);
      continue;
    }
    if (i + 1 < word.size() && (b == 0xC3 || b == 0xCE || b == 0xD0)) {
      const auto n = static_cast<unsigned char>(word[i + 1]);
      // U+00C0-U+00DE (not U+00D7) -> +0x20; Greek U+0391-U+03A9 -> +0x20;
      // Cyrillic U+0410-U+042F -> +0x20 (each a two-byte sequence).
      char32_t cp = static_cast<char32_t>((b & 0x1F) << 6 | (n & 0x3F));
      if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x391 && cp <= 0x3A9) ||
          (cp >= 0x410 && cp <= 0x42F))
        cp += 0x20;
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
      ++i;
      continue;
    }
    out += static_cast<char>(b);
  }
  return out;
}

std::vector<SnippetPiece> make_snippet(std::string_view text, const std::vector<std::string>& words,
                                       std::size_t window) {
  std::vector<std::string> wanted;
  for (const std::string& w : words)
    wanted.push_back(fold_case(w));
  const std::vector<Span> all = spans(text);
  std::vector<std::size_t> word_spans;  // indexes into `all`
  for (std::size_t i = 0; i < all.size(); ++i)
    if (all[i].word) word_spans.push_back(i);
  const auto is_match = [&](const Span& s) {
    const std::string w = fold_case(text.substr(s.begin, s.end - s.begin));
    return std::find(wanted.begin(), wanted.end(), w) != wanted.end();
  };
  std::size_t first = 0;
  for (std::size_t k = 0; k < word_spans.size(); ++k) {
    if (is_match(all[word_spans[k]])) {
      first = k;
      break;
    }
  }
  // A little context before the match, the rest after it.
  const std::size_t lead = std::min<std::size_t>(first, window / 5);
  const std::size_t start = first - lead;
  const std::size_t stop = std::min(word_spans.size(), start + window);
  std::vector<SnippetPiece> out;
  const auto add = [&](std::string piece, bool match) {
    if (piece.empty()) return;
    if (!match && !out.empty() && !out.back().match) {
      out.back().text += piece;
    } else {
      out.push_back({std::move(piece), match});
    }
  };
  if (start > 0) add("… ", false);
  for (std::size_t k = start; k < stop; ++k) {
    const Span& s = all[word_spans[k]];
    add(std::string(text.substr(s.begin, s.end - s.begin)), is_match(s));
    if (k + 1 < stop) {
      const Span& gap = all[word_spans[k] + 1];
      add(separator(text.substr(gap.begin, gap.end - gap.begin)), false);
    }
  }
  if (stop < word_spans.size()) {
    add(" …", false);
  } else if (!word_spans.empty() && word_spans.back() + 1 < all.size()) {
    // The text's last punctuation ("basil.").
    std::string tail = separator(text.substr(all.back().begin));
    while (!tail.empty() && tail.back() == ' ')
      tail.pop_back();
    add(std::move(tail), false);
  }
  return out;
}

}  // namespace folio
