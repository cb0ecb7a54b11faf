#pragma once
// How each C++ member type maps to a SQL column: its SQL type, whether it may
// be NULL (exactly when it is a std::optional), how it is bound and read.

#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "relate/connection/connection.hpp"
#include "relate/error.hpp"
#include "relate/orm/fwd.hpp"
#include "relate/sql/schema.hpp"
#include "relate/value.hpp"

namespace relate::detail {

// Undefined for unsupported types: a mapping that names one does not compile.
template <class M>
struct ColumnTraits;

template <>
struct ColumnTraits<std::int64_t> {
  static constexpr sql::SqlType type = sql::SqlType::integer;
  static Param param(const std::int64_t& v) noexcept { return v; }
  // read() returns false when the stored value is NULL (leaving `out` zero).
  static bool read(std::int64_t& out, const Cursor& c, std::size_t i) {
    out = c.get_int64(i);
    return out != 0 || !c.is_null(i);
  }
  static Value value(std::int64_t v) { return v; }
};

template <>
struct ColumnTraits<int> {
  static constexpr sql::SqlType type = sql::SqlType::integer;
  static Param param(const int& v) noexcept { return std::int64_t{v}; }
  static bool read(int& out, const Cursor& c, std::size_t i) {
    const std::int64_t v = c.get_int64(i);
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
      throw DataError("stored value " + std::to_string(v) + " does not fit an int member");
    }
    out = static_cast<int>(v);
    return v != 0 || !c.is_null(i);
  }
  static Value value(int v) { return std::int64_t{v}; }
};

template <>
struct ColumnTraits<double> {
  static constexpr sql::SqlType type = sql::SqlType::real;
  static Param param(const double& v) noexcept { return v; }
  static bool read(double& out, const Cursor& c, std::size_t i) {
    out = c.get_double(i);
    return out != 0.0 || !c.is_null(i);
  }
  static Value value(double v) { return v; }
};

template <>
struct ColumnTraits<bool> {
  static constexpr sql::SqlType type = sql::SqlType::boolean;
  static Param param(const bool& v) noexcept { return v; }
  static bool read(bool& out, const Cursor& c, std::size_t i) {
    out = c.get_bool(i);
    return out || !c.is_null(i);
  }
  static Value value(bool v) { return v; }
};

template <>
struct ColumnTraits<std::string> {
  static constexpr sql::SqlType type = sql::SqlType::text;
  static Param param(const std::string& v) noexcept { return std::string_view{v}; }
  static bool read(std::string& out, const Cursor& c, std::size_t i) {
    const std::string_view text = c.get_text(i);  // a null data pointer for NULL
    out = text;
    return text.data() != nullptr;
  }
  static Value value(std::string_view v) { return std::string{v}; }
};

template <class Duration>
struct ColumnTraits<std::chrono::time_point<std::chrono::system_clock, Duration>> {
  using TimePoint = std::chrono::time_point<std::chrono::system_clock, Duration>;
  static constexpr sql::SqlType type = sql::SqlType::timestamp;
  static Param param(const TimePoint& v) noexcept {
    return std::chrono::floor<std::chrono::microseconds>(v);
  }
  static bool read(TimePoint& out, const Cursor& c, std::size_t i) {
    if (c.is_null(i)) return false;
    out = std::chrono::time_point_cast<Duration>(c.get_timestamp(i));
    return true;
  }
  static Value value(const TimePoint& v) {
    return std::chrono::floor<std::chrono::microseconds>(v);
  }
};

// True for the member types relate can map to a column.
template <class M>
concept SupportedScalar = requires {
  ColumnTraits<M>::type;
};

template <class M>
struct ColumnTraits<std::optional<M>> {
  static constexpr sql::SqlType type = ColumnTraits<M>::type;
  static Param param(const std::optional<M>& v) noexcept {
    return v ? ColumnTraits<M>::param(*v) : Param{};
  }
  static bool read(std::optional<M>& out, const Cursor& c, std::size_t i) {
    if (!ColumnTraits<M>::read(out.emplace(), c, i)) out.reset();
    return true;
  }
};

template <class M>
concept SupportedColumn = SupportedScalar<M> ||
    (IsOptional<M>::value&& SupportedScalar<unwrap_t<M>>);

}  // namespace relate::detail
