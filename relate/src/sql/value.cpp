#include "relate/value.hpp"

#include <charconv>
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

// Reads exactly `width` digits at `pos`; advances pos.
bool read_digits(std::string_view s, std::size_t& pos, std::size_t width, int& out) {
  if (pos + width > s.size()) return false;
  auto [p, ec] = std::from_chars(s.data() + pos, s.data() + pos + width, out);
  if (ec != std::errc{} || p != s.data() + pos + width) return false;
  pos += width;
  return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

Timestamp parse_timestamp(std::string_view text) {
  using namespace std::chrono;
  std::size_t pos = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  bool ok = read_digits(text, pos, 4, y) && expect(text, pos, '-') &&
            read_digits(text, pos, 2, mo) && expect(text, pos, '-') && read_digits(text, pos, 2, d);
  if (ok && pos < text.size() && (text[pos] == ' ' || text[pos] == 'T')) {
    ++pos;
    ok = read_digits(text, pos, 2, h) && expect(text, pos, ':') && read_digits(text, pos, 2, mi) &&
         expect(text, pos, ':') && read_digits(text, pos, 2, sec);
  }
  long long micros = 0;
  if (ok && pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 6) {
        micros = micros * 10 + (text[pos] - '0');
        ++digits;
      }
      ++pos;
    }
    ok = digits > 0;
    for (; digits < 6; ++digits)
      micros *= 10;
  }
  const std::string_view rest = ok ? text.substr(pos) : std::string_view{};
  ok = ok && (rest.empty() || rest == "Z" || rest == "+00" || rest == "+00:00");
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)},
                           day{static_cast<unsigned>(d)}};
  if (!ok || !ymd.ok() || h > 23 || mi > 59 || sec > 60) {
    throw DataError("cannot read '" + std::string(text) +
                    "' as a timestamp (expected YYYY-MM-DD HH:MM:SS[.ffffff], UTC)");
  }
  return sys_days{ymd} + hours{h} + minutes{mi} + seconds{sec} + microseconds{micros};
}

}  // namespace relate
