#include <string>

#include "relate/sql/dialect.hpp"

namespace relate::sql {

namespace {

class SqliteDialect final : public Dialect {
 public:
  std::string_view name() const noexcept override { return "sqlite"; }

  FulltextSyntax fulltext_syntax() const noexcept override { return FulltextSyntax::fts5; }

  void append_placeholder(std::string& out, std::size_t) const override { out += '?'; }

  std::string column_definition(const ColumnInfo& c) const override {
    // INTEGER PRIMARY KEY makes the column an alias of the rowid: SQLite
    // assigns it on insert, which is the auto-increment relate promises.
    if (c.primary_key && c.type == SqlType::integer) return "INTEGER PRIMARY KEY";
    std::string out;
    switch (c.type) {
      case SqlType::integer:
        out = "INTEGER";
        break;
      case SqlType::real:
        out = "REAL";
        break;
      case SqlType::boolean:
        out = "BOOLEAN";
        break;
      case SqlType::timestamp:
        out = "TIMESTAMP";
        break;
      case SqlType::text:
        out = c.varchar_length ? "VARCHAR(" + std::to_string(c.varchar_length) + ")" : "TEXT";
        break;
    }
    if (c.primary_key) {
      out += " PRIMARY KEY";
    } else if (!c.nullable) {
      out += " NOT NULL";
    }
    return out;
  }

  bool returns_new_keys() const noexcept override { return false; }

  bool requires_limit_with_offset() const noexcept override { return true; }
};

}  // namespace

const Dialect& sqlite_dialect() {
  static const SqliteDialect dialect;
  return dialect;
}

}  // namespace relate::sql
