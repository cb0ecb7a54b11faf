#pragma once
// How each C++ member type maps to a SQL column: its SQL type, whether it may
// be NULL (exactly when it is a std::optional), how it is bound and read.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "relate/connection/connection.hpp"
#include "relate/orm/fwd.hpp"
#include "relate/sql/schema.hpp"
#include "relate/value.hpp"

namespace relate::detail {

// The SQL type of a member type, and the type it is bound as. Undefined for
// unsupported types: a mapping that names one does not compile.
template <class M>
struct Scalar;
template <sql::SqlType Type, class Bound>
struct ScalarOf {
  static constexpr sql::SqlType type = Type;
  using bound = Bound;
};
template <>
struct Scalar<std::int64_t> : ScalarOf<sql::SqlType::integer, std::int64_t> {};
template <>
struct Scalar<int> : ScalarOf<sql::SqlType::integer, std::int64_t> {};
template <>
struct Scalar<double> : ScalarOf<sql::SqlType::real, double> {};
template <>
struct Scalar<bool> : ScalarOf<sql::SqlType::boolean, bool> {};
template <>
struct Scalar<std::string> : ScalarOf<sql::SqlType::text, std::string_view> {};
template <class D>
struct Scalar<std::chrono::time_point<std::chrono::system_clock, D>>
    : ScalarOf<sql::SqlType::timestamp, Timestamp> {};

// True for the member types relate can map to a column.
template <class M>
concept SupportedScalar = requires {
  Scalar<M>::type;
};

template <class M>
struct ColumnTraits {
  static constexpr sql::SqlType type = Scalar<M>::type;
  using Bound = typename Scalar<M>::bound;
  static Param param(const M& v) noexcept {
    if constexpr (std::is_same_v<Bound, Timestamp>) {
      return std::chrono::floor<std::chrono::microseconds>(v);
    } else {
      return Bound(v);
    }
  }
  // Reads column i of the cursor's row; false when it is NULL (leaving `out`
  // zero). Throws DataError for a value the member cannot hold.
  static bool read(M& out, const Cursor& c, std::size_t i) {
    if constexpr (std::is_same_v<Bound, Timestamp>) {
      Timestamp t;
      if (!c.read(i, t)) return false;
      out = std::chrono::time_point_cast<typename M::duration>(t);
      return true;
    } else {
      return c.read(i, out);
    }
  }
  // A value for a DDL DEFAULT clause.
  static Value value(const M& v) {
    if constexpr (std::is_same_v<M, std::string>) {
      return v;
    } else {
      return std::get<Bound>(param(v));
    }
  }
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
