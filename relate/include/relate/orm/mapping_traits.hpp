#pragma once
// Compile-time questions about a model's mapping: which parts are columns,
// which column holds the primary key, which column maps a member, which
// foreign key joins two models. Used by the ORM's templates; the answers are
// constants, so misuse is a compile error.

#include <array>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "relate/orm/mapping.hpp"

namespace relate::detail {

inline constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

template <class T>
using model_def_t = std::remove_cvref_t<decltype(model<T>)>;

// A type whose mapping has been declared with table<T>(...).
template <class T>
concept Mapped = requires {
  model_def_t<T>::is_table;
};

template <class T>
using parts_t = decltype(model_def_t<T>::parts);
template <class T>
inline constexpr std::size_t part_count = std::tuple_size_v<parts_t<T>>;
template <class T, std::size_t I>
using part_t = std::tuple_element_t<I, parts_t<T>>;

// Indices (into the parts tuple) of the parts that are Tmpl<...>s.
template <class T, template <class...> class Tmpl>
consteval auto part_indices() {
  return []<std::size_t... I>(std::index_sequence<I...>) {
    std::array<std::size_t, count_of<Tmpl, part_t<T, I>...>> out{};
    std::size_t k = 0;
    ((is_a<part_t<T, I>, Tmpl> ? (out[k++] = I, 0) : 0), ...);
    return out;
  }
  (std::make_index_sequence<part_count<T>>{});
}

template <class T>
inline constexpr auto column_parts = part_indices<T, ColumnDef>();
template <class T>
inline constexpr std::size_t column_count = column_parts<T>.size();
// The declaration of column C (0-based among columns).
template <class T, std::size_t C>
using column_t = part_t<T, column_parts<T>[C]>;
template <class T, std::size_t C>
constexpr const column_t<T, C>& column_def() {
  return std::get<column_parts<T>[C]>(model<T>.parts);
}

template <class T>
inline constexpr auto relation_parts = part_indices<T, RelationshipDef>();
template <class T>
inline constexpr std::size_t relation_count = relation_parts<T>.size();
template <class T, std::size_t R>
using relation_t = part_t<T, relation_parts<T>[R]>;
template <class T, std::size_t R>
constexpr const relation_t<T, R>& relation_def() {
  return std::get<relation_parts<T>[R]>(model<T>.parts);
}

// Calls f(std::integral_constant<std::size_t, C>{}) for each column C.
template <class T, class F>
constexpr void for_each_column(F&& f) {
  [&]<std::size_t... C>(std::index_sequence<C...>) {
    (f(std::integral_constant<std::size_t, C>{}), ...);
  }
  (std::make_index_sequence<column_count<T>>{});
}

template <class T, class F>
constexpr void for_each_relation(F&& f) {
  [&]<std::size_t... R>(std::index_sequence<R...>) {
    (f(std::integral_constant<std::size_t, R>{}), ...);
  }
  (std::make_index_sequence<relation_count<T>>{});
}

template <class T>
consteval std::size_t find_primary_key_column() {
  std::size_t found = npos;
  for_each_column<T>([&](auto c) {
    if (column_t<T, decltype(c)::value>::is_primary_key) found = decltype(c)::value;
  });
  return found;
}
template <class T>
inline constexpr std::size_t primary_key_column = find_primary_key_column<T>();

// How a snapshot keeps a member's value: strings as views of bytes copied
// into the object's graph (no allocation of their own), the rest as they are.
template <class M>
using snapshot_value_t =
    std::conditional_t<std::is_same_v<M, std::string>, std::string_view,
                       std::conditional_t<std::is_same_v<M, std::optional<std::string>>,
                                          std::optional<std::string_view>, M>>;

// The column values of T, as last read from or written to the database.
template <class T, class Seq = std::make_index_sequence<column_count<T>>>
struct SnapshotOf;
template <class T, std::size_t... C>
struct SnapshotOf<T, std::index_sequence<C...>> {
  using type = std::tuple<snapshot_value_t<typename column_t<T, C>::member_type>...>;
};
template <class T>
using Snapshot = typename SnapshotOf<T>::type;

// Reached only when a member that is not a mapped column is used as one:
// the compile error names this function.
inline void member_is_not_a_mapped_column() {}

// The index of the column mapped to `member`.
template <class T, class M>
consteval std::size_t column_index_of(M T::*member) {
  std::size_t found = npos;
  for_each_column<T>([&](auto c) {
    constexpr std::size_t C = decltype(c)::value;
    if constexpr (std::is_same_v<typename column_t<T, C>::member_type, M>) {
      if (column_def<T, C>().member == member) found = C;
    }
  });
  if (found == npos) member_is_not_a_mapped_column();
  return found;
}

// The columns of Child holding a foreign key to Parent: how many, and the first.
struct ForeignKeysTo {
  std::size_t count = 0;
  std::size_t first = npos;
};
template <class Child, class Parent>
consteval ForeignKeysTo foreign_keys_to() {
  ForeignKeysTo out;
  for_each_column<Child>([&](auto c) {
    using Def = column_t<Child, decltype(c)::value>;
    if constexpr (Def::has_foreign_key) {
      if (std::is_same_v<typename Def::foreign_key_type::model_type, Parent> && out.count++ == 0)
        out.first = c;
    }
  });
  return out;
}

// The index of the relationship declared on `member` in T's mapping, or npos.
template <class T, class R>
consteval std::size_t relation_index_of(R T::*member) {
  std::size_t found = npos;
  for_each_relation<T>([&](auto r) {
    constexpr std::size_t I = decltype(r)::value;
    if constexpr (std::is_same_v<typename relation_t<T, I>::member_type, R>) {
      if (relation_def<T, I>().member == member) found = I;
    }
  });
  return found;
}

}  // namespace relate::detail
