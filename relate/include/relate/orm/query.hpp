#pragma once
// Query<T>: a refinable SELECT of model T, run against its session.
//
//   auto page = s.query<Post>().order_by(desc(&Post::id)).limit(10).offset(20).all();
//
// A Query is a value: each refinement returns a new one. It must not outlive
// the session it came from.

#include <cstdint>
#include <vector>

#include "relate/error.hpp"
#include "relate/orm/expressions.hpp"
#include "relate/orm/loading.hpp"
#include "relate/orm/session_engine.hpp"
#include "relate/sql/compiler.hpp"

namespace relate {

namespace detail {
[[noreturn]] void throw_unmapped_option(const ModelInfo& model);
}

template <class T>
class Query {
 public:
  explicit Query(detail::SessionImpl& session) : session_(&session) {
    select_.table = &detail::model_info<T>().table;
  }

  // Rows for which `filter` holds (conditions add up with AND).
  Query filter(const Filter<T>& filter) const {
    Query q = *this;
    q.select_.where.push_back(filter.condition());
    return q;
  }
  template <class... Orders>
  Query order_by(const Order<T>& first, const Orders&... rest) const {
    Query q = *this;
    q.select_.order_by.push_back(first.term());
    (q.select_.order_by.push_back(rest.term()), ...);
    return q;
  }
  Query limit(std::int64_t n) const {
    Query q = *this;
    q.select_.limit = n;
    return q;
  }
  Query offset(std::int64_t n) const {
    Query q = *this;
    q.select_.offset = n;
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
    q.joins_.push_back(Joined{detail::member_offset(member), filter.condition()});
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
    q.add_option(first);
    (q.add_option(more), ...);
    return q;
  }

  // Every matching object (one per primary key, shared with the session's
  // identity map). Autoflushes first.
  std::vector<Ptr<T>> all() const {
    return typed(detail::session_select(*session_, info(), select_, loads_, populate_existing_));
  }

  // The rows this query reads (after its autoflush) overwrite the objects
  // the session already holds for them, as SQLAlchemy's populate_existing:
  // their values, and their many-to-one members where a key changed; loaded
  // collections stay (expire() or refresh() reloads them).
  Query populate_existing() const {
    Query q = *this;
    q.populate_existing_ = true;
    return q;
  }

  // The first matching object, or a null Ptr.
  Ptr<T> first() const {
    auto rows = limit(1).all();
    return rows.empty() ? Ptr<T>{} : rows.front();
  }
  // The one matching object; throws NoResultFound or MultipleResultsFound.
  Ptr<T> one() const {
    Ptr<T> row = one_or_none();
    if (!row) throw NoResultFound("no " + info().type_name + " matched the query (Query::one)");
    return row;
  }
  // The matching object, a null Ptr if none; throws MultipleResultsFound.
  Ptr<T> one_or_none() const {
    auto rows = limit(2).all();
    if (rows.size() > 1) {
      throw MultipleResultsFound("more than one " + info().type_name +
                                 " matched a query that expects one (Query::one)");
    }
    return rows.empty() ? Ptr<T>{} : rows.front();
  }
  // How many rows match, in one statement (SELECT count(*); with limit or
  // offset, of the rows the limited query returns). Autoflushes first.
  std::int64_t count() const {
    sql::Select s = select_;
    s.shape = sql::Select::Shape::count;
    s.order_by.clear();  // the number does not depend on the order
    return detail::session_count(*session_, s);
  }

  // The statement all() runs, for inspection and tests.
  sql::CompiledSql statement() const {
    return sql::compile(select_, detail::session_dialect(*session_));
  }

 private:
  static const detail::ModelInfo& info() { return detail::model_info<T>(); }
  void add_option(const LoadOption<T>& option) {
    const detail::RelationInfo* rel = detail::find_relation(info(), option.member);
    if (rel == nullptr) detail::throw_unmapped_option(info());
    std::erase_if(loads_, [&](const detail::LoadRequest& r) { return r.relation == rel; });
    detail::LoadRequest request{rel, option.strategy, std::nullopt, option.per_parent,
                                option.per_parent_order};
    if (option.from_join) {
      for (const Joined& j : joins_) {
        if (j.member == option.member) request.only = j.filter;
      }
    }
    loads_.push_back(std::move(request));
  }
  static std::vector<Ptr<T>> typed(const std::vector<detail::ObjectState*>& rows) {
    std::vector<Ptr<T>> out;
    out.reserve(rows.size());
    for (detail::ObjectState* r : rows)
      out.push_back(Ptr<T>::owned(*r));
    return out;
  }

  detail::SessionImpl* session_;
  sql::Select select_;
  std::vector<detail::LoadRequest> loads_;
  struct Joined {
    std::uintptr_t member;
    sql::Condition filter;
  };
  std::vector<Joined> joins_;
  bool populate_existing_ = false;
};

}  // namespace relate
