// Raw SQL through the session (Session::execute, fetch, fetch_objects): in
// its transaction, on its connection, with :name placeholders on every
// backend.

#include <algorithm>

#include "../sql/named_params.hpp"
#include "relate/error.hpp"
#include "session_impl.hpp"

namespace relate::detail {

namespace {

bool same_name(std::string_view a, std::string_view b) noexcept {
  // PostgreSQL folds unquoted names to lower case; SQLite keeps them as written.
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    return lower(x) == lower(y);
  });
}

// The names of a row's columns, for messages: "id, title, content".
std::string column_names(const Cursor& row) {
  std::string names;
  for (std::size_t i = 0; i < row.column_count(); ++i) {
    if (i > 0) names += ", ";
    names += row.column_name(i);
  }
  return names;
}

}  // namespace

template <class F>
std::int64_t SessionImpl::run_raw(std::string_view sql, std::span<const NamedValue> values,
                                  F&& row) {
  require_usable();
  const sql::BoundSql bound = sql::bind_named(sql, values, dialect());
  autoflush();
  // A database failure on the transaction's connection ends the transaction
  // (inside begin_nested(): its savepoint) as a failed flush does (on
  // PostgreSQL it could not go on anyway). Errors from reading the rows into
  // C++ values leave it open.
  const auto guarded = [&](auto&& step) { return fail_on_database_error(step); };
  if (!sql::reads_only(bound.text)) guarded([&] { begin_write(); });
  return with_connection([&](Connection& connection) -> std::int64_t {
    Cursor cursor = guarded([&] { return execute(connection, bound.text, bound.params); });
    if constexpr (std::is_same_v<std::decay_t<F>, std::nullptr_t>) {
      return guarded([&] { return cursor.run(); });
    } else {
      while (guarded([&] { return cursor.next(); }))
        row(cursor);
      return 0;
    }
  });
}

std::int64_t SessionImpl::run_sql(std::string_view sql, std::span<const NamedValue> values,
                                  const std::function<void(const Cursor&)>& row) {
  if (!row) return run_raw(sql, values, nullptr);
  return run_raw(sql, values, [&](Cursor& cursor) { row(cursor); });
}

std::vector<ObjectState*> SessionImpl::fetch_objects(const ModelInfo& model, std::string_view sql,
                                                     std::span<const NamedValue> values) {
  require_configured(model);
  const std::vector<sql::ColumnInfo>& columns = model.table.columns;
  std::vector<ObjectState*> objects;
  run_raw(sql, values, [&](Cursor& row) {
    if (objects.empty()) {
      bool matches = row.column_count() >= columns.size();
      for (std::size_t i = 0; matches && i < columns.size(); ++i)
        matches = same_name(row.column_name(i), columns[i].name);
      if (!matches) {
        std::string wanted;
        for (const auto& c : columns)
          wanted += (wanted.empty() ? "" : ", ") + c.name;
        throw InvalidRequestError("fetch_objects<" + model.type_name + "> needs the columns " +
                                  wanted + " first, in that order (SELECT " + model.table.name +
                                  ".* ...); the statement returns " + column_names(row));
      }
    }
    objects.push_back(adopt_row(model, row));
  });
  remember_result(objects, {});
  load_eagerly(model, objects, {}, 0);
  return objects;
}

std::int64_t session_run_sql(SessionImpl& session, std::string_view sql,
                             std::span<const NamedValue> values,
                             const std::function<void(const Cursor&)>& row) {
  return session.run_sql(sql, values, row);
}

std::vector<ObjectState*> session_fetch_objects(SessionImpl& session, const ModelInfo& model,
                                                std::string_view sql,
                                                std::span<const NamedValue> values) {
  return session.fetch_objects(model, sql, values);
}

void throw_null_result_column(const Cursor& row, std::size_t column) {
  throw DataError("column " + std::to_string(column) + " (" + std::string(row.column_name(column)) +
                  ") of a fetched row is NULL: fetch it as a std::optional");
}

void throw_result_columns(const Cursor& row, std::size_t expected) {
  throw InvalidRequestError("fetch asked for " + std::to_string(expected) +
                            " columns, but the statement returns " +
                            std::to_string(row.column_count()) + ": " + column_names(row));
}

}  // namespace relate::detail
