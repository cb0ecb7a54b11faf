#pragma once
// The session's engine room: identity map, unit of work, loading. Private to
// relate: Session, Query and the relationship members reach it through
// relate/orm/session_engine.hpp.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "identity_map.hpp"
#include "relate/connection/engine.hpp"
#include "relate/error.hpp"
#include "relate/orm/graph.hpp"
#include "relate/orm/model_info.hpp"
#include "relate/orm/object.hpp"
#include "relate/orm/query_state.hpp"
#include "relate/orm/relationships.hpp"
#include "relate/orm/session_engine.hpp"
#include "relate/sql/compiler.hpp"
#include "relate/sql/expression.hpp"

namespace relate::detail {

class DatabaseCore;
class ModelStatements;

// The request in `requests` for `relation` (a query names each relationship
// at most once), or null.
const LoadRequest* find_request(std::span<const LoadRequest> requests,
                                const RelationInfo& relation) noexcept;
// The strategy `requests` ask for `relation`, else the relationship's own.
Load strategy_in(std::span<const LoadRequest> requests, const RelationInfo& relation) noexcept;

// The objects one query (or one eager or lazy load) returned: what peer
// loading loads a relationship for at once, and where the N+1 detector
// counts lazy loads.
struct QueryResult {
  std::vector<ObjectState*> objects;
  std::vector<LoadRequest> overrides;  // the query's options
  std::vector<std::pair<const RelationInfo*, std::uint32_t>> lazy_loads;
};

// Not thread-safe: a session and its objects belong to one thread at a time.
class SessionImpl {
 public:
  explicit SessionImpl(std::shared_ptr<DatabaseCore> database);
  ~SessionImpl();
  SessionImpl(const SessionImpl&) = delete;
  SessionImpl& operator=(const SessionImpl&) = delete;

  // ---- unit of work
  // The graph that owns this session's objects; new objects for the
  // session are created in it (and then added).
  Graph& graph() noexcept { return graph_->root(); }
  // Adds a transient object (pending until flushed) and, by save-update
  // cascade, the objects its relationships hold.
  void add(ObjectState& object);
  // Marks a persistent object for deletion at flush (a pending one is just
  // expunged); cascades follow at flush.
  void remove(ObjectState& object);
  void expunge(ObjectState& object);
  // Writes every change: inserts parents before children, updates, deletes
  // children before parents. On failure the transaction is rolled back (see
  // abandon_transaction) and the error rethrown.
  void flush();
  // The flush run before queries and lazy loads: new and deleted objects,
  // and the changes on objects reached since the last flush.
  void autoflush();
  void commit();
  // Ends the transaction, and a failed state (see abandon_transaction).
  void rollback();
  void close();
  // After a flush or commit failed, rolls back the open transaction, undoes
  // it in memory and refuses every statement, add and remove
  // (PendingRollbackError naming `failure`) until rollback() or close().
  void abandon_transaction(std::string_view failure) noexcept;

  // ---- loading
  ObjectState* get(const ModelInfo& model, std::int64_t key);
  // The object with this key if the session holds it (no SQL).
  ObjectState* find_loaded(const ModelInfo& model, std::int64_t key) const;
  // find_loaded() for a load that links what it finds to the objects it
  // loads for: see reached().
  ObjectState* reach_loaded(const ModelInfo& model, std::int64_t key) {
    return reached(find_loaded(model, key));
  }
  // The objects `select` matches, with the relationships loaded that `loads`
  // or the relationships' own strategies ask to load eagerly.
  std::vector<ObjectState*> select(const ModelInfo& model, const sql::Select& select,
                                   std::span<const LoadRequest> loads = {},
                                   bool populate_existing = false);
  void refresh(ObjectState& object);
  void expire(ObjectState& object);
  void expire_all() noexcept;
  std::int64_t count(const sql::Select& select);
  void load_collection(const CollectionBase& collection);
  ObjectState* load_reference(const ReferenceBase& reference);
  // The condition "child.fk = owner's key" for a dynamic collection; flushes
  // first if the owner has no key yet.
  sql::Condition children_condition(const CollectionBase& collection);

  // The strategy by which `relation` of `owner` loads: its query's option,
  // else the relationship's own.
  Load strategy_for(const ObjectState& owner, const RelationInfo& relation) const noexcept;

  // ---- diagnostics
  void set_n_plus_one(NPlusOne mode, std::uint32_t threshold) noexcept {
    n_plus_one_ = mode;
    n_plus_one_threshold_ = threshold < 2 ? 2 : threshold;
  }
  // Statement budgets (Session::budget): the innermost scopes first out.
  std::size_t open_budget(std::uint64_t max_statements);
  void close_budget(std::size_t id) noexcept;
  std::uint64_t budget_used(std::size_t id) const noexcept;

  // ---- bookkeeping for objects and members
  void note_touched(ObjectState& object);
  void note_orphan_candidate(ObjectState& child, const RelationInfo& relation);

  // ---- batches (Query::yield_per)
  // Each batch's objects live in a graph of their own, so that when the
  // next batch is read they can leave the session and their memory can go
  // with the last Ptr to them. Loads stay inside a graph: new objects go
  // to the graph being loaded for (loading_graph()), and a load that
  // reaches an object of another graph merges the two (reached()), as
  // linking objects does. So nothing outside a batch's graph points into
  // it unless the graphs were merged.
  // Ends the batch `batch` (0: none) and reads the next into a new graph;
  // `batch` becomes its id.
  std::vector<ObjectState*> read_batch(std::uint64_t& batch,
                                       const std::function<std::vector<ObjectState*>()>& rows);
  // The batch's objects leave the session, unless it was merged with the
  // session's graph or holds changes not yet committed (then it is merged).
  void end_batch(std::uint64_t batch);
  Graph& loading_graph() noexcept { return loading_into_ ? loading_into_->root() : graph(); }
  ObjectState* reached(ObjectState* found) {
    if (found != nullptr && &found->graph->root() != &loading_graph())
      merge(loading_graph(), *found->graph);
    return found;
  }
  // The many-to-many links changed and not yet flushed, of every graph.
  std::vector<LinkChange>& link_changes();

  // ---- for the relationship kinds (kinds/)
  // Runs `select` and reads its rows into objects (the session's wins over a row).
  std::vector<ObjectState*> run_select(const ModelInfo& model, const sql::Select& select);
  ObjectState* adopt_row(const ModelInfo& model, Cursor& cursor);
  // Runs `select` and calls row(cursor) for each row.
  template <class F>
  void for_each_row(const sql::Select& select, F&& row) {
    const sql::CompiledSql compiled = sql::compile(select, dialect());
    const std::vector<Param> params = to_params(compiled.params);
    with_connection([&](Connection& connection) {
      Cursor cursor = execute(connection, compiled.text, params);
      while (cursor.next())
        row(cursor);
    });
  }

  // ---- raw SQL (raw_sql.cpp; see Session::execute and fetch)
  // The plan of a SELECT (Session::explain): after an autoflush, where
  // queries run (explain.cpp).
  QueryPlan explain(std::string_view sql, std::span<const Param> params);
  QueryPlan explain_named(std::string_view sql, std::span<const NamedValue> values);
  std::int64_t run_sql(std::string_view sql, std::span<const NamedValue> values,
                       const std::function<void(const Cursor&)>& row);
  std::vector<ObjectState*> fetch_objects(const ModelInfo& model, std::string_view sql,
                                          std::span<const NamedValue> values);

  // ---- bulk writes (bulk.cpp; see Query::update and delete_rows)
  std::int64_t bulk_update(const ModelInfo& model, const std::vector<sql::Condition>& where,
                           std::span<const sql::ColumnValue> sets);
  std::int64_t bulk_delete(const ModelInfo& model, const std::vector<sql::Condition>& where);

  // ---- savepoints (savepoint.cpp; see Session::begin_nested)
  // Flushes, opens the write transaction if need be, runs SAVEPOINT; returns
  // the savepoint's id.
  std::uint64_t begin_nested();
  // Flushes, then RELEASE SAVEPOINT (and the savepoints opened after it).
  // Throws InvalidRequestError if the savepoint has ended.
  void release_savepoint(std::uint64_t id);
  // ROLLBACK TO SAVEPOINT (unless a failure already did) and undoes in
  // memory what was written after it; ends it and the savepoints opened
  // after it. Nothing for a savepoint that has ended.
  void rollback_savepoint(std::uint64_t id);
  bool savepoint_open(std::uint64_t id) const noexcept;

  // The columns of `object` that differ from its snapshot (counted: a
  // read-only workload should compare nothing).
  ColumnMask compare_with_snapshot(const ObjectState& object);
  std::uint64_t snapshot_comparisons() const noexcept { return snapshot_comparisons_; }

  bool autoflush_enabled = true;
  bool expire_on_commit = true;
  std::uint64_t statement_count() const noexcept { return statements_; }
  const sql::Dialect& dialect() const noexcept;

 private:
  friend class Planner;      // unit_of_work.cpp
  friend class Persistence;  // persistence.cpp
  void run_flush(bool everything);
  // Runs raw SQL, calling row(cursor) per row; returns the rows changed.
  template <class F>
  std::int64_t run_raw(std::string_view sql, std::span<const NamedValue> values, F&& row);
  // Throws PendingRollbackError while a failed transaction awaits rollback()
  // (or a failed savepoint its end).
  void require_usable() const;
  // Runs step(); when the database refuses it (DatabaseError, DataError) or
  // the connection fails in the open transaction, fails the transaction (see
  // fail_statement) and rethrows.
  template <class F>
  auto fail_on_database_error(F&& step) {
    const bool in_transaction = transaction_.has_value();
    try {
      return step();
    } catch (const DatabaseError& e) {
      if (in_transaction || transaction_) fail_statement(e.what());
      throw;
    } catch (const DataError& e) {
      if (in_transaction || transaction_) fail_statement(e.what());
      throw;
    } catch (const ConnectionError& e) {
      if (in_transaction || transaction_) fail_statement(e.what());
      throw;
    }
  }
  // After a write failed in the open transaction: inside a savepoint, rolls
  // back to the innermost one, which then refuses statements until it ends
  // (SQLAlchemy: only the nested transaction is rolled back); else
  // abandon_transaction. Nothing while a failed savepoint awaits its end.
  void fail_statement(std::string_view failure) noexcept;
  // Transaction control outside budgets (SAVEPOINT ...), on the transaction.
  void run_control(const std::string& sql);
  // Bookkeeping before the snapshot of an object whose row an UPDATE wrote
  // is taken (flush, bulk update): for rollback and the open savepoints.
  void note_updated(ObjectState& object);
  // Bookkeeping once `object`'s row is deleted (flush, bulk delete): out of
  // the identity map and its parents' loaded collections.
  void forget_deleted_row(ObjectState& object);
  // Undo in memory (rollback, rollback to a savepoint): the objects inserted
  // (deleted) since entry `mark` of written_inserted_ (written_deleted_) are
  // new (persistent) again; the unflushed changes are dropped.
  void forget_inserted_since(std::size_t mark) noexcept;
  void restore_deleted_since(std::size_t mark) noexcept;
  void drop_unflushed() noexcept;
  // Undoes in memory what was written after savepoints_[index].
  void undo_to_savepoint(std::size_t index) noexcept;

  const ModelStatements& statements_for(const ModelInfo& model);
  Cursor execute(Connection& connection, std::string_view sql, std::span<const Param> params);
  // For bulk writes where the dialect has no RETURNING (bulk.cpp): runs a
  // SELECT of `model`'s rows, calling `row` for each; the keys of the rows
  // `where` matches that this session holds.
  void each_row(Connection& connection, const sql::Select& select,
                const std::function<void(Cursor&)>& row);
  std::vector<Value> held_keys_where(Connection& connection, const ModelInfo& model,
                                     const std::vector<sql::Condition>& where);
  // Runs f(connection) on the open transaction's connection, else on one
  // lent by the pool for the call.
  template <class F>
  auto with_connection(F&& f) {
    if (transaction_) return f(**transaction_);
    PooledConnection connection = lend_connection();
    return f(*connection);
  }
  PooledConnection lend_connection();
  std::vector<ObjectState*> materialize(const ModelInfo& model, Cursor& cursor);
  // Reads the row into an object the session holds (values and snapshot);
  // its many-to-one members follow changed keys.
  void overwrite_from_row(ObjectState& object, Cursor& cursor);
  void check_budgets(std::string_view sql);

  // ---- loading strategies (loading.cpp)
  // Loads what the strategies of `rows`' relationships ask to load now
  // (selectin, noload; joined ones that the query could not join).
  void load_eagerly(const ModelInfo& model, const std::vector<ObjectState*>& rows,
                    std::span<const LoadRequest> overrides, int depth);
  // Loads `relation` for every owner whose member is not loaded yet, with
  // one SELECT ... IN (...) per batch of owners.
  void load_for_all(const RelationInfo& relation, const std::vector<ObjectState*>& owners,
                    int depth, const LoadRequest* request = nullptr);
  std::vector<ObjectState*> select_joined(const ModelInfo& model, const sql::Select& select,
                                          const std::vector<const RelationInfo*>& joined,
                                          std::span<const LoadRequest> loads);
  // Remembers `rows` as one result (when there is more than one row).
  void remember_result(const std::vector<ObjectState*>& rows,
                       std::span<const LoadRequest> overrides);
  // Before a lazy load of `relation` for `owner` runs SQL: peers load for the
  // whole result (true: done), raise throws, the N+1 detector counts.
  bool before_lazy_load(ObjectState& owner, const RelationInfo& relation);
  void begin_write();
  // ROLLBACK of the open transaction, if any (in the database only).
  void roll_back_database() noexcept;
  // Ends the open transaction in memory: keeps (commit) or undoes (rollback)
  // what it wrote. `expire` also resets loaded relationships (rollback()).
  void end_transaction(bool committed, bool expire) noexcept;
  void detach_all() noexcept;
  // Rolls back what is open and detaches the objects that outlive the session.
  void end() noexcept;
  void cascade_add(ObjectState& object);
  // For its lifetime, objects loaded go to `graph` (see loading_graph()).
  class LoadingFor {
   public:
    LoadingFor(SessionImpl& session, Graph& graph) noexcept
        : session_(session), before_(session.loading_into_) {
      session.loading_into_ = &graph.root();
    }
    ~LoadingFor() { session_.loading_into_ = before_; }
    LoadingFor(const LoadingFor&) = delete;
    LoadingFor& operator=(const LoadingFor&) = delete;

   private:
    SessionImpl& session_;
    Graph* before_;
  };
  // Whether an object of `graph` is waiting to be written, or was written
  // in the open transaction (a rollback must find it).
  bool holds_changes(Graph& graph) const noexcept;
  void unregister(ObjectState& object) noexcept;

  std::shared_ptr<DatabaseCore> database_;
  std::optional<PooledConnection> transaction_;  // held while a write transaction is open

  // Owns every object this session loaded or was given; the lists below
  // point into it.
  std::shared_ptr<Graph> graph_;
  // The graphs of the batches being read, by id (see read_batch).
  std::vector<std::pair<std::uint64_t, std::shared_ptr<Graph>>> batch_graphs_;
  std::uint64_t next_batch_ = 0;
  Graph* loading_into_ = nullptr;  // while loading for a graph not the session's
  IdentityMap identity_;
  std::vector<ObjectState*> pending_;  // in add order
  std::vector<ObjectState*> deleted_;  // marked for delete, not yet flushed
  std::vector<ObjectState*> touched_;  // reached since the last flush
  std::vector<std::pair<ObjectState*, const RelationInfo*>> orphans_;

  // What the open transaction wrote, to undo in memory on rollback.
  std::vector<ObjectState*> written_inserted_;
  std::vector<ObjectState*> written_updated_;
  std::vector<ObjectState*> written_deleted_;

  // The open savepoints, outermost first. Each marks where the written_
  // lists stood when it began, and keeps the snapshots at that point of the
  // objects updated since (a released inner savepoint's are added to its
  // parent's).
  struct SavepointState {
    std::uint64_t id;
    std::string name;
    std::size_t inserted_mark;
    std::size_t deleted_mark;
    std::vector<std::pair<ObjectState*, std::shared_ptr<const void>>> saved;
    std::unordered_set<const ObjectState*> saved_objects;
    // Why a failed flush or statement rolled back to it; empty otherwise.
    std::string failure;
  };
  std::vector<SavepointState> savepoints_;
  std::uint64_t next_savepoint_ = 0;

  std::vector<std::unique_ptr<QueryResult>> results_;
  NPlusOne n_plus_one_;
  std::uint32_t n_plus_one_threshold_;
  struct Budget {
    std::size_t id;
    std::uint64_t start;
    std::uint64_t max;
  };
  std::vector<Budget> budgets_;
  std::size_t next_budget_ = 0;

  bool flushing_ = false;
  // What made the transaction fail, while the session awaits rollback();
  // empty otherwise.
  std::string failure_;
  // While a populate_existing query runs: the objects its rows overwrote
  // (each once: a joined query repeats an owner's row per child).
  std::unordered_set<const ObjectState*>* populating_ = nullptr;
  std::uint64_t statements_ = 0;
  std::uint64_t sql_statements_ = 0;  // those counted by budgets: not BEGIN/COMMIT
  std::uint64_t snapshot_comparisons_ = 0;
};

}  // namespace relate::detail
