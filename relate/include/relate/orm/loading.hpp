#pragma once
// Loading options for one query (SQLAlchemy's selectinload(), joinedload(),
// ...), overriding the relationship's own lazy(...) strategy:
//
//   auto posts = s.query<Post>()
//                    .options(relate::selectinload(&Post::comments),
//                             relate::joinedload(&Post::author))
//                    .all();   // 2 statements: posts with authors, then comments
//
// An option names a relationship member of the queried model; one that is
// not mapped is an InvalidRequestError when the option is given.

#include <cstdint>

#include "relate/orm/fwd.hpp"
#include "relate/orm/model_builder.hpp"

namespace relate {

// A loading strategy for one relationship of the rows of a Query<T>.
template <class T>
struct LoadOption {
  std::uintptr_t member;  // detail::member_offset of the relationship member
  Load strategy;
  bool from_join = false;  // contains_eager: only the rows the query's join() matched
};

namespace detail {
template <class T, class R>
LoadOption<T> load_option(R T::*member, Load strategy) {
  static_assert(RelationMemberTraits<R>::is_relation,
                "relate: a loading option names a relationship member (HasMany<X>, "
                "BelongsTo<X>, ...) of the queried model");
  static_assert(!RelationMemberTraits<R>::is_dynamic,
                "relate: a DynamicMany is a query, never loaded whole; it takes no loading option");
  return LoadOption<T>{member_offset(member), strategy};
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
// Filled from the query's join() along the same relationship (SQLAlchemy's
// contains_eager): the related objects that matched the join's filter, in
// the same statement. Without a join() it is joinedload.
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
