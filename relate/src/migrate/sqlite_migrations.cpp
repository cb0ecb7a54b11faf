// SQLite: ALTER TABLE can add a plain column and rename; every other change
// rebuilds the table the way SQLite's documentation prescribes
// (https://www.sqlite.org/lang_altertable.html#otheralter): create the new
// table, copy every row, drop the old one, rename the new one, create the
// indexes again, and check foreign keys before COMMIT. Foreign keys are off
// for the revision's transaction, so that dropping a referenced table
// deletes nothing.

#include <algorithm>
#include <charconv>
#include <map>

#include "backend.hpp"
#include "relate/error.hpp"
#include "relate/sql/fulltext_sql.hpp"

namespace relate::migrate {

namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  return out;
}

// ALTER TABLE ADD COLUMN can add it: not a key, no constraint, and a
// constant default where it is NOT NULL (SQLite's rules).
bool addable(const Table& table, const Column& c) {
  if (std::find(table.primary_key.begin(), table.primary_key.end(), c.name) !=
      table.primary_key.end())
    return false;
  for (const UniqueConstraint& u : table.uniques) {
    if (std::find(u.columns.begin(), u.columns.end(), c.name) != u.columns.end()) return false;
  }
  for (const ForeignKey& fk : table.foreign_keys) {
    if (std::find(fk.columns.begin(), fk.columns.end(), c.name) != fk.columns.end()) return false;
  }
  if (c.default_now) return false;
  return c.nullable ||
         (c.default_value && !std::holds_alternative<std::monostate>(*c.default_value));
}

std::vector<std::string> rebuild(const Ddl& ddl, const Table& before, const Table& after) {
  const std::string temporary = "_relate_rebuild_" + after.name;
  std::string columns;
  for (const Column& c : after.columns) {
    if (before.column(c.name) == nullptr) continue;  // new: takes its default
    if (!columns.empty()) columns += ", ";
    columns += ddl.identifier(c.name);
  }
  std::vector<std::string> out{ddl.create_table(after, temporary)};
  if (!columns.empty()) {
    out.push_back("INSERT INTO " + ddl.identifier(temporary) + " (" + columns + ") SELECT " +
                  columns + " FROM " + ddl.identifier(before.name));
  }
  out.push_back(ddl.drop_table(before.name));
  out.push_back(ddl.rename_table(temporary, after.name));
  for (const Index& i : after.indexes) {
    if (!i.fulltext) {
      out.push_back(ddl.create_index(after, i));
      continue;
    }
    // The FTS5 table outlives the rebuild, its triggers went with the old
    // table: made again, and refilled from the new table's rows.
    for (std::string& sql : ddl.drop_fulltext_index(after, i))
      out.push_back(std::move(sql));
    for (std::string& sql : ddl.create_fulltext_index(after, i))
      out.push_back(std::move(sql));
  }
  return out;
}

std::string quoted_name(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

// DEFAULT as SQLite keeps it (the SQL text), read for the column's type.
void read_default(Column& c, std::string_view text) {
  if (text.empty() || upper(text) == "NULL") return;
  if (upper(text) == "CURRENT_TIMESTAMP") {
    c.default_now = true;
    return;
  }
  if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'') {
    std::string unquoted;
    for (std::size_t i = 1; i + 1 < text.size(); ++i) {
      unquoted += text[i];
      if (text[i] == '\'') ++i;  // a doubled quote
    }
    if (c.type == SqlType::timestamp) {
      c.default_value = parse_timestamp(unquoted);
    } else {
      c.default_value = std::move(unquoted);
    }
    return;
  }
  if (c.type == SqlType::boolean) {
    c.default_value = text == "1" || upper(text) == "TRUE";
  } else if (c.type == SqlType::real) {
    c.default_value = std::stod(std::string(text));
  } else {
    std::int64_t v = 0;
    std::from_chars(text.data(), text.data() + text.size(), v);
    c.default_value = v;
  }
}

void read_type(Column& c, std::string_view declared) {
  const std::string t = upper(declared);
  if (t.starts_with("VARCHAR(") || t.starts_with("CHARACTER VARYING(")) {
    c.type = SqlType::text;
    const std::size_t open = t.find('(');
    c.length = static_cast<std::size_t>(std::stoul(t.substr(open + 1)));
  } else if (t.find("INT") != std::string::npos) {
    c.type = SqlType::integer;
  } else if (t == "REAL" || t.starts_with("DOUBLE") || t == "FLOAT") {
    c.type = SqlType::real;
  } else if (t == "BOOLEAN") {
    c.type = SqlType::boolean;
  } else if (t == "TIMESTAMP" || t == "DATETIME") {
    c.type = SqlType::timestamp;
  } else {
    c.type = SqlType::text;
  }
}

OnDelete on_delete_of(std::string_view text) {
  const std::string t = upper(text);
  if (t == "CASCADE") return OnDelete::cascade;
  if (t == "SET NULL") return OnDelete::set_null;
  if (t == "RESTRICT") return OnDelete::restrict;
  return OnDelete::no_action;
}

std::vector<std::string> index_columns(Connection& c, std::string_view index) {
  std::vector<std::string> columns;
  auto cursor = c.execute("PRAGMA index_info(" + quoted_name(index) + ")");
  while (cursor.next())
    columns.emplace_back(cursor.get_text(2));
  return columns;
}

// An FTS5 table (a full-text index, see sql::create_fulltext_sql): its name,
// the table whose rows it indexes (content='...') and its columns.
struct Fts5Table {
  std::string name{};
  std::string content{};
  std::vector<std::string> columns{};
};

std::vector<Fts5Table> fts5_tables(Connection& c) {
  std::vector<Fts5Table> out;
  auto cursor = c.execute(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL "
      "TABLE%USING fts5(%' ORDER BY name");
  while (cursor.next()) {
    Fts5Table t{.name = std::string(cursor.get_text(0))};
    const std::string_view sql = cursor.get_text(1);
    if (const std::size_t at = sql.find("content='"); at != std::string_view::npos) {
      const std::size_t start = at + 9;
      t.content = std::string(sql.substr(start, sql.find('\'', start) - start));
    }
    out.push_back(std::move(t));
  }
  for (Fts5Table& t : out) {
    auto columns = c.execute("PRAGMA table_info(" + quoted_name(t.name) + ")");
    while (columns.next())
      t.columns.emplace_back(columns.get_text(1));
  }
  return out;
}

Table read_table(Connection& c, std::string name) {
  Table t{.name = std::move(name)};
  std::vector<std::pair<std::int64_t, std::string>> key;
  {
    auto cursor = c.execute("PRAGMA table_info(" + quoted_name(t.name) + ")");
    while (cursor.next()) {
      Column col{.name = std::string(cursor.get_text(1))};
      read_type(col, cursor.get_text(2));
      const std::int64_t pk = cursor.get_int64(5);
      col.nullable = cursor.get_int64(3) == 0 && pk == 0;
      if (!cursor.is_null(4)) read_default(col, cursor.get_text(4));
      if (pk > 0) key.emplace_back(pk, col.name);
      t.columns.push_back(std::move(col));
    }
  }
  std::sort(key.begin(), key.end());
  for (auto& [position, column] : key)
    t.primary_key.push_back(column);

  std::vector<std::tuple<std::string, bool, std::string>> indexes;  // name, unique, origin
  {
    auto cursor = c.execute("PRAGMA index_list(" + quoted_name(t.name) + ")");
    while (cursor.next()) {
      indexes.emplace_back(std::string(cursor.get_text(1)), cursor.get_int64(2) != 0,
                           std::string(cursor.get_text(3)));
    }
  }
  std::sort(indexes.begin(), indexes.end());
  for (const auto& [index, unique, origin] : indexes) {
    if (origin == "c") {
      t.indexes.push_back({.name = index, .columns = index_columns(c, index), .unique = unique});
    } else if (origin == "u") {
      t.uniques.push_back({.name = {}, .columns = index_columns(c, index)});
    }
  }

  std::map<std::int64_t, ForeignKey> keys;
  auto cursor = c.execute("PRAGMA foreign_key_list(" + quoted_name(t.name) + ")");
  while (cursor.next()) {
    ForeignKey& fk = keys[cursor.get_int64(0)];
    fk.target_table = cursor.get_text(2);
    fk.columns.emplace_back(cursor.get_text(3));
    fk.target_columns.emplace_back(cursor.get_text(4));
    fk.on_delete = on_delete_of(cursor.get_text(6));
  }
  for (auto& [id, fk] : keys)
    t.foreign_keys.push_back(std::move(fk));
  for (Fts5Table& fts : fts5_tables(c)) {
    if (fts.content == t.name)
      t.indexes.push_back(
          {.name = std::move(fts.name), .columns = std::move(fts.columns), .fulltext = true});
  }
  std::sort(t.indexes.begin(), t.indexes.end(),
            [](const Index& a, const Index& b) { return a.name < b.name; });
  return t;
}

class SqliteMigrations final : public MigrationBackend {
 public:
  std::vector<std::string> change_table(const Ddl& ddl, const Table& before, const Table& after,
                                        const TableChange& change) const override {
    if (change.kind == TableChange::Kind::add_column) {
      const Column& c = *after.column(change.name);
      if (addable(after, c)) {
        return {"ALTER TABLE " + ddl.identifier(after.name) + " ADD COLUMN " +
                ddl.column_definition(after, c)};
      }
    }
    return rebuild(ddl, before, after);
  }

  std::vector<std::string> table_names(Connection& c) const override {
    std::vector<std::string> names;
    auto cursor = c.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
        "ESCAPE '\\' AND name <> 'relate_version' ORDER BY rowid");
    while (cursor.next())
      names.emplace_back(cursor.get_text(0));
    // Full-text indexes are FTS5 tables with shadow tables of their own:
    // they are read as indexes of the table they cover (read_table).
    for (const Fts5Table& fts : fts5_tables(c)) {
      std::erase_if(names, [&](const std::string& n) {
        return n == fts.name || sql::is_fts5_shadow_table(n, fts.name);
      });
    }
    return names;
  }

  Table reflect_table(Connection& c, std::string name) const override {
    return read_table(c, std::move(name));
  }

  bool has_table(Connection& c, std::string_view name) const override {
    const Param p{name};
    auto cursor =
        c.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", {&p, 1});
    return cursor.next() && cursor.get_int64(0) > 0;
  }

  void before_transaction(Connection& c) const override {
    c.execute_script("PRAGMA foreign_keys = OFF");
  }
  void after_transaction(Connection& c) const noexcept override {
    try {
      c.execute_script("PRAGMA foreign_keys = ON");
    } catch (const Error&) {
      // A connection that cannot take a pragma is broken: the pool drops it.
    }
  }

  void before_commit(Connection& c) const override {
    auto cursor = c.execute("PRAGMA foreign_key_check");
    std::string problems;
    int count = 0;
    while (cursor.next()) {
      if (++count <= 5) {
        problems += (problems.empty() ? "" : "; ") + std::string(cursor.get_text(0)) + " row " +
                    std::to_string(cursor.get_int64(1)) + " references a missing " +
                    std::string(cursor.get_text(2)) + " row";
      }
    }
    if (count > 0) {
      throw MigrationError("foreign_key_check found " + std::to_string(count) +
                           " rows whose foreign keys point nowhere: " + problems);
    }
  }
};

}  // namespace

const MigrationBackend& sqlite_migrations() {
  static const SqliteMigrations backend;
  return backend;
}

}  // namespace relate::migrate
