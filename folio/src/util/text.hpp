#pragma once
// Small text helpers the forms share.

#include <cstddef>
#include <string>
#include <string_view>

namespace folio {

// `s` without leading and trailing spaces, tabs and line breaks.
std::string_view trim(std::string_view s);
// The number of characters (UTF-8 code points) in `s`.
std::size_t characters(std::string_view s);
// `s` percent-encoded for a query string value (RFC 3986 unreserved kept).
std::string url_encode(std::string_view s);

}  // namespace folio
