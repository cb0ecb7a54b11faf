// MySQL and MariaDB: every change is an ALTER TABLE, but DDL is not
// transactional: each CREATE, ALTER or DROP commits the transaction it runs
// in. A revision that fails part-way keeps the steps before the failure, and
// relate_version still names the revision before it (docs/migrations.md).
// Reflection reads information_schema for the connection's database.

#include <charconv>

#include "backend.hpp"
#include "relate/error.hpp"

namespace relate::migrate {

namespace {

// The dialect writes a keyed TEXT column without a length (InnoDB cannot
// index TEXT) as this VARCHAR: it reads back as the TEXT it stands for.
constexpr std::int64_t kKeyedTextLength = 768;

// DATA_TYPE, COLUMN_TYPE and CHARACTER_MAXIMUM_LENGTH as information_schema
// gives them.
void read_type(Column& c, std::string_view type, std::string_view column_type, const Cursor& row,
               std::size_t length_column) {
  if (type == "tinyint" && column_type.starts_with("tinyint(1)")) {
    c.type = SqlType::boolean;
  } else if (type == "bigint" || type == "int" || type == "smallint" || type == "mediumint" ||
             type == "tinyint") {
    c.type = SqlType::integer;
  } else if (type == "double" || type == "float" || type == "decimal") {
    c.type = SqlType::real;
  } else if (type == "datetime" || type == "timestamp") {
    c.type = SqlType::timestamp;
  } else {
    c.type = SqlType::text;
    if (type == "varchar" && !row.is_null(length_column)) {
      const std::int64_t length = row.get_int64(length_column);
      if (length != kKeyedTextLength) c.length = static_cast<std::size_t>(length);
    }
  }
}

// COLUMN_DEFAULT: MariaDB quotes strings ('x', quotes doubled) and writes
// NULL and current_timestamp(6) as expressions; MySQL gives the bare value.
void read_default(Column& c, std::string_view text) {
  if (text.empty() || text == "NULL") return;
  std::string lower;
  for (char ch : text)
    lower += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  if (lower.starts_with("current_timestamp") || lower.starts_with("now(")) {
    c.default_now = true;
    return;
  }
  std::string value(text);
  if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'') {
    const std::string quoted = value.substr(1, value.size() - 2);
    value.clear();
    for (std::size_t i = 0; i < quoted.size(); ++i) {
      value += quoted[i];
      if (quoted[i] == '\'' && i + 1 < quoted.size() && quoted[i + 1] == '\'') ++i;
    }
  }
  switch (c.type) {
    case SqlType::text:
      c.default_value = value;
      return;
    case SqlType::timestamp:
      c.default_value = parse_timestamp(value);
      return;
    case SqlType::boolean:
      c.default_value = value == "1";
      return;
    case SqlType::real:
      c.default_value = std::stod(value);
      return;
    case SqlType::integer: {
      std::int64_t v = 0;
      std::from_chars(value.data(), value.data() + value.size(), v);
      c.default_value = v;
      return;
    }
  }
}

OnDelete on_delete_of(std::string_view rule) {
  if (rule == "CASCADE") return OnDelete::cascade;
  if (rule == "SET NULL") return OnDelete::set_null;
  if (rule == "RESTRICT") return OnDelete::restrict;
  return OnDelete::no_action;
}

Table read_table(Connection& c, std::string name) {
  Table t{.name = std::move(name)};
  const Param table{std::string_view{t.name}};
  {
    auto row = c.execute(
        "SELECT column_name, data_type, column_type, character_maximum_length, is_nullable, "
        "column_default FROM information_schema.columns WHERE table_schema = DATABASE() "
        "AND table_name = ? ORDER BY ordinal_position",
        {&table, 1});
    while (row.next()) {
      Column col{.name = std::string(row.get_text(0))};
      read_type(col, row.get_text(1), row.get_text(2), row, 3);
      col.nullable = row.get_text(4) == "YES";
      if (!row.is_null(5)) read_default(col, row.get_text(5));
      t.columns.push_back(std::move(col));
    }
  }
  {
    auto row = c.execute(
        "SELECT k.constraint_name, k.constraint_type, r.delete_rule, "
        "(SELECT GROUP_CONCAT(u.column_name ORDER BY u.ordinal_position) "
        " FROM information_schema.key_column_usage u WHERE u.table_schema = k.table_schema "
        " AND u.table_name = k.table_name AND u.constraint_name = k.constraint_name), "
        "(SELECT MIN(u.referenced_table_name) FROM information_schema.key_column_usage u "
        " WHERE u.table_schema = k.table_schema AND u.table_name = k.table_name "
        " AND u.constraint_name = k.constraint_name), "
        "(SELECT GROUP_CONCAT(u.referenced_column_name ORDER BY u.ordinal_position) "
        " FROM information_schema.key_column_usage u WHERE u.table_schema = k.table_schema "
        " AND u.table_name = k.table_name AND u.constraint_name = k.constraint_name) "
        "FROM information_schema.table_constraints k "
        "LEFT JOIN information_schema.referential_constraints r "
        "ON r.constraint_schema = k.table_schema AND r.table_name = k.table_name "
        "AND r.constraint_name = k.constraint_name "
        "WHERE k.table_schema = DATABASE() AND k.table_name = ? "
        "AND k.constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY') "
        "ORDER BY k.constraint_name",
        {&table, 1});
    while (row.next()) {
      const std::string_view type = row.get_text(1);
      add_constraint(t, {.kind = type == "PRIMARY KEY" ? 'p'
                                 : type == "UNIQUE"    ? 'u'
                                                       : 'f',
                         .name = std::string(row.get_text(0)),
                         .columns = split_list(row.get_text(3)),
                         .target_table = std::string(row.is_null(4) ? "" : row.get_text(4)),
                         .target_columns = split_list(row.get_text(5)),
                         .on_delete = on_delete_of(row.get_text(2))});
    }
  }
  // Indexes that are not a constraint's (the primary key, a UNIQUE
  // constraint, the index InnoDB makes for a foreign key).
  auto row = c.execute(
      "SELECT s.index_name, MIN(s.non_unique), "
      "GROUP_CONCAT(s.column_name ORDER BY s.seq_in_index), MAX(s.index_type) "
      "FROM information_schema.statistics s WHERE s.table_schema = DATABASE() "
      "AND s.table_name = ? AND s.index_name <> 'PRIMARY' AND NOT EXISTS (SELECT 1 FROM "
      "information_schema.table_constraints k WHERE k.table_schema = s.table_schema "
      "AND k.table_name = s.table_name AND k.constraint_name = s.index_name) "
      "GROUP BY s.index_name ORDER BY s.index_name",
      {&table, 1});
  while (row.next()) {
    const bool fulltext = row.get_text(3) == "FULLTEXT";  // sql::create_fulltext_sql's
    t.indexes.push_back({.name = std::string(row.get_text(0)),
                         .columns = split_list(row.get_text(2)),
                         .unique = !fulltext && row.get_int64(1) == 0,
                         .fulltext = fulltext});
  }
  return t;
}

std::vector<std::string> alter_column(const Ddl& ddl, const Table& table, const Column& was,
                                      const Column& now) {
  std::vector<std::string> out;
  const bool shorter = now.type == SqlType::text && now.length != 0 &&
                       (was.type != SqlType::text || was.length == 0 || was.length > now.length);
  if (shorter) {
    // Strict mode refuses a value that does not fit where PostgreSQL's
    // USING cast cuts it: cut it first, as there.
    const std::string column = ddl.identifier(now.name);
    const std::string length = std::to_string(now.length);
    out.push_back("UPDATE " + ddl.identifier(table.name) + " SET " + column + " = LEFT(" + column +
                  ", " + length + ") WHERE CHAR_LENGTH(" + column + ") > " + length);
  }
  // MODIFY restates the whole column: type, NULL and default at once.
  out.push_back("ALTER TABLE " + ddl.identifier(table.name) + " MODIFY COLUMN " +
                ddl.column_definition(table, now));
  return out;
}

class MysqlMigrations final : public MigrationBackend {
 public:
  std::vector<std::string> change_table(const Ddl& ddl, const Table& before, const Table& after,
                                        const TableChange& change) const override {
    const std::string table = "ALTER TABLE " + ddl.identifier(after.name);
    switch (change.kind) {
      case TableChange::Kind::add_column:
        return {table + " ADD COLUMN " + ddl.column_definition(after, *after.column(change.name))};
      case TableChange::Kind::drop_column:
        return {table + " DROP COLUMN " + ddl.identifier(change.name)};
      case TableChange::Kind::alter_column:
        return alter_column(ddl, after, *before.column(change.name), *after.column(change.name));
      case TableChange::Kind::add_unique:
        return {table + " ADD " + ddl.constraint(named(after.uniques, change.name))};
      case TableChange::Kind::add_foreign_key:
        return {table + " ADD " + ddl.constraint(named(after.foreign_keys, change.name))};
      case TableChange::Kind::drop_unique:
        return {table + " DROP INDEX " + ddl.identifier(change.name)};
      case TableChange::Kind::drop_foreign_key:
        return {table + " DROP FOREIGN KEY " + ddl.identifier(change.name)};
    }
    return {};
  }

  std::string drop_index(const Ddl& ddl, std::string_view table,
                         std::string_view name) const override {
    return "DROP INDEX " + ddl.identifier(name) + " ON " + ddl.identifier(table);
  }

  std::vector<std::string> table_names(Connection& c) const override {
    std::vector<std::string> names;
    auto row = c.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
        "AND table_type = 'BASE TABLE' AND table_name <> 'relate_version' ORDER BY table_name");
    while (row.next())
      names.emplace_back(row.get_text(0));
    return names;
  }

  Table reflect_table(Connection& c, std::string name) const override {
    return read_table(c, std::move(name));
  }

  bool has_table(Connection& c, std::string_view name) const override {
    const Param p{name};
    auto row = c.execute(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
        "AND table_name = ?",
        {&p, 1});
    return row.next() && row.get_int64(0) > 0;
  }

  // One migrator per database at a time: a named lock, held by the session
  // until after_transaction() (it does not end with the transaction).
  void lock(Connection& c) const override {
    auto row = c.execute("SELECT GET_LOCK(CONCAT('relate_version.', DATABASE()), 3600)");
    if (!row.next() || row.is_null(0) || row.get_int64(0) != 1) {
      throw MigrationError("could not take the migration lock of this database within an hour");
    }
  }

  void after_transaction(Connection& c) const noexcept override {
    try {
      c.execute("SELECT RELEASE_LOCK(CONCAT('relate_version.', DATABASE()))").run();
    } catch (const Error&) {
      // The lock goes with the session anyway.
    }
  }
};

}  // namespace

const MigrationBackend& mysql_migrations() {
  static const MysqlMigrations backend;
  return backend;
}

}  // namespace relate::migrate
