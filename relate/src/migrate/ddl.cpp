#include <algorithm>

#include "backend.hpp"
#include "describe.hpp"
#include "relate/error.hpp"
#include "relate/sql/fulltext_sql.hpp"

namespace relate::migrate {

std::string Ddl::identifier(std::string_view name) const {
  std::string out;
  dialect_.append_identifier(out, name);
  return out;
}

std::string Ddl::column_definition(const Table& table, const Column& column) const {
  sql::ColumnInfo info;
  info.name = column.name;
  info.type = column.type;
  info.varchar_length = column.length;
  info.nullable = column.nullable;
  info.primary_key = table.primary_key.size() == 1 && table.primary_key.front() == column.name;
  std::string out = identifier(column.name) + " " + dialect_.column_definition(info);
  if (column.default_now) {
    out += " DEFAULT ";
    out += dialect_.current_timestamp_default();
  } else if (column.default_value) {
    out += " DEFAULT ";
    dialect_.append_literal(out, *column.default_value);
  }
  return out;
}

std::string Ddl::constraint(const UniqueConstraint& unique) const {
  std::string out = "CONSTRAINT " + identifier(unique.name) + " UNIQUE (";
  for (std::size_t i = 0; i < unique.columns.size(); ++i)
    out += (i ? ", " : "") + identifier(unique.columns[i]);
  return out + ")";
}

std::string Ddl::constraint(const ForeignKey& fk) const {
  std::string out = "CONSTRAINT " + identifier(fk.name) + " FOREIGN KEY (";
  for (std::size_t i = 0; i < fk.columns.size(); ++i)
    out += (i ? ", " : "") + identifier(fk.columns[i]);
  out += ") REFERENCES " + identifier(fk.target_table) + " (";
  for (std::size_t i = 0; i < fk.target_columns.size(); ++i)
    out += (i ? ", " : "") + identifier(fk.target_columns[i]);
  out += ")";
  if (const std::string_view action = on_delete_text(fk.on_delete); !action.empty()) {
    out += " ON DELETE ";
    out += action;
  }
  return out;
}

std::string Ddl::create_table(const Table& table, std::string_view name) const {
  std::string out = "CREATE TABLE " + identifier(name.empty() ? table.name : name) + " (";
  bool first = true;
  const auto item = [&](const std::string& text) {
    out += first ? "\n  " : ",\n  ";
    out += text;
    first = false;
  };
  for (const Column& c : table.columns)
    item(column_definition(table, c));
  if (table.primary_key.size() > 1) {
    std::string key = "CONSTRAINT " + identifier("pk_" + table.name) + " PRIMARY KEY (";
    for (std::size_t i = 0; i < table.primary_key.size(); ++i)
      key += (i ? ", " : "") + identifier(table.primary_key[i]);
    item(key + ")");
  }
  for (const UniqueConstraint& u : table.uniques)
    item(constraint(u));
  for (const ForeignKey& fk : table.foreign_keys)
    item(constraint(fk));
  out += "\n)";
  out += dialect_.table_options();
  return out;
}

std::string Ddl::create_index(const Table& table, const Index& index) const {
  std::string out = (index.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") +
                    identifier(index.name) + " ON " + identifier(table.name) + " (";
  for (std::size_t i = 0; i < index.columns.size(); ++i)
    out += (i ? ", " : "") + identifier(index.columns[i]);
  return out + ")";
}

namespace {
sql::FulltextTarget fulltext_target(const Table& table, const Index& index) {
  return {table.name, index.name, index.columns,
          table.primary_key.empty() ? std::string_view{} : std::string_view(table.primary_key[0])};
}
}  // namespace

std::vector<std::string> Ddl::create_fulltext_index(const Table& table, const Index& index) const {
  return sql::create_fulltext_sql(fulltext_target(table, index), dialect_, false);
}

std::vector<std::string> Ddl::drop_fulltext_index(const Table& table, const Index& index) const {
  return sql::drop_fulltext_sql(fulltext_target(table, index), dialect_);
}

std::string Ddl::drop_index(std::string_view name) const {
  return "DROP INDEX " + identifier(name);
}

std::string Ddl::drop_table(std::string_view name) const {
  return "DROP TABLE " + identifier(name);
}

std::string Ddl::rename_table(std::string_view from, std::string_view to) const {
  return "ALTER TABLE " + identifier(from) + " RENAME TO " + identifier(to);
}

std::string Ddl::rename_column(std::string_view table, std::string_view from,
                               std::string_view to) const {
  return "ALTER TABLE " + identifier(table) + " RENAME COLUMN " + identifier(from) + " TO " +
         identifier(to);
}

Schema MigrationBackend::reflect(Connection& connection) const {
  Schema schema;
  for (std::string& name : table_names(connection))
    schema.tables.push_back(reflect_table(connection, std::move(name)));
  return schema;
}

std::vector<std::string> split_list(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    out.emplace_back(list.substr(0, comma));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

void add_constraint(Table& table, ReflectedConstraint c) {
  if (c.kind == 'p') {
    table.primary_key = std::move(c.columns);
  } else if (c.kind == 'u') {
    table.uniques.push_back({.name = std::move(c.name), .columns = std::move(c.columns)});
  } else {
    table.foreign_keys.push_back({.name = std::move(c.name),
                                  .columns = std::move(c.columns),
                                  .target_table = std::move(c.target_table),
                                  .target_columns = std::move(c.target_columns),
                                  .on_delete = c.on_delete});
  }
}

const MigrationBackend& migration_backend(const sql::Dialect& dialect) {
  if (dialect.name() == "sqlite") return sqlite_migrations();
  if (dialect.name() == "postgresql") return postgres_migrations();
  if (dialect.name() == "mysql" || dialect.name() == "mariadb") return mysql_migrations();
  throw MigrationError("relate has no migrations for " + std::string(dialect.name()) +
                       " databases");
}

}  // namespace relate::migrate
