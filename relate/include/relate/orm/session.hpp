#pragma once
// Session: the unit of work and identity map (SQLAlchemy's Session).
//
//   auto s = db.session();
//   auto post = s.add(Post{.title = "Hello"});
//   s.add(Comment{.content = "First!", .post = post});
//   s.commit();                       // INSERT post, then INSERT comment
//   auto again = s.get<Post>(post->id);  // the same object: no SQL
//
// Reads run without holding a transaction; the first flush that writes opens
// a write transaction (on SQLite: BEGIN IMMEDIATE), which commit() or
// rollback() ends. Destroying a session rolls back what was not committed
// and detaches its objects. Not thread-safe: one session per thread.

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <ranges>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "relate/connection/connection.hpp"
#include "relate/orm/column_traits.hpp"
#include "relate/orm/dynamic.hpp"
#include "relate/orm/query.hpp"
#include "relate/orm/select_query.hpp"
#include "relate/orm/session_engine.hpp"

namespace relate {

// A scope in which a session may run at most a given number of statements
// (SELECT, INSERT, UPDATE, DELETE; not BEGIN / COMMIT): the statement that
// would exceed it throws StatementBudgetExceeded instead of running. For
// tests: `auto budget = s.budget(2); render(page);`. Ends when destroyed.
class StatementBudget {
 public:
  StatementBudget(const StatementBudget&) = delete;
  StatementBudget& operator=(const StatementBudget&) = delete;
  ~StatementBudget() { detail::close_budget(*session_, id_); }
  // Statements run in the scope so far.
  std::uint64_t used() const noexcept { return detail::budget_used(*session_, id_); }

 private:
  friend class Session;
  StatementBudget(detail::SessionImpl& session, std::uint64_t max)
      : session_(&session), id_(detail::open_budget(session, max)) {}
  detail::SessionImpl* session_;
  std::size_t id_;
};

// A nested transaction (Session::begin_nested), SQLAlchemy's
// begin_nested(): a SAVEPOINT in the session's write transaction.
//
//   relate::Savepoint sp = s.begin_nested();
//   s.add(Post{.title = "draft"});
//   sp.commit();  // flush, RELEASE SAVEPOINT; without it, the destructor
//                 // rolls back to the savepoint
//
// Rolling back to it (rollback(), the destructor, or a failed flush or
// statement inside it) undoes the database's changes since it began and
// puts the session's objects back as they were then: objects inserted since
// are new (transient) again, objects updated since take back their values,
// objects deleted since are persistent again, changes not flushed yet are
// dropped, and relationships load again on next access. The outer
// transaction goes on. A failed flush or statement inside it rolls back to
// it at once; the session then refuses statements with PendingRollbackError
// until this scope ends (rollback() or its destructor; commit() throws
// PendingRollbackError), as SQLAlchemy's inactive nested transaction.
// Session::commit() and rollback() end every open savepoint with the
// transaction. Must not outlive its session; not thread-safe (a session's).
class Savepoint {
 public:
  Savepoint(Savepoint&& other) noexcept
      : session_(std::exchange(other.session_, nullptr)), id_(other.id_) {}
  Savepoint& operator=(Savepoint&&) = delete;
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;
  // rollback() if still open (an error doing so fails the transaction and
  // is not thrown).
  ~Savepoint();

  // Flushes, then RELEASE SAVEPOINT (2 statements at most, besides the
  // flush's): its changes become the outer transaction's. Ends the
  // savepoints opened inside it too. Throws InvalidRequestError once ended,
  // PendingRollbackError after a failure inside it, and what a flush throws
  // (having rolled back to the innermost savepoint).
  void commit();
  // ROLLBACK TO SAVEPOINT (no flush; no statement if a failure inside it
  // already rolled back) and the undo in memory; ends it and those opened
  // inside it. Nothing once ended. A failure of the rollback itself fails
  // the whole transaction (abandoned as after a failed commit) and throws.
  void rollback();
  // Whether it is open (not committed, rolled back or ended with the
  // transaction).
  bool active() const noexcept;

 private:
  friend class Session;
  Savepoint(detail::SessionImpl& session, std::uint64_t id) noexcept
      : session_(&session), id_(id) {}
  detail::SessionImpl* session_;
  std::uint64_t id_;
};

class Session {
 public:
  explicit Session(std::shared_ptr<detail::DatabaseCore> database);
  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;
  ~Session();

  // Adds a new object made from `value`; returns its handle. Objects its
  // relationships hold are added too (save-update cascade).
  template <class T>
  requires detail::Mapped<T> Ptr<T> add(T value) {
    detail::ObjectState& object =
        detail::create<detail::Object<T>>(detail::session_graph(*impl_), std::move(value));
    detail::adopt_new_object(object);
    detail::session_add(*impl_, object);
    return Ptr<T>::owned(object);
  }
  // Adds an object made with relate::make (or already in this session).
  // Throws InvalidRequestError if it belongs to another session.
  template <class T>
  const Ptr<T>& add(const Ptr<T>& object) {
    if (!object) detail::throw_null_ptr(detail::model_info<T>());
    detail::session_add(*impl_, *object.state());
    return object;
  }
  template <class T>
  void add_all(std::initializer_list<Ptr<T>> objects) {
    for (const auto& o : objects)
      add(o);
  }
  template <std::ranges::input_range R>
  void add_all(const R& objects) {
    for (const auto& o : objects)
      add(o);
  }

  // The object with primary key `id`, or a null Ptr. Answers from the
  // identity map without SQL when the session already holds it.
  template <class T>
  Ptr<T> get(std::int64_t id) {
    detail::ObjectState* state = detail::session_get(*impl_, detail::model_info<T>(), id);
    return state ? Ptr<T>::owned(*state) : Ptr<T>{};
  }

  template <class T>
  Query<T> query() {
    return Query<T>(*impl_);
  }

  // SELECT of columns and expressions, each row a std::tuple of their C++
  // types (see relate/orm/select_query.hpp):
  //   s.select(col(&Post::id), count(col(&Comment::id))).outer_join(&Post::comments)
  //       .group_by(col(&Post::id)).all()
  // Runs no SQL until all(), first(), one() or scalars().
  template <class... Es>
  requires(detail::ExprLike<Es>&&...) auto select(const Es&... columns) {
    return detail::make_select(impl_.get(), columns...);
  }

  // Deletes the object at the next flush (SQLAlchemy's session.delete),
  // with the cascades its relationships declare.
  template <class T>
  void remove(const Ptr<T>& object) {
    if (object) detail::session_remove(*impl_, *object.state());
  }
  // Removes the object from the session without deleting it.
  template <class T>
  void expunge(const Ptr<T>& object) {
    if (object) detail::session_expunge(*impl_, *object.state());
  }

  // What a session caches, and when it reads again: the objects it loaded
  // (one per key, the identity map) keep their values until a row read for
  // them overwrites those. commit() expires every object (as SQLAlchemy's
  // expire_on_commit): the next query or get() that meets it reads its row
  // again (many-to-one members follow changed keys; loaded collections stay
  // until expire() or refresh()), so a session never writes back
  // values another session changed since, as long as it reads them again
  // before changing them. Values read through a Ptr in between are those
  // last loaded (relate cannot intercept a member access); refresh() reads
  // at once, and a version column (relate::version_id) turns a write from a
  // stale read into StaleDataError.
  //
  // Reads the object's row now (one SELECT), overwriting its values and
  // unflushed changes; its relationships load again on access. Throws
  // InvalidRequestError if the row is gone or the object is not persistent
  // in this session.
  template <class T>
  void refresh(const Ptr<T>& object) {
    if (!object) detail::throw_null_ptr(detail::model_info<T>());
    detail::session_refresh(*impl_, *object.state());
  }
  // Marks the object stale: the next query or get() that meets it overwrites
  // its values (no SQL now).
  template <class T>
  void expire(const Ptr<T>& object) {
    if (object) detail::session_expire(*impl_, *object.state());
  }
  // expire() for every object the session holds.
  void expire_all() noexcept;
  // Whether commit() expires the session's objects (default on).
  void set_expire_on_commit(bool on) noexcept;

  // Writes pending changes in the session's write transaction (opening it).
  // commit() flushes, then commits. If either throws, the transaction has
  // been rolled back (objects it inserted are new again, every object is
  // expired) and the session refuses add, remove and every statement with
  // PendingRollbackError until rollback() or close(), as SQLAlchemy does:
  // nothing from the failed transaction is written later behind the
  // caller's back. Inside begin_nested(), a failed flush rolls back only to
  // the innermost savepoint instead (see Savepoint).
  void flush();
  void commit();
  // Undoes the transaction (unflushed changes too) and ends a failed state.
  void rollback();

  // ---- savepoints
  // Flushes, opens the write transaction if none is open (SQLite: BEGIN
  // IMMEDIATE), and runs SAVEPOINT relate_savepoint_<n>: see Savepoint.
  // Savepoints nest. Throws PendingRollbackError in a failed state, and what
  // flush() throws.
  [[nodiscard]] Savepoint begin_nested();
  // Runs body() inside begin_nested(): commits the savepoint when it
  // returns; when it throws, rolls back to the savepoint and rethrows (the
  // outer transaction goes on). Returns what body() returns.
  template <class F>
  std::invoke_result_t<F&> nested(F&& body) {
    Savepoint savepoint = begin_nested();
    if constexpr (std::is_void_v<std::invoke_result_t<F&>>) {
      body();
      savepoint.commit();
    } else {
      std::invoke_result_t<F&> result = body();
      savepoint.commit();
      return result;
    }
  }
  // Rolls back what is uncommitted and detaches every object.
  void close();

  // ---- raw SQL, in the session's own transaction
  // Runs one statement written with :name placeholders, whatever the
  // backend: s.execute("UPDATE post SET views = views + 1 WHERE id = :id",
  // {{"id", id}}). Values are bound, never spliced into the text; each
  // placeholder needs a value and each value a placeholder, and '?' is
  // refused (InvalidRequestError). Autoflushes first, then runs in the
  // session's write transaction, opening it (SQLite: BEGIN IMMEDIATE), which
  // commit() or rollback() ends. Returns the rows it changed. Objects the
  // session holds keep their values: expire_all() (or the next commit) makes
  // them read again. A statement the database refuses throws its
  // DatabaseError (or DataError) and fails the transaction as a flush does
  // (inside begin_nested(): only the savepoint).
  std::int64_t execute(std::string_view sql, const std::vector<NamedValue>& params = {}) {
    return detail::session_run_sql(*impl_, sql, params, {});
  }
  // The rows of a statement, each a tuple of Ts (int, std::int64_t, double,
  // bool, std::string, time points; std::optional<X> for a column that may
  // be NULL): auto rows = s.fetch<std::string, std::int64_t>("SELECT ...").
  // A statement that starts with SELECT or VALUES runs where queries run
  // (the open transaction, else a pooled connection); any other (INSERT ...
  // RETURNING) as execute() does. Throws InvalidRequestError if a row has
  // not sizeof...(Ts) columns, DataError if a value does not fit its type.
  template <class... Ts>
  requires(detail::SupportedColumn<Ts>&&...) std::vector<std::tuple<Ts...>> fetch(
      std::string_view sql, const std::vector<NamedValue>& params = {}) {
    std::vector<std::tuple<Ts...>> rows;
    detail::session_run_sql(*impl_, sql, params, [&](const Cursor& row) {
      if (row.column_count() != sizeof...(Ts)) detail::throw_result_columns(row, sizeof...(Ts));
      rows.push_back(detail::read_result_row<Ts...>(row, std::index_sequence_for<Ts...>{}));
    });
    return rows;
  }
  // The objects a statement's rows describe, through the identity map (an
  // object the session holds keeps its values unless expired). Each row must
  // hold T's columns first, in T's order and by name: SELECT post.* FROM
  // post JOIN ... (else InvalidRequestError). Runs as fetch() does.
  template <class T>
  requires detail::Mapped<T> std::vector<Ptr<T>> fetch_objects(
      std::string_view sql, const std::vector<NamedValue>& params = {}) {
    std::vector<Ptr<T>> objects;
    for (detail::ObjectState* state :
         detail::session_fetch_objects(*impl_, detail::model_info<T>(), sql, params))
      objects.push_back(Ptr<T>::owned(*state));
    return objects;
  }

  // The backend's plan for the statement query.all() would run, or for raw
  // SQL (with :name placeholders, as fetch()), without running it
  // (relate/connection/plan.hpp): its steps, and the tables it reads whole
  // where an index would serve. Autoflushes first; runs EXPLAIN where
  // queries run. Throws DatabaseError for a statement the database refuses,
  // InvalidRequestError on a backend that cannot explain.
  template <class T>
  QueryPlan explain(const Query<T>& query) {
    return detail::session_explain(*impl_, query.statement());
  }
  QueryPlan explain(std::string_view sql, const std::vector<NamedValue>& params = {}) {
    return detail::session_explain(*impl_, sql, params);
  }

  // Whether queries and lazy loads flush pending changes first (default on).
  void set_autoflush(bool on) noexcept;
  // Statements this session has run (queries, lazy loads, writes,
  // transaction control).
  std::uint64_t statement_count() const noexcept;
  // Objects this session's flushes have compared with their snapshots to
  // find changes: those reached through a non-const handle since the last
  // flush (autoflush), every object it holds (flush, commit). For tests that
  // a read-only path stays read-only.
  std::uint64_t snapshot_comparisons() const noexcept;
  // At most `max_statements` statements until the returned scope ends.
  [[nodiscard]] StatementBudget budget(std::uint64_t max_statements) {
    return StatementBudget(*impl_, max_statements);
  }
  // This session's N+1 detector (the database's setting by default): when
  // one relationship is lazily loaded for `threshold` objects of one result.
  void set_n_plus_one(NPlusOne mode, std::uint32_t threshold = 10) noexcept;

 private:
  std::unique_ptr<detail::SessionImpl> impl_;
};

}  // namespace relate
