#pragma once
// The narrow interface through which Session, DynamicMany and the
// relationship members reach a session's engine (identity map, unit of work,
// loading), which is private to relate (src/orm/session_impl.hpp; Query goes
// through detail::QueryBase). Not for direct use: call Session and Query.
//
// Every call here may run SQL unless it says otherwise, and may throw what
// relate/error.hpp lists. Not thread-safe: a session belongs to one thread.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "relate/connection/plan.hpp"
#include "relate/orm/fwd.hpp"
#include "relate/sql/expression.hpp"

namespace relate {
class Cursor;
struct NamedValue;
}  // namespace relate

namespace relate::detail {

class DatabaseCore;
class CollectionBase;

// The graph that owns the session's objects: new objects for it are created
// there, then added. No SQL.
Graph& session_graph(SessionImpl& session) noexcept;
// Session::add, remove, expunge (no SQL: the flush writes).
void session_add(SessionImpl& session, ObjectState& object);
void session_remove(SessionImpl& session, ObjectState& object);
void session_expunge(SessionImpl& session, ObjectState& object);
// The object with `key`, from the identity map or one SELECT; null if none.
ObjectState* session_get(SessionImpl& session, const ModelInfo& model, std::int64_t key);
// Session::refresh (one SELECT now), expire and expire_all (no SQL).
void session_refresh(SessionImpl& session, ObjectState& object);
void session_expire(SessionImpl& session, ObjectState& object);
void session_expire_all(SessionImpl& session) noexcept;
// "child.fk = owner's key" for a dynamic collection; flushes first if the
// owner has no key yet.
sql::Condition children_condition(SessionImpl& session, const CollectionBase& collection);
// Raw SQL (Session::execute, fetch, fetch_objects): autoflushes, binds the
// :name placeholders, and runs the statement in the write transaction
// (opening it) unless it only reads (then where queries run). Calls `row`
// for each row when given; returns the rows the statement changed.
std::int64_t session_run_sql(SessionImpl& session, std::string_view sql,
                             std::span<const NamedValue> values,
                             const std::function<void(const Cursor&)>& row);
// The rows of `sql`, each holding `model`'s columns in order, as the
// session's objects.
std::vector<ObjectState*> session_fetch_objects(SessionImpl& session, const ModelInfo& model,
                                                std::string_view sql,
                                                std::span<const NamedValue> values);
// Session::explain: the plan of a query's statement, or of raw SQL with
// :name placeholders, after an autoflush, where queries run. Runs only the
// planner (EXPLAIN), never the statement.
QueryPlan session_explain(SessionImpl& session, const sql::CompiledSql& statement);
QueryPlan session_explain(SessionImpl& session, std::string_view sql,
                          std::span<const NamedValue> values);
// "column 2 (title) of the row is NULL..." as a DataError. No SQL.
[[noreturn]] void throw_null_result_column(const Cursor& row, std::size_t column);
// The row has not `expected` columns: InvalidRequestError. No SQL.
[[noreturn]] void throw_result_columns(const Cursor& row, std::size_t expected);

// Statement budgets (Session::budget). No SQL.
std::size_t open_budget(SessionImpl& session, std::uint64_t max_statements);
void close_budget(SessionImpl& session, std::size_t id) noexcept;
std::uint64_t budget_used(const SessionImpl& session, std::size_t id) noexcept;

}  // namespace relate::detail
