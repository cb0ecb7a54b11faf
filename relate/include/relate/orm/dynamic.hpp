#pragma once
// DynamicMany<T>: a one-to-many relationship that is a query, never loaded
// whole (SQLAlchemy's lazy="dynamic").

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "relate/orm/query.hpp"
#include "relate/orm/relationships.hpp"

namespace relate {

// One-to-many loaded as a query (SQLAlchemy's lazy="dynamic"): filter,
// order, limit and count one parent's children without loading them all.
// Appending and removing work without loading too.
template <class T>
class DynamicMany : public detail::CollectionOf<T> {
  using Base = detail::CollectionOf<T>;

 public:
  DynamicMany() = default;
  DynamicMany(std::initializer_list<Ptr<T>> items) : Base(items) {}
  DynamicMany(const DynamicMany& other) : Base(other) {}
  DynamicMany& operator=(const DynamicMany&) = delete;

  // The children as a query. Throws DetachedInstanceError when the owner is
  // in no session.
  Query<T> query() const {
    detail::SessionImpl& session = owning_session();
    return Query<T>(session).filter(Filter<T>(detail::children_condition(session, *this)));
  }
  Query<T> filter(const Filter<T>& f) const { return query().filter(f); }
  template <class... Orders>
  Query<T> order_by(const Order<T>& first, const Orders&... rest) const {
    return query().order_by(first, rest...);
  }
  Query<T> limit(std::int64_t n) const { return query().limit(n); }
  std::vector<Ptr<T>> all() const { return query().all(); }
  Ptr<T> first() const { return query().first(); }
  std::int64_t count() const { return query().count(); }

  // Adds or removes a child without loading the others.
  void append(const Ptr<T>& child) { this->add(child); }
  void remove(const Ptr<T>& child) { this->take_out(child); }

 private:
  detail::SessionImpl& owning_session() const;
};

namespace detail {
[[noreturn]] void throw_dynamic_detached(const CollectionBase& collection);
}

template <class T>
detail::SessionImpl& DynamicMany<T>::owning_session() const {
  if (this->owner() == nullptr || this->owner()->session == nullptr) {
    detail::throw_dynamic_detached(*this);
  }
  return *this->owner()->session;
}

}  // namespace relate
