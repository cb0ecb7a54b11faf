// Bulk writes by filter (Query::update, Query::delete_rows): one UPDATE or
// DELETE in the session's write transaction, with the objects the session
// holds for the rows written kept in step (SQLAlchemy's
// synchronize_session="fetch", by RETURNING).

#include "relate/sql/compiler.hpp"
#include "session_impl.hpp"

namespace relate::detail {

namespace {

// The count the statement's cursor gives: the rows it returned, else the rows
// it changed.
template <class F>
std::int64_t run_counting(Cursor& cursor, bool returning, F&& row) {
  if (!returning) return cursor.run();
  std::int64_t rows = 0;
  while (cursor.next()) {
    ++rows;
    row(cursor);
  }
  return rows;
}

}  // namespace

std::int64_t SessionImpl::bulk_update(const ModelInfo& model,
                                      const std::vector<sql::Condition>& where,
                                      std::span<const sql::ColumnValue> sets) {
  require_usable();
  require_configured(model);
  autoflush();
  // RETURNING only when there are objects to keep in step.
  const bool returning = identity_.holds_any(&model);
  const sql::CompiledSql compiled =
      sql::compile_update(model.table, std::vector<sql::ColumnValue>(sets.begin(), sets.end()),
                          where, returning, dialect());
  const std::vector<Param> params = to_params(compiled.params);
  return fail_on_database_error([&] {
    begin_write();
    Cursor cursor = execute(**transaction_, compiled.text, params);
    return run_counting(cursor, returning, [&](Cursor& row) {
      ObjectState* held = find_loaded(model, row.get_int64(model.table.primary_key));
      if (held == nullptr || held->status != ObjectStatus::persistent) return;
      // As a flush's UPDATE: rollback (to a savepoint) puts the values back.
      note_updated(*held);
      overwrite_from_row(*held, row);
    });
  });
}

std::int64_t SessionImpl::bulk_delete(const ModelInfo& model,
                                      const std::vector<sql::Condition>& where) {
  require_usable();
  require_configured(model);
  autoflush();
  const bool returning = identity_.holds_any(&model);
  const sql::CompiledSql compiled = sql::compile_delete(model.table, where, returning, dialect());
  const std::vector<Param> params = to_params(compiled.params);
  return fail_on_database_error([&] {
    begin_write();
    Cursor cursor = execute(**transaction_, compiled.text, params);
    return run_counting(cursor, returning, [&](Cursor& row) {
      ObjectState* held = find_loaded(model, row.get_int64(0));
      if (held != nullptr && held->status == ObjectStatus::persistent) forget_deleted_row(*held);
    });
  });
}

std::int64_t session_bulk_update(SessionImpl& session, const ModelInfo& model,
                                 const std::vector<sql::Condition>& where,
                                 std::span<const sql::ColumnValue> sets) {
  return session.bulk_update(model, where, sets);
}

std::int64_t session_bulk_delete(SessionImpl& session, const ModelInfo& model,
                                 const std::vector<sql::Condition>& where) {
  return session.bulk_delete(model, where);
}

}  // namespace relate::detail
