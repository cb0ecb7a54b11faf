#pragma once
// Markdown to HTML with cmark (CommonMark), in safe mode: raw HTML is
// dropped and javascript:/vbscript:/data: links are removed, so the output
// can be inserted into a page unescaped.

#include <string>
#include <string_view>

namespace folio {

std::string markdown_to_html(std::string_view markdown);

}  // namespace folio
