#pragma once
// Query<T>: a refinable SELECT of model T, run against its session.
//
//   auto page = s.query<Post>().order_by(desc(&Post::id)).limit(10).offset(20).all();
//
// A Query is a value: each refinement returns a new one. It must not outlive
// the session it came from. all(), first(), one(), one_or_none(), count(),
// paginate(), update(), delete_rows() and iterating yield_per() autoflush
// and run SQL; the rest run none. Not thread-safe (a session's).
//
// Query<T, From>: From lists the models the query reads (T, then each one
// joined); filter() and order_by() take conditions and orderings on any of
// them.

#include <concepts>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "relate/error.hpp"
#include "relate/orm/expressions.hpp"
#include "relate/orm/loading.hpp"
#include "relate/orm/select.hpp"
#include "relate/orm/session_engine.hpp"

namespace relate {

// The numbers of one page of a paginated query (Flask-SQLAlchemy's
// Pagination): pages is 0 when nothing matches; prev_num / next_num are
// empty where there is no such page.
struct PageNumbers {
  std::int64_t total = 0;  // rows the whole query matches
  std::int64_t page = 1;   // 1-based
  std::int64_t per_page = 0;
  std::int64_t pages = 0;
  bool has_prev = false;
  bool has_next = false;
  std::optional<std::int64_t> prev_num;
  std::optional<std::int64_t> next_num;
};

// One page of objects (Query<T>::paginate).
template <class T>
struct Page : PageNumbers {
  std::vector<Ptr<T>> items;
};

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
  // join() / outer_join(): as SelectBase's (relate/orm/select_query.hpp).
  void join_relation(const ModelInfo& owner, std::uintptr_t member, std::string_view alias,
                     bool outer);
  void join_on(const ModelInfo& target, std::string_view alias, const sql::Condition& on,
               bool outer);
  // yield_per(n): the next `n` rows in primary key order after `last` (null:
  // from the first), read as the session's batch `batch`, which ends the
  // batch read before under that id (see Query::yield_per). Throws
  // InvalidRequestError for n < 1 or a query with order_by, limit or offset.
  void check_batches(std::int64_t n) const;
  std::vector<ObjectState*> batch_after(std::int64_t n, const ObjectState* last,
                                        std::uint64_t& batch) const;
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
  // Query<T>::paginate: the page's rows and its numbers.
  std::vector<ObjectState*> page_rows(std::int64_t page, std::int64_t per_page,
                                      std::int64_t max_per_page, PageNumbers& numbers) const;
  // Query<T>::update and delete_rows.
  std::int64_t update_rows(std::span<const sql::ColumnValue> sets) const;
  std::int64_t delete_rows() const;

 private:
  QueryState& unshared();
  // Throws InvalidRequestError unless the query only filters (bulk writes).
  void require_plain_filter(std::string_view what) const;
  std::shared_ptr<QueryState> state_;
};

}  // namespace detail

// The objects of a query, read in batches (Query::yield_per): an input range.
template <class T>
class Batches;

template <class T, class From>
class Query : private detail::QueryBase {
 public:
  explicit Query(detail::SessionImpl& session) : QueryBase(session, detail::model_info<T>()) {}

  // Rows for which `filter` holds (conditions add up with AND).
  Query filter(const Filter<T>& filter) const {
    Query q = *this;
    q.add_filter(filter.condition());
    return q;
  }
  // A condition over the joined models, or with a correlated subquery
  // (relate::exists(...)).
  template <class Ms>
  requires detail::Subset<Ms, From>::value Query filter(const Where<Ms>& filter)
  const {
    Query q = *this;
    q.add_filter(filter.condition());
    return q;
  }
  // asc(&T::m) / desc(&T::m) of T or a joined model, or asc(expr) / desc(expr).
  template <class... Orders>
  requires(sizeof...(Orders) > 0 &&
           (detail::Subset<typename detail::OrderModels<Orders>::type, From>::value && ...)) Query
      order_by(const Orders&... orders)
  const {
    Query q = *this;
    (q.add_order(detail::order_term(orders)), ...);
    return q;
  }

  // JOIN along a relationship of T or of a joined model (outer_join: LEFT
  // OUTER JOIN), for filters and orderings on the joined model's columns:
  //   s.query<Post>().join(&Post::comments).filter(col(&Comment::author) == "ann")
  // join<Alias<U, "name">>(member) joins the target under an alias;
  // join<U>(condition) joins U on an explicit condition. The rows are still
  // T's, each once in all() (in the order of its first row), but limit(),
  // offset() and count() count the joined rows, as SQLAlchemy's Query does;
  // filter_any() is the EXISTS form that counts each T once. Throws
  // InvalidRequestError (when called) for a member no relationship maps.
  template <class As = void, class S, class R>
  auto join(R S::*member) const {
    return join_along<As>(member, false);
  }
  template <class As = void, class S, class R>
  auto outer_join(R S::*member) const {
    return join_along<As>(member, true);
  }
  template <class Target, class Ms>
  auto join(const Where<Ms>& on) const {
    return join_condition<Target>(on, false);
  }
  template <class Target, class Ms>
  auto outer_join(const Where<Ms>& on) const {
    return join_condition<Target>(on, true);
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

  // Page `page` (1-based) of `per_page` objects, as Flask-SQLAlchemy's
  // paginate(): exactly two statements, the page's SELECT (LIMIT per_page
  // OFFSET (page - 1) * per_page) then SELECT count(*) of the whole query.
  // per_page is lowered to max_per_page (so that a request cannot ask for
  // every row); a page past the end has no items and the right total.
  // Throws InvalidRequestError for page < 1, per_page < 1, max_per_page < 1
  // or a query with limit() or offset() (the page sets them); the web layer
  // answers such a request with 404, as Flask-SQLAlchemy's error_out does.
  // Order the query (order_by) for pages that do not overlap.
  Page<T> paginate(std::int64_t page, std::int64_t per_page,
                   std::int64_t max_per_page = 100) const {
    Page<T> out;
    for (detail::ObjectState* row :
         page_rows(page, per_page, max_per_page, static_cast<PageNumbers&>(out)))
      out.items.push_back(Ptr<T>::owned(*row));
    return out;
  }

  // ---- bulk writes (SQLAlchemy 2.0's update(T).where(...) and delete(T).where(...)),
  // without loading the rows. Each autoflushes, then runs one statement in
  // the session's write transaction (opening it, as Session::execute), and
  // returns the rows it changed:
  //   s.query<Post>().filter(col(&Post::views) < 10).update(set(&Post::views, 0))
  // The identity map stays honest as SQLAlchemy's synchronize_session="fetch":
  // when the session holds objects of T, the statement returns the rows it
  // wrote (RETURNING), and the objects the session holds for them take the
  // rows' new values (update) or leave the session as deleted (delete_rows),
  // as a flush's writes do: rollback() undoes both in memory. When it holds
  // none, no RETURNING. A deleted object leaves its parents' loaded
  // collections; relationship cascades do not run (the database's ON DELETE
  // rules do, unseen by the session: expire_all() reads again). Statements
  // inside a StatementBudget count. Throws InvalidRequestError on a query with
  // limit, offset, order_by, options or populate_existing, or a set() of the
  // primary key; a statement the database refuses throws its DatabaseError
  // and fails the transaction as a flush does (inside begin_nested(): its
  // savepoint).
  template <class... More>
  requires(std::same_as<More, Assignment<T>>&&...) std::int64_t
      update(const Assignment<T>& first, const More&... more)
  const {
    const sql::ColumnValue sets[] = {first.column_value(), more.column_value()...};
    return update_rows(sets);
  }
  // DELETE FROM t WHERE <the query's filters> (delete is a C++ keyword).
  std::int64_t delete_rows() const { return QueryBase::delete_rows(); }

  // The objects, read `n` at a time (SQLAlchemy's yield_per), for exports
  // and data migrations: iterating runs one SELECT ... WHERE key > (the last
  // key read) ORDER BY key LIMIT n per batch (keyset pagination, the same
  // on every backend; no cursor stays open between batches), so no
  // statement returns more than n rows and the result is never held as one
  // vector. The session holds one batch at a time: reading the next batch
  // expunges the last one's objects (and what was loaded for them), whose
  // memory goes with the last Ptr to them (a Ptr kept is a detached
  // object). A batch stays in the session, as any loaded objects do, when
  // one of its objects was changed (modify() or a non-const Ptr: iterate
  // with `const Ptr<T>&` to read), added, deleted or linked, or when a load
  // reached objects the session held outside it. Rows come in primary key
  // order.
  //   for (const Ptr<Post>& p : s.query<Post>().yield_per(500)) export_row(*p);
  // Throws InvalidRequestError (here) for n < 1 or a query with order_by,
  // limit, offset or a join; the options() apply to each batch.
  Batches<T> yield_per(std::int64_t n) const {
    check_batches(n);
    return Batches<T>(Query<T>(static_cast<const QueryBase&>(*this)), n);
  }

  // The statement all() runs, for inspection and tests.
  sql::CompiledSql statement() const { return QueryBase::statement(); }

 private:
  template <class, class>
  friend class Query;
  friend class Batches<T>;
  explicit Query(const QueryBase& base) : QueryBase(base) {}
  static Ptr<T> typed(detail::ObjectState* row) { return row ? Ptr<T>::owned(*row) : Ptr<T>{}; }

  template <class As, class S, class R>
  auto join_along(R S::*member, bool outer) const {
    using Join = detail::JoinAlong<From, As, S, R>;
    Query<T, typename Join::from> q{static_cast<const QueryBase&>(*this)};
    q.join_relation(detail::model_info<S>(), detail::member_offset(member),
                    detail::SourceOf<typename Join::source>::alias, outer);
    return q;
  }
  template <class Target, class Ms>
  auto join_condition(const Where<Ms>& on, bool outer) const {
    Query<T, typename detail::JoinOn<From, Target, Ms>::from> q{
        static_cast<const QueryBase&>(*this)};
    q.join_on(detail::model_info<typename detail::SourceOf<Target>::model>(),
              detail::SourceOf<Target>::alias, on.condition(), outer);
    return q;
  }

  std::vector<detail::ObjectState*> batch(std::int64_t n, const detail::ObjectState* last,
                                          std::uint64_t& id) const {
    return batch_after(n, last, id);
  }
};

template <class T>
class Batches {
 public:
  class iterator {
   public:
    using value_type = Ptr<T>;
    using difference_type = std::ptrdiff_t;
    const Ptr<T>& operator*() const { return current_; }
    iterator& operator++() {
      if (++index_ == batch_.size()) {
        // A short batch was the last.
        const detail::ObjectState* last = batch_.empty() ? nullptr : batch_.back();
        batch_ = batch_.size() < static_cast<std::size_t>(owner_->n_)
                     ? std::vector<detail::ObjectState*>{}
                     : owner_->query_.batch(owner_->n_, last, batch_id_);
        index_ = 0;
      }
      current_ = index_ < batch_.size() ? Ptr<T>::owned(*batch_[index_]) : Ptr<T>{};
      return *this;
    }
    void operator++(int) { ++*this; }
    bool operator==(std::default_sentinel_t) const { return index_ >= batch_.size(); }

   private:
    friend class Batches;
    explicit iterator(const Batches& owner)
        : owner_(&owner), batch_(owner.query_.batch(owner.n_, nullptr, batch_id_)) {
      if (!batch_.empty()) current_ = Ptr<T>::owned(*batch_.front());
    }
    const Batches* owner_;
    std::uint64_t batch_id_ = 0;  // the session's name for the batch read last
    std::vector<detail::ObjectState*> batch_;
    std::size_t index_ = 0;
    Ptr<T> current_;
  };

  // Runs the first batch's SELECT.
  iterator begin() const { return iterator(*this); }
  std::default_sentinel_t end() const noexcept { return {}; }

 private:
  template <class, class>
  friend class Query;
  Batches(const Query<T>& query, std::int64_t n) : query_(query), n_(n) {}
  Query<T> query_;
  std::int64_t n_;
};

}  // namespace relate
