#include "util/slug.hpp"

namespace folio {

std::string slugify(std::string_view text, std::size_t max_length) {
  std::string out;
  bool dash = false;
  for (char raw : text) {
    const auto c = static_cast<unsigned char>(raw);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (dash && !out.empty()) out += '-';
      out += static_cast<char>(c);
      dash = false;
    } else if (c >= 'A' && c <= 'Z') {
      if (dash && !out.empty()) out += '-';
      out += static_cast<char>(c - 'A' + 'a');
      dash = false;
    } else if (c < 0x80) {
      dash = true;
    }  // bytes of non-ASCII letters are dropped without splitting the word
    if (out.size() >= max_length) break;
  }
  if (out.size() > max_length) out.resize(max_length);
  while (!out.empty() && out.back() == '-')
    out.pop_back();
  return out;
}

}  // namespace folio
