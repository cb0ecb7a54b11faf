// Small text checks shared by the HTTP code: case-insensitive compare, tokens, header values.
#pragma once

#include <string_view>

namespace web::detail {

constexpr char ascii_lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

// True when a starts with prefix, ASCII case-insensitively.
constexpr bool istarts_with(std::string_view a, std::string_view prefix) noexcept {
  return a.size() >= prefix.size() && iequals(a.substr(0, prefix.size()), prefix);
}

// RFC 9110 tchar.
constexpr bool is_tchar(char c) noexcept {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

constexpr bool is_token(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_tchar(c)) return false;
  }
  return true;
}

// A header value web will write: no CR, LF or NUL (the characters of header injection).
constexpr bool is_safe_header_value(std::string_view s) noexcept {
  for (char c : s) {
    if (c == '\r' || c == '\n' || c == '\0') return false;
  }
  return true;
}

// RFC 6265 cookie-octet: visible ASCII except DQUOTE, comma, semicolon and backslash.
constexpr bool is_cookie_octet(char c) noexcept {
  const auto u = static_cast<unsigned char>(c);
  return u == 0x21 || (u >= 0x23 && u <= 0x2B) || (u >= 0x2D && u <= 0x3A) ||
         (u >= 0x3C && u <= 0x5B) || (u >= 0x5D && u <= 0x7E);
}

constexpr bool is_cookie_value(std::string_view s) noexcept {
  for (char c : s) {
    if (!is_cookie_octet(c)) return false;
  }
  return true;
}

// Strips spaces and tabs at both ends (HTTP's optional whitespace).
constexpr std::string_view trim_ows(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

}  // namespace web::detail
