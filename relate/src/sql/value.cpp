#include "relate/value.hpp"

#include <algorithm>
#include <cstdio>

#include "relate/error.hpp"

namespace relate {

Param to_param(const Value& v) noexcept {
  return std::visit(
      [](const auto& x) -> Param {
        using X = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<X, std::string>) {
          return std::string_view{x};
        } else {
          return x;
        }
      },
      v);
}

std::vector<Param> to_params(const std::vector<Value>& values) {
  std::vector<Param> out;
  out.reserve(values.size());
  for (const Value& v : values)
    out.push_back(to_param(v));
  return out;
}

namespace {

constexpr std::size_t kMaxLoggedString = 200;

void append_quoted(std::string& out, std::string_view s) {
  out += '\'';
  for (char c : s.substr(0, kMaxLoggedString)) {
    if (c == '\'') out += '\'';
    out += c;
  }
  if (s.size() > kMaxLoggedString) out += "...";
  out += '\'';
}

}  // namespace

std::string describe(const Param& p) {
  std::string out;
  std::visit(
      [&](const auto& x) {
        using X = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<X, std::monostate>) {
          out = "NULL";
        } else if constexpr (std::is_same_v<X, std::string_view>) {
          append_quoted(out, x);
        } else if constexpr (std::is_same_v<X, Timestamp>) {
          append_quoted(out, format_timestamp(x));
        } else if constexpr (std::is_same_v<X, bool>) {
          out = x ? "1" : "0";
        } else {
          out = std::to_string(x);
        }
      },
      p);
  return out;
}

std::string format_timestamp(Timestamp t) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<microseconds> tod{t - day};
  char buf[64];
  std::snprintf(
      buf, sizeof buf, "%04d-%02u-%02u %02lld:%02lld:%02lld.%06lld", int{ymd.year()},
      unsigned{ymd.month()}, unsigned{ymd.day()}, static_cast<long long>(tod.hours().count()),
      static_cast<long long>(tod.minutes().count()), static_cast<long long>(tod.seconds().count()),
      static_cast<long long>(tod.subseconds().count()));
  return buf;
}

namespace {

// The value of `width` digits at `pos`, or -1 if any is not a digit.
int digits_at(std::string_view s, std::size_t pos, std::size_t width) noexcept {
  if (pos + width > s.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    const unsigned d = static_cast<unsigned char>(s[i]) - unsigned{'0'};
    if (d > 9) return -1;
    value = value * 10 + static_cast<int>(d);
  }
  return value;
}

bool char_at(std::string_view s, std::size_t pos, char c) noexcept {
  return pos < s.size() && s[pos] == c;
}

[[noreturn]] void throw_bad_timestamp(std::string_view text) {
  throw DataError("cannot read '" + std::string(text) +
                  "' as a timestamp (expected YYYY-MM-DD HH:MM:SS[.ffffff], UTC)");
}

}  // namespace

Timestamp parse_timestamp(std::string_view text) {
  // Fixed positions: "YYYY-MM-DD" then optionally " HH:MM:SS" (or 'T').
  using namespace std::chrono;
  const int y = digits_at(text, 0, 4);
  const int mo = digits_at(text, 5, 2);
  const int d = digits_at(text, 8, 2);
  if (y < 0 || mo < 0 || d < 0 || !char_at(text, 4, '-') || !char_at(text, 7, '-')) {
    throw_bad_timestamp(text);
  }
  int h = 0, mi = 0, sec = 0;
  std::size_t pos = 10;
  if (pos < text.size() && (text[pos] == ' ' || text[pos] == 'T')) {
    h = digits_at(text, 11, 2);
    mi = digits_at(text, 14, 2);
    sec = digits_at(text, 17, 2);
    if (h < 0 || mi < 0 || sec < 0 || !char_at(text, 13, ':') || !char_at(text, 16, ':')) {
      throw_bad_timestamp(text);
    }
    pos = 19;
  }
  long long micros = 0;
  if (char_at(text, pos, '.')) {
    ++pos;
    int digits = 0;
    for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
      if (digits < 6) {
        micros = micros * 10 + (text[pos] - '0');
        ++digits;
      }
    }
    if (digits == 0) throw_bad_timestamp(text);
    for (; digits < 6; ++digits)
      micros *= 10;
  }
  const std::string_view rest = text.substr(std::min(pos, text.size()));
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)},
                           day{static_cast<unsigned>(d)}};
  if (!(rest.empty() || rest == "Z" || rest == "+00" || rest == "+00:00") || !ymd.ok() || h > 23 ||
      mi > 59 || sec > 60) {
    throw_bad_timestamp(text);
  }
  return sys_days{ymd} + hours{h} + minutes{mi} + seconds{sec} + microseconds{micros};
}

}  // namespace relate
