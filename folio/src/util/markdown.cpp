#include "util/markdown.hpp"

#include <cmark.h>

#include <cstdlib>
#include <memory>

namespace folio {

std::string markdown_to_html(std::string_view markdown) {
  // CMARK_OPT_SAFE is the default since cmark 0.29; say it anyway, and never
  // pass CMARK_OPT_UNSAFE.
  std::unique_ptr<char, decltype(&std::free)> html(
      cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_SAFE | CMARK_OPT_SMART),
      &std::free);
  return html ? std::string(html.get()) : std::string();
}

}  // namespace folio
