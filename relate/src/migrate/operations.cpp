// Each step checks itself against the schema, changes the schema, then
// hands its statements to the target (none when only replaying).

#include "relate/migrate/operations.hpp"

#include <algorithm>

#include "backend.hpp"
#include "data_statements.hpp"
#include "relate/error.hpp"

namespace relate::migrate {

namespace {

using Kind = TableChange::Kind;

[[noreturn]] void refuse(const std::string& step, const std::string& why) {
  throw MigrationError(step + ": " + why);
}

template <class Items>
bool erase_named(Items& items, std::string_view name) {
  return std::erase_if(items, [&](const auto& x) { return x.name == name; }) > 0;
}

template <class Items>
bool has_named(const Items& items, std::string_view name) {
  return std::any_of(items.begin(), items.end(), [&](const auto& x) { return x.name == name; });
}

bool names_column(const std::vector<std::string>& names, std::string_view column) {
  return std::find(names.begin(), names.end(), column) != names.end();
}

void require_columns(const std::string& step, const Table& table,
                     const std::vector<std::string>& columns) {
  if (columns.empty()) refuse(step, "it names no column");
  for (const std::string& c : columns) {
    if (table.column(c) == nullptr) refuse(step, table.name + " has no column " + c);
  }
}

// Whether some schema object is already called `name` (indexes and, on
// PostgreSQL, constraints share one namespace per schema).
bool name_taken(const Schema& schema, std::string_view name) {
  for (const Table& t : schema.tables) {
    if (has_named(t.indexes, name) || has_named(t.uniques, name) || has_named(t.foreign_keys, name))
      return true;
  }
  return false;
}

// A full-text index covers text columns of a table whose key is one
// integer column (SQLite's FTS5 table keeps it as its rowid), is not
// unique, and its name is no table's (SQLite makes it one).
void check_fulltext(const std::string& step, const Schema& schema, const Table& table,
                    const Index& index) {
  if (index.unique) refuse(step, "a full-text index is not unique");
  for (const std::string& c : index.columns) {
    if (table.column(c)->type != SqlType::text) refuse(step, c + " is not a text column");
  }
  if (table.primary_key.size() != 1 || table.column(table.primary_key.front()) == nullptr ||
      table.column(table.primary_key.front())->type != SqlType::integer)
    refuse(step, "the table's primary key must be one integer column");
  if (schema.table(index.name) != nullptr) refuse(step, "a table is called " + index.name);
}

void create_index_statements(Operations::Target& target, const Table& table, const Index& index) {
  if (!index.fulltext) {
    target.statement(target.ddl.create_index(table, index));
    return;
  }
  for (const std::string& sql : target.ddl.create_fulltext_index(table, index))
    target.statement(sql);
}

// The full-text index of `table` that uses `column`, if any.
const Index* fulltext_using(const Table& table, std::string_view column) {
  for (const Index& i : table.indexes) {
    if (i.fulltext && names_column(i.columns, column)) return &i;
  }
  return nullptr;
}

}  // namespace

Operations::Operations(Schema& schema, Target* target) : schema_(schema), target_(target) {}

Table& Operations::begin(std::string step, std::string_view table) {
  step_ = std::move(step);
  Table* found = schema_.table(table);
  if (found == nullptr) refuse(step_, "there is no table " + std::string(table));
  return *found;
}

void Operations::changed(const Table& before, const Table& table, const TableChange& change) {
  if (target_ == nullptr) return;
  for (const std::string& sql : target_->backend.change_table(target_->ddl, before, table, change))
    target_->statement(sql);
}

void Operations::create_table(Table table) {
  step_ = "create_table " + table.name;
  if (schema_.table(table.name) != nullptr) refuse(step_, "the table exists already");
  if (table.columns.empty()) refuse(step_, "a table needs a column");
  require_columns(step_, table, table.primary_key);
  for (const UniqueConstraint& u : table.uniques)
    require_columns(step_, table, u.columns);
  for (const ForeignKey& fk : table.foreign_keys) {
    require_columns(step_, table, fk.columns);
    const Table* target = fk.target_table == table.name ? &table : schema_.table(fk.target_table);
    if (target == nullptr) refuse(step_, "foreign key " + fk.name + " names no table");
    require_columns(step_, *target, fk.target_columns);
  }
  for (const Index& i : table.indexes) {
    require_columns(step_, table, i.columns);
    if (i.fulltext) check_fulltext(step_, schema_, table, i);
  }
  schema_.tables.push_back(table);
  if (target_ == nullptr) return;
  target_->statement(target_->ddl.create_table(table));
  for (const Index& i : table.indexes)
    create_index_statements(*target_, table, i);
}

void Operations::drop_table(std::string_view table, DataLossAcknowledged) {
  begin("drop_table " + std::string(table), table);
  for (const Table& other : schema_.tables) {
    if (other.name == table) continue;
    for (const ForeignKey& fk : other.foreign_keys) {
      if (fk.target_table == table)
        refuse(step_, other.name + "'s foreign key " + fk.name + " references it: drop that first");
    }
  }
  // Full-text indexes first: SQLite's are tables of their own.
  if (target_ != nullptr) {
    for (const Index& i : schema_.table(table)->indexes) {
      if (!i.fulltext) continue;
      for (const std::string& sql : target_->ddl.drop_fulltext_index(*schema_.table(table), i))
        target_->statement(sql);
    }
  }
  erase_named(schema_.tables, table);
  if (target_ != nullptr) target_->statement(target_->ddl.drop_table(table));
}

void Operations::rename_table(std::string_view from, std::string_view to) {
  Table& t = begin("rename_table " + std::string(from) + " to " + std::string(to), from);
  if (schema_.table(to) != nullptr) refuse(step_, "a table " + std::string(to) + " exists already");
  for (const Index& i : t.indexes) {
    if (i.fulltext) refuse(step_, "full-text index " + i.name + " covers it: drop that first");
  }
  t.name = to;
  for (Table& other : schema_.tables) {
    for (ForeignKey& fk : other.foreign_keys) {
      if (fk.target_table == from) fk.target_table = to;
    }
  }
  if (target_ != nullptr) target_->statement(target_->ddl.rename_table(from, to));
}

void Operations::add_column(std::string_view table, Column column) {
  Table& t = begin("add_column " + std::string(table) + "." + column.name, table);
  if (t.column(column.name) != nullptr) refuse(step_, "the column exists already");
  const Table before = t;
  t.columns.push_back(column);
  changed(before, t, {Kind::add_column, column.name});
}

void Operations::drop_column(std::string_view table, std::string_view column,
                             DataLossAcknowledged) {
  Table& t = begin("drop_column " + std::string(table) + "." + std::string(column), table);
  if (t.column(column) == nullptr) refuse(step_, "there is no such column");
  if (names_column(t.primary_key, column)) refuse(step_, "it is in the primary key");
  if (const Index* i = fulltext_using(t, column); i != nullptr)
    refuse(step_, "full-text index " + i->name + " uses it: drop that first");
  const auto uses = [&](const std::vector<std::string>& columns) {
    return names_column(columns, column);
  };
  for (const ForeignKey& fk : t.foreign_keys) {
    if (uses(fk.columns)) refuse(step_, "foreign key " + fk.name + " uses it: drop that first");
  }
  for (const Table& other : schema_.tables) {
    for (const ForeignKey& fk : other.foreign_keys) {
      if (fk.target_table == table && uses(fk.target_columns))
        refuse(step_, other.name + "'s foreign key " + fk.name + " references it");
    }
  }
  const Table before = t;
  // Indexes and unique constraints on the column go with it, as databases do.
  std::erase_if(t.indexes, [&](const Index& i) { return uses(i.columns); });
  std::erase_if(t.uniques, [&](const UniqueConstraint& u) { return uses(u.columns); });
  erase_named(t.columns, column);
  changed(before, t, {Kind::drop_column, std::string(column)});
}

void Operations::rename_column(std::string_view table, std::string_view from, std::string_view to) {
  Table& t = begin(
      "rename_column " + std::string(table) + "." + std::string(from) + " to " + std::string(to),
      table);
  Column* c = t.column(from);
  if (c == nullptr) refuse(step_, "there is no such column");
  if (t.column(to) != nullptr) refuse(step_, "a column " + std::string(to) + " exists already");
  if (const Index* i = fulltext_using(t, from); i != nullptr)
    refuse(step_, "full-text index " + i->name + " uses it: drop that first");
  c->name = to;
  const auto rename = [&](std::vector<std::string>& names) {
    std::replace(names.begin(), names.end(), std::string(from), std::string(to));
  };
  rename(t.primary_key);
  for (Index& i : t.indexes)
    rename(i.columns);
  for (UniqueConstraint& u : t.uniques)
    rename(u.columns);
  for (ForeignKey& fk : t.foreign_keys)
    rename(fk.columns);
  for (Table& other : schema_.tables) {
    for (ForeignKey& fk : other.foreign_keys) {
      if (fk.target_table == table) rename(fk.target_columns);
    }
  }
  if (target_ != nullptr) target_->statement(target_->ddl.rename_column(table, from, to));
}

void Operations::alter_column(std::string_view table, Column column) {
  Table& t = begin("alter_column " + std::string(table) + "." + column.name, table);
  Column* c = t.column(column.name);
  if (c == nullptr) refuse(step_, "there is no such column");
  if (*c == column) return;  // nothing to change
  const Table before = t;
  *c = std::move(column);
  changed(before, t, {Kind::alter_column, c->name});
}

void Operations::create_index(std::string_view table, Index index) {
  Table& t = begin(std::string(index.fulltext ? "create_fulltext_index " : "create_index ") +
                       index.name + " on " + std::string(table),
                   table);
  require_columns(step_, t, index.columns);
  if (index.fulltext) check_fulltext(step_, schema_, t, index);
  if (name_taken(schema_, index.name)) refuse(step_, "the name is taken");
  t.indexes.push_back(index);
  if (target_ != nullptr) create_index_statements(*target_, t, index);
}

void Operations::drop_index(std::string_view table, std::string_view name) {
  Table& t = begin("drop_index " + std::string(name) + " on " + std::string(table), table);
  const auto it = std::find_if(t.indexes.begin(), t.indexes.end(),
                               [&](const Index& i) { return i.name == name; });
  if (it == t.indexes.end()) refuse(step_, "there is no such index");
  const Index index = *it;
  t.indexes.erase(it);
  if (target_ == nullptr) return;
  if (index.fulltext) {
    for (const std::string& sql : target_->ddl.drop_fulltext_index(t, index))
      target_->statement(sql);
  } else {
    target_->statement(target_->backend.drop_index(target_->ddl, table, name));
  }
}

void Operations::create_fulltext_index(std::string_view table, std::string_view name,
                                       std::vector<std::string> columns) {
  create_index(table,
               Index{.name = std::string(name), .columns = std::move(columns), .fulltext = true});
}

void Operations::drop_fulltext_index(std::string_view table, std::string_view name) {
  const Table* t = schema_.table(table);
  if (t != nullptr) {
    for (const Index& i : t->indexes) {
      if (i.name == name && !i.fulltext) {
        step_ = "drop_fulltext_index " + std::string(name) + " on " + std::string(table);
        refuse(step_, "it is not a full-text index (drop_index drops it)");
      }
    }
  }
  drop_index(table, name);
}

void Operations::create_unique(std::string_view table, UniqueConstraint unique) {
  Table& t = begin("create_unique " + unique.name + " on " + std::string(table), table);
  require_columns(step_, t, unique.columns);
  if (name_taken(schema_, unique.name)) refuse(step_, "the name is taken");
  const Table before = t;
  t.uniques.push_back(unique);
  changed(before, t, {Kind::add_unique, unique.name});
}

void Operations::drop_unique(std::string_view table, std::string_view name) {
  Table& t = begin("drop_unique " + std::string(name) + " on " + std::string(table), table);
  const Table before = t;
  if (!erase_named(t.uniques, name)) refuse(step_, "there is no such unique constraint");
  changed(before, t, {Kind::drop_unique, std::string(name)});
}

void Operations::create_foreign_key(std::string_view table, ForeignKey foreign_key) {
  Table& t = begin("create_foreign_key " + foreign_key.name + " on " + std::string(table), table);
  require_columns(step_, t, foreign_key.columns);
  const Table* target = schema_.table(foreign_key.target_table);
  if (target == nullptr) refuse(step_, "there is no table " + foreign_key.target_table);
  require_columns(step_, *target, foreign_key.target_columns);
  if (foreign_key.columns.size() != foreign_key.target_columns.size())
    refuse(step_, "it pairs a different number of columns on each side");
  if (name_taken(schema_, foreign_key.name)) refuse(step_, "the name is taken");
  const Table before = t;
  t.foreign_keys.push_back(foreign_key);
  changed(before, t, {Kind::add_foreign_key, foreign_key.name});
}

void Operations::drop_foreign_key(std::string_view table, std::string_view name) {
  Table& t = begin("drop_foreign_key " + std::string(name) + " on " + std::string(table), table);
  const Table before = t;
  if (!erase_named(t.foreign_keys, name)) refuse(step_, "there is no such foreign key");
  changed(before, t, {Kind::drop_foreign_key, std::string(name)});
}

void Operations::update_rows(std::string_view table, const std::vector<Assignment>& set,
                             const std::vector<Equals>& where) {
  const Table& t = begin("update_rows " + std::string(table), table);
  std::vector<std::string> columns;
  for (const Assignment& a : set) {
    columns.push_back(a.column);
    if (!a.from_column.empty()) columns.push_back(a.from_column);
  }
  require_columns(step_, t, columns);
  for (const Equals& e : where) {
    if (t.column(e.column) == nullptr) refuse(step_, t.name + " has no column " + e.column);
  }
  if (target_ == nullptr) return;
  const DataStatement statement = update_rows_statement(target_->ddl, table, set, where);
  target_->data(statement.sql, statement.params);
}

void Operations::execute(std::string_view sql, const std::vector<NamedValue>& params) {
  step_ = "execute " + std::string(sql.substr(0, 60));
  if (target_ != nullptr) target_->data(sql, params);
}

void Operations::run(std::string_view description, const std::function<void(DataStep&)>& step) {
  step_ = "run " + std::string(description);
  if (target_ != nullptr) target_->code(description, step);
}

}  // namespace relate::migrate
