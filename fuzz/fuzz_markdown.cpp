// folio's Markdown rendering (cmark, safe mode): for any input, the HTML holds only the
// tags and attributes CommonMark produces, no raw HTML from the input, no script-capable
// link, and valid UTF-8 -- what lets folio insert it into a page unescaped.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "util/markdown.hpp"

namespace {

constexpr std::array<std::string_view, 22> kTags = {
    "a",  "blockquote", "br", "code", "em", "h1",  "h2",     "h3", "h4",  "h5",    "h6",
    "hr", "img",        "li", "ol",   "p",  "pre", "strong", "ul", "del", "table", "div"};
constexpr std::array<std::string_view, 6> kAttributes = {"href", "title", "src",
                                                         "alt",  "class", "start"};

template <std::size_t N>
bool one_of(std::string_view word, const std::array<std::string_view, N>& words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80                 ? 1
                    : c >= 0xC2 && c <= 0xDF ? 2
                    : c >= 0xE0 && c <= 0xEF ? 3
                    : c >= 0xF0 && c <= 0xF4 ? 4
                                             : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

// Checks one tag starting at html[start] == '<'; returns the index after its '>'.
std::size_t check_tag(std::string_view html, std::size_t start) {
  constexpr std::string_view kOmitted = "<!-- raw HTML omitted -->";
  if (html.substr(start).starts_with(kOmitted)) return start + kOmitted.size();
  const std::size_t end = html.find('>', start);
  FUZZ_CHECK(end != std::string_view::npos);
  std::string_view tag = html.substr(start + 1, end - start - 1);
  if (tag.starts_with('/')) tag.remove_prefix(1);
  if (tag.ends_with(" /")) tag.remove_suffix(2);
  const std::size_t name_end = std::min(tag.find(' '), tag.size());
  FUZZ_CHECK(one_of(tag.substr(0, name_end), kTags));
  std::string_view rest = tag.substr(name_end);
  // Attributes: name="value", the value escaped (no '"', '<' or '>' inside).
  while (!rest.empty()) {
    FUZZ_CHECK(rest.front() == ' ');
    rest.remove_prefix(1);
    const std::size_t eq = rest.find("=\"");
    FUZZ_CHECK(eq != std::string_view::npos);
    const std::string_view name = rest.substr(0, eq);
    FUZZ_CHECK(one_of(name, kAttributes));
    const std::size_t close = rest.find('"', eq + 2);
    FUZZ_CHECK(close != std::string_view::npos);
    const std::string value = lower(rest.substr(eq + 2, close - eq - 2));
    FUZZ_CHECK(value.find('<') == std::string::npos);
    if (name == "href" || name == "src") {
      for (std::string_view bad : {"javascript:", "vbscript:", "file:"}) {
        FUZZ_CHECK(!value.starts_with(bad));
      }
      FUZZ_CHECK(!value.starts_with("data:") || value.starts_with("data:image/"));
    }
    rest = rest.substr(close + 1);
  }
  return end + 1;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 64 * 1024) return 0;  // cmark is linear; big inputs only slow the search
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string html = folio::markdown_to_html(input);
  FUZZ_CHECK(valid_utf8(html));
  for (std::size_t i = html.find('<'); i != std::string::npos; i = html.find('<', i)) {
    i = check_tag(html, i);
  }
  return 0;
}
