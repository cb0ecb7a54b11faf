#pragma once
// Values crossing the boundary between C++ and SQL: owned values (for
// expressions that outlive their arguments) and parameter views (for binding
// without copies).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace relate {

// Time is stored with microsecond precision, in UTC.
using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

// An owned SQL value. std::monostate is NULL.
using Value = std::variant<std::monostate, std::int64_t, double, bool, std::string, Timestamp>;

// A parameter as bound to a statement: strings are views, so a Param is only
// valid while the value it was made from lives. std::monostate is NULL.
using Param = std::variant<std::monostate, std::int64_t, double, bool, std::string_view, Timestamp>;

// A value for a named placeholder of raw SQL (Session::execute and fetch):
// {"id", 42}, {"title", "Hello"}, {"website", std::nullopt}. Owns its value.
struct NamedValue {
  NamedValue(std::string_view n, Value v) : name(n), value(std::move(v)) {}
  NamedValue(std::string_view n, std::nullopt_t) : name(n) {}
  template <class Duration>
  NamedValue(std::string_view n, std::chrono::time_point<std::chrono::system_clock, Duration> t)
      : name(n), value(std::chrono::floor<std::chrono::microseconds>(t)) {}
  template <class T>
  NamedValue(std::string_view n, const std::optional<T>& v) : name(n) {
    if (v) *this = NamedValue(n, *v);
  }

  std::string name;
  Value value;
};

// A view of `v` (valid while `v` lives).
Param to_param(const Value& v) noexcept;
// Views of `values`, in order (valid while they live).
std::vector<Param> to_params(const std::vector<Value>& values);

// Renders a parameter for logs: 42, 1.5, 1, 'text' (quotes doubled), NULL,
// '2026-01-02 03:04:05.000006'. Long strings are shortened.
std::string describe(const Param& p);

// "YYYY-MM-DD HH:MM:SS.ffffff", UTC: the text form relate stores and parses.
std::string format_timestamp(Timestamp t);

// Parses format_timestamp()'s form; also accepts no fraction, a 'T'
// separator and a trailing 'Z' or "+00"/"+00:00". Throws DataError otherwise.
Timestamp parse_timestamp(std::string_view text);

}  // namespace relate
