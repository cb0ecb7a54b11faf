#pragma once
// Forward declarations of relate's model-facing types, and the traits that
// recognise them in a mapping.

#include <optional>
#include <type_traits>

namespace relate {

template <class T>
class Ptr;
template <class T>
class HasMany;
template <class T>
class BelongsTo;
template <class T>
class DynamicMany;
template <class T>
class Query;
class Session;

namespace detail {

// What kind of relationship member a type is, and the model it points at.
template <class R>
struct RelationMemberTraits {
  static constexpr bool is_relation = false;
};
template <class T>
struct RelationMemberTraits<HasMany<T>> {
  static constexpr bool is_relation = true;
  static constexpr bool is_collection = true;
  static constexpr bool is_dynamic = false;
  using target = T;
};
template <class T>
struct RelationMemberTraits<DynamicMany<T>> {
  static constexpr bool is_relation = true;
  static constexpr bool is_collection = true;
  static constexpr bool is_dynamic = true;
  using target = T;
};
template <class T>
struct RelationMemberTraits<BelongsTo<T>> {
  static constexpr bool is_relation = true;
  static constexpr bool is_collection = false;
  static constexpr bool is_dynamic = false;
  using target = T;
};

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {
  using inner = T;
};

template <class M>
struct Unwrap {
  using type = M;
};
template <class M>
struct Unwrap<std::optional<M>> {
  using type = M;
};
// The value type of a column member: M, or X for std::optional<X>.
template <class M>
using unwrap_t = typename Unwrap<M>::type;

}  // namespace detail
}  // namespace relate
