#pragma once
// Query<T>: a refinable SELECT of model T, run against its session.
//
//   auto page = s.query<Post>().order_by(desc(&Post::id)).limit(10).offset(20).all();
//
// A Query is a value: each refinement returns a new one. It must not outlive
// the session it came from. all(), first(), one(), one_or_none() and count()
// autoflush and run SQL; the rest run none. Not thread-safe (a session's).

#include <cstdint>
#include <memory>
#include <vector>

#include "relate/error.hpp"
#include "relate/orm/expressions.hpp"
#include "relate/orm/loading.hpp"
#include "relate/orm/session_engine.hpp"

namespace relate {

namespace detail {

struct QueryState;  // private: src/relate/orm/query_state.hpp

// What Query<T> does without its type: the statement, the loading options
// and the session, shared between copies until one is refined.
class QueryBase {
 protected:
  QueryBase(SessionImpl& session, const ModelInfo& model);

  void add_filter(const sql::Condition& condition);
  void add_order(const sql::OrderTerm& term);
  void set_limit(std::int64_t n);
  void set_offset(std::int64_t n);
  // filter_any(member, filter): what contains_eager(member) then loads.
  void add_join(std::uintptr_t member, const sql::Condition& filter);
  // Throws InvalidRequestError for a member that is not a mapped relationship.
  void add_option(std::uintptr_t member, Load strategy, bool from_join, std::int64_t per_parent,
                  const std::vector<sql::OrderTerm>& per_parent_order);
  void set_populate_existing();

  std::vector<ObjectState*> rows() const;
  ObjectState* first_row() const;
  // Throws MultipleResultsFound, or NoResultFound when none and `required`.
  ObjectState* only_row(bool required) const;
  std::int64_t count() const;
  sql::CompiledSql statement() const;

 private:
  QueryState& unshared();
  std::shared_ptr<QueryState> state_;
};

}  // namespace detail

template <class T>
class Query : private detail::QueryBase {
 public:
  explicit Query(detail::SessionImpl& session) : QueryBase(session, detail::model_info<T>()) {}

  // Rows for which `filter` holds (conditions add up with AND).
  Query filter(const Filter<T>& filter) const {
    Query q = *this;
    q.add_filter(filter.condition());
    return q;
  }
  template <class... Orders>
  Query order_by(const Order<T>& first, const Orders&... rest) const {
    Query q = *this;
    q.add_order(first.term());
    (q.add_order(rest.term()), ...);
    return q;
  }
  Query limit(std::int64_t n) const {
    Query q = *this;
    q.set_limit(n);
    return q;
  }
  Query offset(std::int64_t n) const {
    Query q = *this;
    q.set_offset(n);
    return q;
  }
  // The rows with at least one related object along `member` that matches
  // `filter`: an EXISTS subquery (SQLAlchemy's filter(Post.comments.any(...))),
  // so each row comes once and limit() counts rows. With
  // .options(relate::contains_eager(member)) the relationship is filled with
  // exactly those related objects.
  template <class R>
  Query filter_any(R T::*member,
                   const Filter<typename detail::RelationMemberTraits<R>::target>& filter) const {
    Query q = this->filter(any(member, filter));
    q.add_join(detail::member_offset(member), filter.condition());
    return q;
  }
  template <class R>
  Query filter_any(R T::*member) const {
    return filter(any(member));
  }

  // How relationships of the rows load (see relate/orm/loading.hpp):
  // .options(relate::selectinload(&Post::comments), relate::joinedload(&Post::author))
  template <class... More>
  Query options(const LoadOption<T>& first, const More&... more) const {
    Query q = *this;
    for (const LoadOption<T>* o : {&first, &static_cast<const LoadOption<T>&>(more)...})
      q.add_option(o->member, o->strategy, o->from_join, o->per_parent, o->per_parent_order);
    return q;
  }

  // The rows this query reads (after its autoflush) overwrite the objects
  // the session already holds for them, as SQLAlchemy's populate_existing:
  // their values, and their many-to-one members where a key changed; loaded
  // collections stay (expire() or refresh() reloads them).
  Query populate_existing() const {
    Query q = *this;
    q.set_populate_existing();
    return q;
  }

  // Every matching object (one per primary key, shared with the session's
  // identity map).
  std::vector<Ptr<T>> all() const {
    const std::vector<detail::ObjectState*> found = rows();
    std::vector<Ptr<T>> out;
    out.reserve(found.size());
    for (detail::ObjectState* row : found)
      out.push_back(Ptr<T>::owned(*row));
    return out;
  }
  // The first matching object, or a null Ptr.
  Ptr<T> first() const { return typed(first_row()); }
  // The one matching object; throws NoResultFound or MultipleResultsFound.
  Ptr<T> one() const { return typed(only_row(true)); }
  // The matching object, a null Ptr if none; throws MultipleResultsFound.
  Ptr<T> one_or_none() const { return typed(only_row(false)); }
  // How many rows match, in one statement (SELECT count(*); with limit or
  // offset, of the rows the limited query returns).
  std::int64_t count() const { return QueryBase::count(); }

  // The statement all() runs, for inspection and tests.
  sql::CompiledSql statement() const { return QueryBase::statement(); }

 private:
  static Ptr<T> typed(detail::ObjectState* row) { return row ? Ptr<T>::owned(*row) : Ptr<T>{}; }
};

}  // namespace relate
