#include "errors.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "relate/orm/model_info.hpp"
#include "relate/sql/compiler.hpp"

namespace relate::detail {

void throw_null_column(const ModelInfo& model, std::size_t column) {
  throw DataError(model.table.name + "." + model.table.columns[column].name +
                  " is NULL in the database, but its member in " + model.type_name +
                  " is not a std::optional");
}

void throw_not_nullable(const ModelInfo& model, std::size_t column) {
  const std::string name = model.table.name + "." + model.table.columns[column].name;
  // The same error as the database's for a NULL in a NOT NULL column, so
  // that one catch (IntegrityError) serves both.
  throw NotNullViolation("cannot set " + name + " to NULL: the column is NOT NULL. A " +
                             model.type_name +
                             " removed from its parent must be deleted (cascade "
                             "\"delete-orphan\") or given another parent",
                         model.table.name, "");
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

// The messages, worded the same whichever way the facts were found.

std::string missing_parent_message(const std::string& constraint, const sql::TableInfo& table,
                                   std::size_t column, const std::string& value,
                                   const sql::TableInfo& parent, std::size_t parent_column) {
  return "FOREIGN KEY constraint " + constraint + " failed: " + qualified(table, column) + " = " +
         value + " refers to no row of " + qualified(parent, parent_column);
}

std::string still_referenced_message(const std::string& constraint, const sql::TableInfo& table,
                                     std::int64_t key, const sql::TableInfo& child,
                                     std::size_t column) {
  return "FOREIGN KEY constraint " + constraint + " failed: " + table.name + " " +
         std::to_string(key) + " is still referenced by " + qualified(child, column) +
         " (delete those rows first, or cascade the delete to them)";
}

std::string duplicate_message(const std::string& constraint, const sql::TableInfo& table,
                              std::size_t column, const std::string& value) {
  return "UNIQUE constraint " + constraint + " failed: a " + table.name + " with " +
         table.columns[column].name + " = " + value + " already exists";
}

std::string primary_key_name(const sql::TableInfo& table) {
  return "pk_" + table.name;
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
      throw E(still_referenced_message(fk.name, m.table, key, child->table, column), m.table.name,
              fk.name);
    }
  } else {
    for (const ForeignKeyTarget& target : m.foreign_keys) {
      const auto value = m.ops.integer(object, target.column);
      if (!value) continue;
      const ModelInfo& parent = target.target();
      if (row_exists(connection, dialect, parent.table, target.target_column, *value)) continue;
      const auto& fk = *m.table.columns[target.column].foreign_key;
      throw E(missing_parent_message(fk.name, m.table, target.column, std::to_string(*value),
                                     parent.table, target.target_column),
              m.table.name, fk.name);
    }
  }
  throw error;
}

// ---- constraints the database names (PostgreSQL)

// The value in a detail such as "Key (username)=(ada) already exists.".
std::optional<std::string> key_value(const std::string& detail) {
  const auto open = detail.find(")=(");
  if (open == std::string::npos) return std::nullopt;
  const auto begin = open + 3;
  for (const char* after : {") already exists", ") is not present", ") is still referenced"}) {
    const auto end = detail.rfind(after);
    if (end != std::string::npos && end >= begin) return detail.substr(begin, end - begin);
  }
  return std::nullopt;
}

// A column value as the database prints it in a detail line.
std::string plain_text(const Param& p) {
  if (const auto* text = std::get_if<std::string_view>(&p)) return std::string(*text);
  if (const auto* number = std::get_if<std::int64_t>(&p)) return std::to_string(*number);
  return describe(p);
}

// Of the rows written together, the one whose `column` holds the value the
// detail names (the only one, for a single row); null if none does.
const ObjectState* culprit(std::span<ObjectState* const> objects, std::size_t column,
                           const std::string& detail) {
  if (objects.size() == 1) return objects.front();
  const auto value = key_value(detail);
  if (!value) return nullptr;
  std::vector<Param> params;
  for (const ObjectState* o : objects) {
    params.clear();
    o->model().ops.params(*o, ColumnMask{1} << column, params);
    if (plain_text(params.front()) == *value) return o;
  }
  return nullptr;
}

// The value for a message: the object's if known, else the detail's.
std::string shown_value(const ObjectState* object, const sql::TableInfo& table, std::size_t column,
                        const std::string& detail) {
  if (object != nullptr) return object->model().ops.describe_column(*object, column);
  const std::string value = key_value(detail).value_or("?");
  return table.columns[column].type == sql::SqlType::text ? "'" + value + "'" : value;
}

// Throws the explained error when `error` names a constraint of the model's
// schema; returns when it names none that relate declared.
// `missing_parent`, where given, finds the row of a batch whose parent is
// missing when the database's detail does not give the value (MySQL).
void explain_named_constraint(
    const IntegrityError& error, std::span<ObjectState* const> objects, WriteKind kind,
    const std::function<const ObjectState*(const ForeignKeyTarget&)>& missing_parent) {
  const ModelInfo& m = objects.front()->model();
  const sql::TableInfo& table = m.table;
  const std::string& name = error.constraint();
  if (const auto* unique = dynamic_cast<const UniqueViolation*>(&error)) {
    std::optional<std::size_t> column;
    std::string relate_name = name;
    if (name == table.name + "_pkey" || name == primary_key_name(table)) {
      column = table.primary_key;
      relate_name = primary_key_name(table);
    }
    for (std::size_t c = 0; !column && c < table.columns.size(); ++c) {
      if (table.columns[c].unique && table.unique_constraint_name(c) == name) column = c;
    }
    if (!column) return;
    const ObjectState* object = culprit(objects, *column, unique->detail());
    throw UniqueViolation(duplicate_message(relate_name, table, *column,
                                            shown_value(object, table, *column, unique->detail())),
                          table.name, relate_name, unique->detail());
  }
  if (const auto* fk = dynamic_cast<const ForeignKeyViolation*>(&error)) {
    if (kind == WriteKind::remove) {
      for (const auto& [child, column] : m.referenced_by) {
        if (child->table.columns[column].foreign_key->name != name) continue;
        const std::int64_t key = m.ops.primary_key(*objects.front());
        throw ForeignKeyViolation(still_referenced_message(name, table, key, child->table, column),
                                  table.name, name, fk->detail());
      }
      return;
    }
    for (const ForeignKeyTarget& target : m.foreign_keys) {
      if (table.columns[target.column].foreign_key->name != name) continue;
      const ObjectState* object = culprit(objects, target.column, fk->detail());
      if (object == nullptr && missing_parent) object = missing_parent(target);
      throw ForeignKeyViolation(
          missing_parent_message(name, table, target.column,
                                 shown_value(object, table, target.column, fk->detail()),
                                 target.target().table, target.target_column),
          table.name, name, fk->detail());
    }
  }
}

}  // namespace

void explain_integrity_error(const IntegrityError& error, std::span<ObjectState* const> objects,
                             WriteKind kind, Connection& connection, const sql::Dialect& dialect) {
  // The database names the constraint but not the value (MySQL): of the rows
  // written together, the first whose parent is not there. (A failed
  // statement rolls back only itself there; where the transaction is
  // aborted instead, the look-up fails and the value stays unknown.)
  const auto missing_parent = [&](const ForeignKeyTarget& target) -> const ObjectState* {
    const ModelInfo& parent = target.target();
    try {
      for (const ObjectState* o : objects) {
        const auto value = o->model().ops.integer(*o, target.column);
        if (value && !row_exists(connection, dialect, parent.table, target.target_column, *value))
          return o;
      }
    } catch (const Error&) {
    }
    return nullptr;
  };
  if (!error.detail().empty()) explain_named_constraint(error, objects, kind, missing_parent);
  const ObjectState& object = *objects.front();
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
                                 ? primary_key_name(m.table)
                                 : m.table.unique_constraint_name(*column);
    throw UniqueViolation(
        duplicate_message(name, m.table, *column, m.ops.describe_column(object, *column)),
        m.table.name, name);
  }
  if (const auto* not_null = dynamic_cast<const NotNullViolation*>(&error)) throw *not_null;
  if (const auto* check = dynamic_cast<const CheckViolation*>(&error)) throw *check;
  throw error;
}

}  // namespace relate::detail
