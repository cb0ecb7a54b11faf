// web's plain built-in error page, used when the App has none or its own fails.
#pragma once

#include <string_view>

#include "web/response.hpp"

namespace web::detail {

// A small HTML page: the status line as title and heading, and message (escaped) below it.
Response builtin_error_page(Status status, std::string_view message);

}  // namespace web::detail
