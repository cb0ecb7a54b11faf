// PostgreSQL: every change is an ALTER TABLE, and DDL is transactional, so
// a revision is one transaction as it is. Reflection reads the catalogs of
// the connection's current schema.

#include <charconv>

#include "backend.hpp"
#include "relate/error.hpp"

namespace relate::migrate {

namespace {

std::string type_only(const Ddl& ddl, const Column& c) {
  sql::ColumnInfo info;
  info.type = c.type;
  info.varchar_length = c.length;
  info.nullable = true;
  return ddl.dialect().column_definition(info);
}

std::vector<std::string> alter_column(const Ddl& ddl, const Table& table, const Column& was,
                                      const Column& now) {
  const std::string prefix =
      "ALTER TABLE " + ddl.identifier(table.name) + " ALTER COLUMN " + ddl.identifier(now.name);
  std::vector<std::string> out;
  if (was.type != now.type || was.length != now.length) {
    const std::string type = type_only(ddl, now);
    out.push_back(prefix + " TYPE " + type + " USING " + ddl.identifier(now.name) + "::" + type);
  }
  if (was.default_value != now.default_value || was.default_now != now.default_now) {
    if (now.default_now) {
      out.push_back(prefix + " SET DEFAULT CURRENT_TIMESTAMP");
    } else if (now.default_value) {
      std::string sql = prefix + " SET DEFAULT ";
      ddl.dialect().append_literal(sql, *now.default_value);
      out.push_back(std::move(sql));
    } else {
      out.push_back(prefix + " DROP DEFAULT");
    }
  }
  if (was.nullable != now.nullable)
    out.push_back(prefix + (now.nullable ? " DROP NOT NULL" : " SET NOT NULL"));
  return out;
}

void read_type(Column& c, std::string_view type, const Cursor& row, std::size_t length_column) {
  if (type == "bigint" || type == "integer" || type == "smallint") {
    c.type = SqlType::integer;
  } else if (type == "double precision" || type == "real" || type == "numeric") {
    c.type = SqlType::real;
  } else if (type == "boolean") {
    c.type = SqlType::boolean;
  } else if (type.starts_with("timestamp")) {
    c.type = SqlType::timestamp;
  } else {
    c.type = SqlType::text;
    if (type == "character varying" && !row.is_null(length_column))
      c.length = static_cast<std::size_t>(row.get_int64(length_column));
  }
}

// column_default as PostgreSQL shows it: "0", "'x'::text", "true", "now()".
void read_default(Column& c, std::string_view text) {
  if (text.empty() || text.starts_with("NULL")) return;
  if (text == "CURRENT_TIMESTAMP" || text == "now()") {
    c.default_now = true;
    return;
  }
  std::string value(text);
  if (value.front() == '\'') {
    const std::size_t cast = value.rfind("'::");
    const std::string quoted =
        value.substr(1, cast == std::string::npos ? value.size() - 2 : cast - 1);
    value.clear();
    for (std::size_t i = 0; i < quoted.size(); ++i) {
      value += quoted[i];
      if (quoted[i] == '\'') ++i;
    }
    if (c.type == SqlType::text) {
      c.default_value = value;
      return;
    }
    if (c.type == SqlType::timestamp) {
      c.default_value = parse_timestamp(value);
      return;
    }
  } else if (const std::size_t cast = value.find("::"); cast != std::string::npos) {
    value.resize(cast);
  }
  if (c.type == SqlType::boolean) {
    c.default_value = value == "true";
  } else if (c.type == SqlType::real) {
    c.default_value = std::stod(value);
  } else if (c.type == SqlType::integer) {
    std::int64_t v = 0;
    std::from_chars(value.data(), value.data() + value.size(), v);
    c.default_value = v;
  } else {
    c.default_value = value;
  }
}

OnDelete on_delete_of(std::string_view code) {
  if (code == "c") return OnDelete::cascade;
  if (code == "n") return OnDelete::set_null;
  if (code == "r") return OnDelete::restrict;
  return OnDelete::no_action;
}

// The columns named by COALESCE(column, ...) in an index's definition, in
// order: pg_get_indexdef shows to_tsvector('simple'::regconfig,
// ((COALESCE(title, ''::character varying))::text || ' '::text) || COALESCE(content, ''::text)).
std::vector<std::string> coalesced_columns(std::string_view definition) {
  std::vector<std::string> out;
  for (std::size_t at = definition.find("COALESCE("); at != std::string_view::npos;
       at = definition.find("COALESCE(", at + 1)) {
    const std::size_t start = at + 9;
    const std::size_t end = definition.find(',', start);
    if (end == std::string_view::npos) break;
    std::string name(definition.substr(start, end - start));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
      name = name.substr(1, name.size() - 2);
    }
    out.push_back(std::move(name));
  }
  return out;
}

Table read_table(Connection& c, std::string name) {
  Table t{.name = std::move(name)};
  const Param table{std::string_view{t.name}};
  {
    auto row = c.execute(
        "SELECT column_name, data_type, character_maximum_length, is_nullable, column_default "
        "FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = $1 ORDER BY ordinal_position",
        {&table, 1});
    while (row.next()) {
      Column col{.name = std::string(row.get_text(0))};
      read_type(col, row.get_text(1), row, 2);
      col.nullable = row.get_text(3) == "YES";
      if (!row.is_null(4)) read_default(col, row.get_text(4));
      t.columns.push_back(std::move(col));
    }
  }
  {
    auto row = c.execute(
        "SELECT k.conname, k.contype, k.confdeltype, f.relname, "
        "(SELECT string_agg(a.attname, ',' ORDER BY u.n) FROM unnest(k.conkey) WITH ORDINALITY "
        "AS u(attnum, n) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum), "
        "(SELECT string_agg(a.attname, ',' ORDER BY u.n) FROM unnest(k.confkey) WITH ORDINALITY "
        "AS u(attnum, n) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum) "
        "FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid "
        "JOIN pg_namespace s ON s.oid = r.relnamespace LEFT JOIN pg_class f ON f.oid = k.confrelid "
        "WHERE s.nspname = current_schema() AND r.relname = $1 AND k.contype IN ('p', 'u', 'f') "
        "ORDER BY k.conname",
        {&table, 1});
    while (row.next()) {
      add_constraint(t, {.kind = row.get_text(1).front(),
                         .name = std::string(row.get_text(0)),
                         .columns = split_list(row.get_text(4)),
                         .target_table = std::string(row.get_text(3)),
                         .target_columns = split_list(row.get_text(5)),
                         .on_delete = on_delete_of(row.get_text(2))});
    }
  }
  auto row = c.execute(
      "SELECT i.relname, x.indisunique, "
      "(SELECT string_agg(a.attname, ',' ORDER BY u.n) FROM unnest(x.indkey::int2[]) WITH "
      "ORDINALITY AS u(attnum, n) JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = "
      "u.attnum), "
      "am.amname = 'gin' AND pg_get_indexdef(x.indexrelid) LIKE '%to_tsvector(%', "
      "pg_get_indexdef(x.indexrelid) "
      "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class r ON r.oid = "
      "x.indrelid JOIN pg_namespace s ON s.oid = r.relnamespace JOIN pg_am am ON am.oid = "
      "i.relam "
      "WHERE s.nspname = current_schema() AND r.relname = $1 "
      "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid) "
      "ORDER BY i.relname",
      {&table, 1});
  while (row.next()) {
    if (row.get_bool(3)) {
      // A full-text index (sql::create_fulltext_sql): its columns are the
      // COALESCE(...) arguments of its to_tsvector expression.
      t.indexes.push_back({.name = std::string(row.get_text(0)),
                           .columns = coalesced_columns(row.get_text(4)),
                           .fulltext = true});
      continue;
    }
    t.indexes.push_back(
        {.name = std::string(row.get_text(0)),
         .columns = row.is_null(2) ? std::vector<std::string>{} : split_list(row.get_text(2)),
         .unique = row.get_bool(1)});
  }
  return t;
}

class PostgresMigrations final : public MigrationBackend {
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
      case TableChange::Kind::drop_foreign_key:
        return {table + " DROP CONSTRAINT " + ddl.identifier(change.name)};
    }
    return {};
  }

  std::vector<std::string> table_names(Connection& c) const override {
    std::vector<std::string> names;
    auto row = c.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = "
        "current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'relate_version' "
        "ORDER BY table_name");
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
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
        "AND table_name = $1",
        {&p, 1});
    return row.next() && row.get_int64(0) > 0;
  }

  // One migrator per schema at a time; the lock ends with the transaction.
  void lock(Connection& c) const override {
    c.execute("SELECT pg_advisory_xact_lock(hashtext('relate_version.' || current_schema()))")
        .run();
  }
};

}  // namespace

const MigrationBackend& postgres_migrations() {
  static const PostgresMigrations backend;
  return backend;
}

}  // namespace relate::migrate
