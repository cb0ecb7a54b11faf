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

#include "relate/orm/fwd.hpp"
#include "relate/sql/expression.hpp"

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
// Statement budgets (Session::budget). No SQL.
std::size_t open_budget(SessionImpl& session, std::uint64_t max_statements);
void close_budget(SessionImpl& session, std::size_t id) noexcept;
std::uint64_t budget_used(const SessionImpl& session, std::size_t id) noexcept;

}  // namespace relate::detail
