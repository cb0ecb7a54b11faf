#pragma once
// Loading options for one query (SQLAlchemy's selectinload(), joinedload(),
// ...), overriding the relationship's own lazy(...) strategy, as in
// s.query<Post>().options(relate::selectinload(&Post::comments)). An option
// names a relationship member of the queried model; one that is not mapped
// is an InvalidRequestError when the option is given.

#include <cstdint>
#include <vector>

#include "relate/orm/expressions.hpp"
#include "relate/orm/fwd.hpp"
#include "relate/orm/model_builder.hpp"
#include "relate/sql/expression.hpp"

namespace relate {

// A loading strategy for one relationship of the rows of a Query<T>.
template <class T>
struct LoadOption {
  std::uintptr_t member = 0;  // detail::member_offset of the relationship member
  Load strategy = Load::select;
  bool from_join = false;       // contains_eager: only the rows the query's filter_any() matched
  std::int64_t per_parent = 0;  // selectinload(..., first(n, order)): at most n per owner
  std::vector<sql::OrderTerm> per_parent_order;
};

// The first `n` related objects of each owner in `order` (see selectinload).
template <class U>
struct PerParent {
  std::int64_t n;
  std::vector<sql::OrderTerm> order;
};
template <class U, class... More>
PerParent<U> first(std::int64_t n, const Order<U>& order, const More&... more) {
  return PerParent<U>{n, {order.term(), more.term()...}};
}

namespace detail {
template <class T, class R>
LoadOption<T> load_option(R T::*member, Load strategy) {
  static_assert(RelationMemberTraits<R>::is_relation,
                "relate: a loading option names a relationship member (HasMany<X>, "
                "BelongsTo<X>, ...) of the queried model");
  static_assert(!RelationMemberTraits<R>::is_dynamic,
                "relate: a DynamicMany is a query, never loaded whole; it takes no loading option");
  LoadOption<T> option;
  option.member = member_offset(member);
  option.strategy = strategy;
  return option;
}
}  // namespace detail

// One LEFT OUTER JOIN with the query (LIMIT and OFFSET still count its rows).
template <class T, class R>
LoadOption<T> joinedload(R T::*member) {
  return detail::load_option(member, Load::joined);
}
// One SELECT ... IN (...) after the query, for all its rows (in batches of 500).
template <class T, class R>
LoadOption<T> selectinload(R T::*member) {
  return detail::load_option(member, Load::selectin);
}
// Each owner with only its first `limit.n` related objects in `limit.order`,
// in one statement for all (a window function): "each post with its latest
// three comments" is
//   selectinload(&Post::comments, relate::first(3, relate::desc(&Comment::created_at)))
// The collections then hold just those objects (for reading: a page, a
// preview), not the whole relationship.
template <class T, class R>
LoadOption<T> selectinload(
    R T::*member, const PerParent<typename detail::RelationMemberTraits<R>::target>& limit) {
  static_assert(detail::RelationMemberTraits<R>::is_collection &&
                    !detail::RelationMemberTraits<R>::is_to_one &&
                    !detail::RelationMemberTraits<R>::is_many_to_many,
                "relate: a per-parent limit applies to one-to-many collections (HasMany)");
  LoadOption<T> option = detail::load_option(member, Load::selectin);
  option.per_parent = limit.n;
  option.per_parent_order = limit.order;
  return option;
}
// Lazily, but for every row of the result at once when one row first needs it.
template <class T, class R>
LoadOption<T> peerload(R T::*member) {
  return detail::load_option(member, Load::peers);
}
// One SELECT per object on first access (the default strategy).
template <class T, class R>
LoadOption<T> lazyload(R T::*member) {
  return detail::load_option(member, Load::select);
}
// Access that would need SQL throws LazyLoadError (to prove a page needs no lazy loads).
template <class T, class R>
LoadOption<T> raiseload(R T::*member) {
  return detail::load_option(member, Load::raise);
}
// Filled from the query's filter_any() along the same relationship (SQLAlchemy's
// contains_eager): the related objects that matched the join's filter, in
// the same statement. Without a filter_any() it is joinedload.
template <class T, class R>
LoadOption<T> contains_eager(R T::*member) {
  LoadOption<T> option = detail::load_option(member, Load::joined);
  option.from_join = true;
  return option;
}
// Never loaded: empty (or null) unless set in memory.
template <class T, class R>
LoadOption<T> noload(R T::*member) {
  return detail::load_option(member, Load::noload);
}

}  // namespace relate
