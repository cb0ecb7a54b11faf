// HTTP dates (RFC 9110 IMF-fixdate): "Sun, 06 Nov 1994 08:49:37 GMT".
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace web::detail {

std::string format_http_date(std::time_t time);

// Parses IMF-fixdate only (the form every current client sends); nullopt for anything else.
std::optional<std::time_t> parse_http_date(std::string_view text);

// The current time as an HTTP date, formatted at most once a second per thread. The view is
// valid until this thread's next call.
std::string_view current_http_date();

}  // namespace web::detail
