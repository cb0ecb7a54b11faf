#pragma once
// The text of folio/data/common_passwords.txt, compiled in at build time (see
// folio/CMakeLists.txt): one password a line, "# " lines are comments.

#include <string_view>

namespace folio {

std::string_view common_passwords_text() noexcept;

}  // namespace folio
