#include "errors.hpp"

#include "relate/orm/model_builder.hpp"
#include "relate/sql/compiler.hpp"

namespace relate::detail {

void throw_null_column(const ModelInfo& model, std::size_t column) {
  throw DataError(model.table.name + "." + model.table.columns[column].name +
                  " is NULL in the database, but its member in " + model.type_name +
                  " is not a std::optional");
}

void throw_not_nullable(const ModelInfo& model, std::size_t column) {
  const std::string name = model.table.name + "." + model.table.columns[column].name;
  throw InvalidRequestError("cannot set " + name + " to NULL: the column is NOT NULL. A " +
                            model.type_name +
                            " removed from its parent must be deleted (cascade \"delete-orphan\") "
                            "or given another parent");
}

void throw_too_long(const ModelInfo& model, std::size_t column, std::size_t length,
                    std::size_t limit) {
  throw ValueTooLong(model.table.name + "." + model.table.columns[column].name + " is " +
                         std::to_string(length) + " characters long, more than its VARCHAR(" +
                         std::to_string(limit) + ")",
                     length, limit);
}

std::size_t utf8_length(std::string_view s) noexcept {
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  }
  return n;
}

namespace {

// Whether a row of `table` has `column` = key.
bool row_exists(Connection& connection, const sql::Dialect& dialect, const sql::TableInfo& table,
                std::size_t column, std::int64_t key) {
  sql::Select select;
  select.table = &table;
  select.shape = sql::Select::Shape::exists_marker;
  select.where.push_back(sql::Condition::compare({&table, column}, sql::CompareOp::eq, Value{key}));
  select.limit = 1;
  const sql::CompiledSql compiled = sql::compile(select, dialect);
  std::vector<Param> params;
  for (const Value& v : compiled.params)
    params.push_back(to_param(v));
  return connection.execute(compiled.text, params).next();
}

std::string qualified(const sql::TableInfo& table, std::size_t column) {
  return table.name + "." + table.columns[column].name;
}

// SQLite names no foreign key in its error: find the one that failed.
template <class E>
[[noreturn]] void explain_foreign_key(const E& error, const ObjectState& object, WriteKind kind,
                                      Connection& connection, const sql::Dialect& dialect) {
  const ModelInfo& m = object.model();
  if (kind == WriteKind::remove) {
    const std::int64_t key = m.ops.primary_key(object);
    for (const auto& [child, column] : m.referenced_by) {
      if (!row_exists(connection, dialect, child->table, column, key)) continue;
      const auto& fk = *child->table.columns[column].foreign_key;
      throw E("FOREIGN KEY constraint " + fk.name + " failed: " + m.table.name + " " +
                  std::to_string(key) + " is still referenced by " +
                  qualified(child->table, column) +
                  " (delete those rows first, or cascade the delete to them)",
              m.table.name, fk.name);
    }
  } else {
    for (const ForeignKeyTarget& target : m.foreign_keys) {
      const auto value = m.ops.integer(object, target.column);
      if (!value) continue;
      const ModelInfo& parent = target.target();
      if (row_exists(connection, dialect, parent.table, target.target_column, *value)) continue;
      const auto& fk = *m.table.columns[target.column].foreign_key;
      throw E("FOREIGN KEY constraint " + fk.name +
                  " failed: " + qualified(m.table, target.column) + " = " + std::to_string(*value) +
                  " refers to no row of " + qualified(parent.table, target.target_column),
              m.table.name, fk.name);
    }
  }
  throw error;
}

}  // namespace

void explain_integrity_error(const IntegrityError& error, const ObjectState& object, WriteKind kind,
                             Connection& connection, const sql::Dialect& dialect) {
  const ModelInfo& m = object.model();
  if (const auto* fk = dynamic_cast<const ForeignKeyViolation*>(&error)) {
    if (!fk->constraint().empty()) throw *fk;
    try {
      explain_foreign_key(*fk, object, kind, connection, dialect);
    } catch (const ForeignKeyViolation&) {
      throw;
    } catch (const Error&) {
      throw *fk;  // the diagnosis itself failed: report what the database said
    }
  }
  if (const auto* unique = dynamic_cast<const UniqueViolation*>(&error)) {
    // SQLite says "table.column"; name the constraint relate created for it.
    const std::string& where = unique->constraint();
    const auto dot = where.find('.');
    const auto column =
        dot == std::string::npos ? std::nullopt : m.table.find_column(where.substr(dot + 1));
    if (!column || where.find(',') != std::string::npos) throw *unique;
    const std::string name = *column == m.table.primary_key
                                 ? "pk_" + m.table.name
                                 : m.table.unique_constraint_name(*column);
    throw UniqueViolation("UNIQUE constraint " + name + " failed: a " + m.table.name + " with " +
                              m.table.columns[*column].name + " = " +
                              m.ops.describe_column(object, *column) + " already exists",
                          m.table.name, name);
  }
  if (const auto* not_null = dynamic_cast<const NotNullViolation*>(&error)) throw *not_null;
  if (const auto* check = dynamic_cast<const CheckViolation*>(&error)) throw *check;
  throw error;
}

}  // namespace relate::detail
