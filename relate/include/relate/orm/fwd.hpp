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
// The models (and aliases) a query or expression reads (relate/orm/expressions.hpp).
template <class... Sources>
struct Models;
template <class T, class From = Models<T>>
class Query;
class Session;

namespace detail {

// relate's engine room (private: src/relate/orm/*.hpp).
struct ModelInfo;
struct RelationInfo;
class ObjectState;
class Graph;
class RelationMember;
class SessionImpl;
// The run-time description of model T, built from its mapping on first use.
template <class T>
ModelInfo& model_info();
using ModelThunk = ModelInfo& (*)();
// Bit i set: column i.
using ColumnMask = std::uint64_t;

enum class RelationKind { many_to_one, one_to_many, one_to_one, many_to_many, dynamic };

// What kind of relationship member a type is, and the model it points at.
// is_collection: the related model holds the foreign key (HasMany,
// DynamicMany, HasOne); is_to_one: the member holds at most one object.
template <class R>
struct RelationMemberTraits {
  static constexpr bool is_relation = false;
};
template <class T, RelationKind K>
struct RelationMemberOf {
  static constexpr bool is_relation = true;
  static constexpr RelationKind kind = K;
  static constexpr bool is_collection = K != RelationKind::many_to_one;
  static constexpr bool is_dynamic = K == RelationKind::dynamic;
  static constexpr bool is_to_one = K == RelationKind::many_to_one || K == RelationKind::one_to_one;
  static constexpr bool is_many_to_many = K == RelationKind::many_to_many;
  using target = T;
};
template <class T>
struct RelationMemberTraits<HasMany<T>> : RelationMemberOf<T, RelationKind::one_to_many> {};
template <class T>
struct RelationMemberTraits<ManyToMany<T>> : RelationMemberOf<T, RelationKind::many_to_many> {};
template <class T>
struct RelationMemberTraits<HasOne<T>> : RelationMemberOf<T, RelationKind::one_to_one> {};
template <class T>
struct RelationMemberTraits<DynamicMany<T>> : RelationMemberOf<T, RelationKind::dynamic> {};
template <class T>
struct RelationMemberTraits<BelongsTo<T>> : RelationMemberOf<T, RelationKind::many_to_one> {};

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
