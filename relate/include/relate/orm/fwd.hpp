#pragma once
// Forward declarations of relate's model-facing types, and the traits that
// recognise them in a mapping.

#include <cstdint>
#include <optional>
#include <type_traits>

namespace relate {

// How a relationship is loaded (SQLAlchemy's lazy=...): declared per
// relationship with relate::lazy(...), overridden per query with options(...).
enum class Load : std::uint8_t {
  select,    // one SELECT for one object on first access (the default)
  joined,    // with the query that loads the objects, by a LEFT OUTER JOIN
  selectin,  // after that query, one SELECT ... WHERE key IN (...) for all its objects
  peers,     // on first access, for every object of the same query result at once
  raise,     // access that would run SQL throws LazyLoadError
  noload,    // never loaded: only what is set in memory
};

// What a session does when one relationship is lazily loaded, one object at
// a time, for many objects of one query result (the N+1 problem).
enum class NPlusOne : std::uint8_t {
  off,
  warn,   // a warning through the database's warning handler (stderr by default)
  raise,  // NPlusOneError: for tests that must not regress
};

template <class T>
class Ptr;
template <class T>
class HasMany;
template <class T>
class BelongsTo;
template <class T>
class HasOne;
template <class T>
class ManyToMany;
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
// is_collection: the related model holds the foreign key (HasMany,
// DynamicMany, HasOne); is_to_one: the member holds at most one object.
template <class T>
struct RelationMemberTraits<HasMany<T>> {
  static constexpr bool is_relation = true;
  static constexpr bool is_collection = true;
  static constexpr bool is_dynamic = false;
  static constexpr bool is_to_one = false;
  static constexpr bool is_many_to_many = false;
  using target = T;
};
template <class T>
struct RelationMemberTraits<ManyToMany<T>> {
  static constexpr bool is_relation = true;
  static constexpr bool is_collection = true;
  static constexpr bool is_dynamic = false;
  static constexpr bool is_to_one = false;
  static constexpr bool is_many_to_many = true;
  using target = T;
};
template <class T>
struct RelationMemberTraits<HasOne<T>> {
  static constexpr bool is_relation = true;
  static constexpr bool is_collection = true;
  static constexpr bool is_dynamic = false;
  static constexpr bool is_to_one = true;
  static constexpr bool is_many_to_many = false;
  using target = T;
};
template <class T>
struct RelationMemberTraits<DynamicMany<T>> {
  static constexpr bool is_relation = true;
  static constexpr bool is_collection = true;
  static constexpr bool is_dynamic = true;
  static constexpr bool is_to_one = false;
  static constexpr bool is_many_to_many = false;
  using target = T;
};
template <class T>
struct RelationMemberTraits<BelongsTo<T>> {
  static constexpr bool is_relation = true;
  static constexpr bool is_collection = false;
  static constexpr bool is_dynamic = false;
  static constexpr bool is_to_one = true;
  static constexpr bool is_many_to_many = false;
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
