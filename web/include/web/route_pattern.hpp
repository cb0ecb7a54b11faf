// Route patterns in Flask's style: "/", "/<int:post_id>/", "/tags/<name>/", "/files/<path:rest>".
//
// Grammar: a pattern starts with '/' and is split into segments by '/'. A segment is either
// literal text or one parameter "<converter:name>" filling the whole segment. Converters:
//   string (the default, "<name>"): one non-empty segment, no '/'; reaches the handler as text.
//   int: decimal digits only (no sign), fitting std::int64_t; reaches the handler as std::int64_t.
//   path: one or more segments, '/' included; only as the last segment.
// A pattern ending in '/' also answers the same path without it, with a 308 redirect to it
// (Flask / Werkzeug's strict_slashes). At most kMaxRouteParams parameters, names unique.
//
// The _route literal ("/<int:id>/"_route) parses the pattern at compile time, so a malformed
// pattern, or a handler whose parameter types do not fit its converters, does not compile.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace web {

enum class Converter : std::uint8_t { string, int64, path };

inline constexpr std::size_t kMaxRouteParams = 8;

namespace detail {

// One segment of a parsed pattern: literal text, or a parameter (text is then its name).
struct PatternSegment {
  bool is_param = false;
  Converter converter = Converter::string;
  std::string_view text;
};

[[noreturn]] inline void throw_bad_pattern(std::string_view pattern, const char* why) {
  throw std::invalid_argument("route pattern '" + std::string(pattern) + "': " + why);
}

constexpr bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
constexpr bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9');
}

// string_view::find without char_traits::find: GCC 12 refuses, at compile time, the null
// check it does on pointers into a template parameter object (the _route literal's text).
constexpr std::size_t find_char(std::string_view s, char c, std::size_t from = 0) {
  for (std::size_t i = from; i < s.size(); ++i) {
    if (s[i] == c) return i;
  }
  return std::string_view::npos;
}

constexpr PatternSegment parse_segment(std::string_view pattern, std::string_view segment) {
  for (char c : segment) {
    if (c == '\0' || c == '?' || c == '#' || c == '%' || c == ' ' || c == '\\') {
      throw_bad_pattern(pattern,
                        "contains a character not allowed in a pattern (?, #, %, space, \\)");
    }
  }
  const bool opens = find_char(segment, '<') != std::string_view::npos;
  const bool closes = find_char(segment, '>') != std::string_view::npos;
  if (!opens && !closes) return PatternSegment{false, Converter::string, segment};
  if (segment.size() < 3 || segment.front() != '<' || segment.back() != '>' ||
      find_char(segment, '<', 1) != std::string_view::npos ||
      find_char(segment, '>') != segment.size() - 1) {
    throw_bad_pattern(pattern, "a parameter must fill a whole segment, as in /<int:id>/");
  }
  std::string_view inside = segment.substr(1, segment.size() - 2);
  Converter converter = Converter::string;
  if (const auto colon = find_char(inside, ':'); colon != std::string_view::npos) {
    const std::string_view name = inside.substr(0, colon);
    if (name == "int") {
      converter = Converter::int64;
    } else if (name == "string") {
      converter = Converter::string;
    } else if (name == "path") {
      converter = Converter::path;
    } else {
      throw_bad_pattern(pattern, "unknown converter (use int, string or path)");
    }
    inside = inside.substr(colon + 1);
  }
  if (inside.empty() || !is_name_start(inside.front())) {
    throw_bad_pattern(pattern, "a parameter name must start with a letter or '_'");
  }
  for (char c : inside) {
    if (!is_name_char(c)) throw_bad_pattern(pattern, "a parameter name may hold only [A-Za-z0-9_]");
  }
  return PatternSegment{true, converter, inside};
}

// Calls on_segment(const PatternSegment&) for each segment of pattern, in order. Throws
// std::invalid_argument with the reason for a malformed pattern (a compile error when evaluated
// at compile time).
template <class OnSegment>
constexpr void parse_pattern(std::string_view pattern, OnSegment&& on_segment) {
  if (pattern.empty() || pattern.front() != '/') throw_bad_pattern(pattern, "must start with '/'");
  std::array<std::string_view, kMaxRouteParams> names{};
  std::size_t param_count = 0;
  bool after_path = false;
  std::string_view rest = pattern.substr(1);
  while (true) {
    const std::size_t slash = find_char(rest, '/');
    const std::string_view text = rest.substr(0, slash);
    const PatternSegment segment = parse_segment(pattern, text);
    if (after_path) throw_bad_pattern(pattern, "a <path:...> parameter must be the last segment");
    if (segment.is_param) {
      if (param_count == kMaxRouteParams) throw_bad_pattern(pattern, "too many parameters");
      for (std::size_t i = 0; i < param_count; ++i) {
        if (names[i] == segment.text) throw_bad_pattern(pattern, "duplicate parameter name");
      }
      names[param_count++] = segment.text;
      after_path = segment.converter == Converter::path;
    }
    on_segment(segment);
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
}

// Returns the number of parameters in pattern (throws like parse_pattern).
constexpr std::size_t count_params(std::string_view pattern) {
  std::size_t n = 0;
  parse_pattern(pattern, [&n](const PatternSegment& s) { n += s.is_param ? 1 : 0; });
  return n;
}

// A string literal usable as a template argument.
template <std::size_t N>
struct FixedString {
  char chars[N]{};
  constexpr FixedString(const char (&text)[N]) {  // NOLINT: implicit on purpose
    for (std::size_t i = 0; i < N; ++i)
      chars[i] = text[i];
  }
  constexpr std::string_view view() const { return {chars, N - 1}; }
};

}  // namespace detail

// A pattern checked at compile time; made by the _route literal. Holds no data.
template <detail::FixedString Pattern>
struct RoutePattern {
  static constexpr std::string_view text() { return Pattern.view(); }
  static constexpr auto converters() {
    std::array<Converter, detail::count_params(Pattern.view())> result{};
    std::size_t i = 0;
    detail::parse_pattern(Pattern.view(), [&](const detail::PatternSegment& s) {
      if (s.is_param) result[i++] = s.converter;
    });
    return result;
  }
};

namespace literals {
// "/<int:post_id>/"_route: a route pattern parsed and checked by the compiler.
template <detail::FixedString Pattern>
constexpr RoutePattern<Pattern> operator""_route() {
  static_assert((RoutePattern<Pattern>::converters(), true));
  return {};
}
}  // namespace literals

}  // namespace web
