// Bulk writes by filter (Query::update, Query::delete_rows): one UPDATE or
// DELETE in the session's write transaction, with the objects the session
// holds for the rows written kept in step (SQLAlchemy's
// synchronize_session="fetch", by RETURNING; where the dialect has no
// RETURNING for the statement, by selecting the rows' keys first, in the
// same transaction).

#include "relate/sql/compiler.hpp"
#include "relate/sql/select.hpp"
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

void SessionImpl::each_row(Connection& connection, const sql::Select& select,
                           const std::function<void(Cursor&)>& row) {
  const sql::CompiledSql compiled = sql::compile(select, dialect());
  const std::vector<Param> params = to_params(compiled.params);
  Cursor cursor = execute(connection, compiled.text, params);
  while (cursor.next())
    row(cursor);
}

std::vector<Value> SessionImpl::held_keys_where(Connection& connection, const ModelInfo& model,
                                                const std::vector<sql::Condition>& where) {
  sql::Select select;
  select.table = &model.table;
  select.where = where;
  std::vector<Value> keys;
  each_row(connection, select, [&](Cursor& row) {
    const std::int64_t key = row.get_int64(model.table.primary_key);
    if (find_loaded(model, key) != nullptr) keys.emplace_back(key);
  });
  return keys;
}

std::int64_t SessionImpl::bulk_update(const ModelInfo& model,
                                      const std::vector<sql::Condition>& where,
                                      std::span<const sql::ColumnValue> sets) {
  require_usable();
  require_configured(model);
  autoflush();
  // RETURNING only when there are objects to keep in step.
  const bool sync = identity_.holds_any(&model);
  const bool returning = sync && dialect().update_returning();
  const sql::CompiledSql compiled =
      sql::compile_update(model.table, std::vector<sql::ColumnValue>(sets.begin(), sets.end()),
                          where, returning, dialect());
  const std::vector<Param> params = to_params(compiled.params);
  const auto keep_in_step = [&](Cursor& row) {
    ObjectState* held = find_loaded(model, row.get_int64(model.table.primary_key));
    if (held == nullptr || held->status != ObjectStatus::persistent) return;
    // As a flush's UPDATE: rollback (to a savepoint) puts the values back.
    note_updated(*held);
    overwrite_from_row(*held, row);
  };
  return fail_on_database_error([&] {
    begin_write();
    Connection& connection = **transaction_;
    // No UPDATE ... RETURNING (MariaDB, MySQL): the held rows the filter
    // matches before the UPDATE, read again after it.
    std::vector<Value> held;
    if (sync && !returning) held = held_keys_where(connection, model, where);
    Cursor cursor = execute(connection, compiled.text, params);
    const std::int64_t count = run_counting(cursor, returning, keep_in_step);
    if (!held.empty()) {
      sql::Select select;
      select.table = &model.table;
      select.where = {sql::Condition::in({&model.table, model.table.primary_key}, held)};
      each_row(connection, select, keep_in_step);
    }
    return count;
  });
}

std::int64_t SessionImpl::bulk_delete(const ModelInfo& model,
                                      const std::vector<sql::Condition>& where) {
  require_usable();
  require_configured(model);
  autoflush();
  const bool sync = identity_.holds_any(&model);
  const bool returning = sync && dialect().delete_returning();
  const sql::CompiledSql compiled = sql::compile_delete(model.table, where, returning, dialect());
  const std::vector<Param> params = to_params(compiled.params);
  const auto forget = [&](std::int64_t key) {
    ObjectState* held = find_loaded(model, key);
    if (held != nullptr && held->status == ObjectStatus::persistent) forget_deleted_row(*held);
  };
  return fail_on_database_error([&] {
    begin_write();
    Connection& connection = **transaction_;
    // No DELETE ... RETURNING (MySQL): the held rows the filter matches,
    // before the DELETE.
    std::vector<Value> held;
    if (sync && !returning) held = held_keys_where(connection, model, where);
    Cursor cursor = execute(connection, compiled.text, params);
    const std::int64_t count =
        run_counting(cursor, returning, [&](Cursor& row) { forget(row.get_int64(0)); });
    for (const Value& key : held)
      forget(std::get<std::int64_t>(key));
    return count;
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
