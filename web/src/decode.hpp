// Strict decoders for what arrives in URLs, forms and cookies. Pure functions: no I/O, no
// global state, safe to call from any thread (and fuzzed in fuzz/).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace web::detail {

using DecodedParams = std::vector<std::pair<std::string, std::string>>;
using CookiePairs = std::vector<std::pair<std::string_view, std::string_view>>;

// Most fields a query string or form may have; more is a 400 (bounds the work per request).
inline constexpr std::size_t kMaxParams = 1000;

// True when s is well-formed UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view s) noexcept;

enum class DecodeResult { ok, bad_escape, bad_utf8 };

// Appends the percent-decoding of in to out. With plus_is_space, '+' decodes to ' ' (the
// application/x-www-form-urlencoded rule; paths keep '+'). Every '%' must start "%XX" with two
// hex digits, and the decoded bytes must be valid UTF-8; otherwise returns the failure and out
// holds a partial result.
DecodeResult percent_decode(std::string_view in, bool plus_is_space, std::string& out);

// Parses an application/x-www-form-urlencoded string ("a=1&b=x+y") into out, in order. Empty
// pairs ("a=1&&b=2") are skipped; "a" alone means a = "". Returns nullopt on success, or a
// message for a 400 naming `what` ("query string", "form body"): a bad %-escape, invalid
// UTF-8, a NUL byte where `nul` refuses it, or more than kMaxParams fields. A form's fields
// may hold NUL (Nul::keep): the application checks its text fields and answers beside the
// field, keeping what was typed; a query string never needs one.
enum class Nul : bool { refuse, keep };
std::optional<std::string> parse_urlencoded(std::string_view in, std::string_view what,
                                            DecodedParams& out, Nul nul = Nul::refuse);

// Parses a Cookie header value ("a=1; b=2") into out as views into header. A pair that is
// malformed (no '=', a name that is not a token, a value outside cookie-octets) is skipped.
// A value in double quotes is returned without them.
void parse_cookie_header(std::string_view header, CookiePairs& out);

}  // namespace web::detail
