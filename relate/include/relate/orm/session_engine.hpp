#pragma once
// The narrow interface through which Session, Query, DynamicMany and the
// relationship members reach a session's engine (identity map, unit of work,
// loading), which is private to relate (src/orm/session_impl.hpp). Not for
// direct use: call Session and Query.
//
// Every call here may run SQL unless it says otherwise, and may throw what
// relate/error.hpp lists. Not thread-safe: a session belongs to one thread.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "relate/orm/fwd.hpp"
#include "relate/sql/expression.hpp"

namespace relate {
class Cursor;
struct NamedValue;
}  // namespace relate
namespace relate::sql {
class Dialect;
}

namespace relate::detail {

class DatabaseCore;
class SessionImpl;
class ObjectState;
class Graph;
class CollectionBase;
struct ModelInfo;
struct RelationInfo;

// A loading strategy asked for by one query, for one relationship.
struct LoadRequest {
  const RelationInfo* relation;
  Load strategy;
  // For a joined load that fills the relationship from the query's
  // filter_any (contains_eager): only the related rows that match.
  std::optional<sql::Condition> only;
  // selectin with a per-parent limit: the first `per_parent` in `order`.
  std::int64_t per_parent = 0;
  std::vector<sql::OrderTerm> per_parent_order;
};

// The graph that owns the session's objects: new objects for it are created
// there, then added. No SQL.
Graph& session_graph(SessionImpl& session) noexcept;
// Session::add, remove, expunge (no SQL: the flush writes).
void session_add(SessionImpl& session, ObjectState& object);
void session_remove(SessionImpl& session, ObjectState& object);
void session_expunge(SessionImpl& session, ObjectState& object);
// The object with `key`, from the identity map or one SELECT; null if none.
ObjectState* session_get(SessionImpl& session, const ModelInfo& model, std::int64_t key);
// Autoflushes, runs `select` and the eager loads `loads` ask for. With
// `populate_existing`, the rows read overwrite the objects the session holds.
std::vector<ObjectState*> session_select(SessionImpl& session, const ModelInfo& model,
                                         const sql::Select& select,
                                         std::span<const LoadRequest> loads,
                                         bool populate_existing = false);
// Session::refresh (one SELECT now), expire and expire_all (no SQL).
void session_refresh(SessionImpl& session, ObjectState& object);
void session_expire(SessionImpl& session, ObjectState& object);
void session_expire_all(SessionImpl& session) noexcept;
// Autoflushes, runs a count(*) statement and returns its number.
std::int64_t session_count(SessionImpl& session, const sql::Select& select);
const sql::Dialect& session_dialect(const SessionImpl& session) noexcept;
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
// "column 2 (title) of the row is NULL..." as a DataError. No SQL.
[[noreturn]] void throw_null_result_column(const Cursor& row, std::size_t column);
// The row has not `expected` columns: InvalidRequestError. No SQL.
[[noreturn]] void throw_result_columns(const Cursor& row, std::size_t expected);

// Statement budgets (Session::budget). No SQL.
std::size_t open_budget(SessionImpl& session, std::uint64_t max_statements);
void close_budget(SessionImpl& session, std::size_t id) noexcept;
std::uint64_t budget_used(const SessionImpl& session, std::size_t id) noexcept;

}  // namespace relate::detail
