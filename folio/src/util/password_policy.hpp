#pragma once
// Which passwords an account may have: at least 12 characters (OWASP ASVS
// 2.1.1) and not one of the most common passwords (ASVS 2.1.7), shipped in
// folio/data/common_passwords.txt and compiled into the program.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace folio {

inline constexpr std::size_t kPasswordMin = 12;  // characters (UTF-8 code points)

// Why `password` may not be used, as a sentence for the person choosing it;
// nullopt when it may. Refused: fewer than 12 characters; a common password
// (compared without regard to case), also with digits or symbols added at
// the end ("Password1234!") or repeated ("abc123abc123"); nothing but digits
// and symbols. Thread-safe; the list is read on first use.
std::optional<std::string> password_weakness(std::string_view password);

// The number of passwords on the shipped list (for messages and tests).
std::size_t common_password_count();

}  // namespace folio
