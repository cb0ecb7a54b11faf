#include "http_date.hpp"

#include <array>
#include <charconv>

namespace web::detail {
namespace {
constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool parse_number(std::string_view text, int& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc{} && end == text.data() + text.size();
}
}  // namespace

std::string format_http_date(std::time_t time) {
  std::tm tm{};
  gmtime_r(&time, &tm);
  std::array<char, 40> buffer{};
  const std::size_t n =
      std::strftime(buffer.data(), buffer.size(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return std::string(buffer.data(), n);
}

std::optional<std::time_t> parse_http_date(std::string_view text) {
  // "Sun, 06 Nov 1994 08:49:37 GMT": fixed width, 29 characters.
  if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' ||
      text[16] != ' ' || text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
    return std::nullopt;
  }
  bool day_ok = false;
  for (std::string_view day : kDays)
    day_ok = day_ok || day == text.substr(0, 3);
  int month = -1;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (kMonths[i] == text.substr(8, 3)) month = static_cast<int>(i);
  }
  std::tm tm{};
  if (!day_ok || month < 0 || !parse_number(text.substr(5, 2), tm.tm_mday) ||
      !parse_number(text.substr(12, 4), tm.tm_year) ||
      !parse_number(text.substr(17, 2), tm.tm_hour) ||
      !parse_number(text.substr(20, 2), tm.tm_min) ||
      !parse_number(text.substr(23, 2), tm.tm_sec)) {
    return std::nullopt;
  }
  tm.tm_mon = month;
  tm.tm_year -= 1900;
  if (tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60) {
    return std::nullopt;
  }
  return timegm(&tm);
}

std::string_view current_http_date() {
  thread_local std::time_t cached_second = -1;
  thread_local std::string cached;
  const std::time_t now = std::time(nullptr);
  if (now != cached_second) {
    cached = format_http_date(now);
    cached_second = now;
  }
  return cached;
}

}  // namespace web::detail
