#include <algorithm>
#include <array>
#include <limits>
#include <string>

#include "relate/sql/dialect.hpp"

namespace relate::sql {

namespace {

// MySQL's and MariaDB's reserved words (their manuals' "Reserved Words"
// lists) that a table or column could plausibly be named, beyond those the
// base dialect quotes; sorted for binary search.
constexpr std::array<std::string_view, 56> kMysqlReserved = {
    "accessible", "before",    "both",     "call",    "cascade",       "change",   "condition",
    "database",   "databases", "dec",      "declare", "delayed",       "describe", "div",
    "dual",       "each",      "enclosed", "escaped", "exit",          "explain",  "false",
    "fetch",      "for",       "force",    "grant",   "high_priority", "ignore",   "interval",
    "keys",       "kill",      "leading",  "lines",   "load",          "lock",     "long",
    "match",      "mod",       "option",   "out",     "range",         "read",     "recursive",
    "release",    "rename",    "repeat",   "replace", "require",       "return",   "returning",
    "rows",       "schema",    "show",     "to",      "true",          "usage",    "where"};
static_assert(std::is_sorted(kMysqlReserved.begin(), kMysqlReserved.end()));

class MysqlDialect : public Dialect {
 public:
  std::string_view name() const noexcept override { return "mysql"; }

  FulltextSyntax fulltext_syntax() const noexcept override { return FulltextSyntax::match_against; }

  char identifier_quote() const noexcept override { return '`'; }

  void append_placeholder(std::string& out, std::size_t) const override { out += '?'; }

  std::string column_definition(const ColumnInfo& c) const override {
    if (c.primary_key && c.type == SqlType::integer) return "BIGINT AUTO_INCREMENT PRIMARY KEY";
    std::string out;
    switch (c.type) {
      case SqlType::integer:
        out = "BIGINT";
        break;
      case SqlType::real:
        out = "DOUBLE";
        break;
      case SqlType::boolean:
        out = "TINYINT(1)";
        break;
      case SqlType::timestamp:
        out = "DATETIME(6)";  // UTC: every connection sets time_zone = '+00:00'
        break;
      case SqlType::text:
        if (c.varchar_length) {
          out = "VARCHAR(" + std::to_string(c.varchar_length) + ")";
        } else if (c.primary_key || c.unique || c.indexed || c.foreign_key) {
          // InnoDB cannot index TEXT without a prefix: a keyed string column
          // without a length is the longest VARCHAR an index key holds in
          // utf8mb4 (3072 bytes).
          out = "VARCHAR(768)";
        } else {
          out = "LONGTEXT";
        }
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
  std::int64_t no_limit() const noexcept override {
    return std::numeric_limits<std::int64_t>::max();
  }
  bool transactional_ddl() const noexcept override { return false; }
  bool update_returning() const noexcept override { return false; }
  bool delete_returning() const noexcept override { return false; }
  std::string_view default_values_clause() const noexcept override { return " () VALUES ()"; }
  std::string_view current_timestamp_default() const noexcept override {
    return "CURRENT_TIMESTAMP(6)";
  }
  // utf8mb4_bin: strings compare as bytes, as on SQLite and PostgreSQL
  // ("Ada" and "ada" are two user names).
  std::string_view table_options() const noexcept override {
    return " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
  }

  bool concat_is_function() const noexcept override { return true; }
  // length() counts characters, as on SQLite and PostgreSQL (MySQL's length() counts bytes).
  std::string_view function_name(SqlFunction f) const noexcept override {
    return f == SqlFunction::length ? "char_length" : Dialect::function_name(f);
  }
  // Integer division truncates, as on the other backends (MySQL's / gives a decimal).
  std::string_view arithmetic_operator(ArithmeticOp op, SqlType type) const noexcept override {
    if (op == ArithmeticOp::divide && type == SqlType::integer) return " DIV ";
    return Dialect::arithmetic_operator(op, type);
  }
  // CAST takes SIGNED, DOUBLE, CHAR and DATETIME here; booleans are integers.
  std::string_view cast_type(SqlType type) const noexcept override {
    switch (type) {
      case SqlType::integer:
      case SqlType::boolean:
        return "SIGNED";
      case SqlType::real:
        return "DOUBLE";
      case SqlType::text:
        return "CHAR";
      case SqlType::timestamp:
        return "DATETIME(6)";
    }
    return Dialect::cast_type(type);
  }

 protected:
  bool is_reserved_word(std::string_view lower_identifier) const noexcept override {
    return Dialect::is_reserved_word(lower_identifier) ||
           std::binary_search(kMysqlReserved.begin(), kMysqlReserved.end(), lower_identifier);
  }
};

// MariaDB 10.5 and newer: INSERT ... RETURNING and DELETE ... RETURNING.
class MariadbDialect final : public MysqlDialect {
 public:
  std::string_view name() const noexcept override { return "mariadb"; }
  bool returns_new_keys() const noexcept override { return true; }
  bool delete_returning() const noexcept override { return true; }
  bool plain_multi_row_insert() const noexcept override { return true; }
  std::size_t max_rows_per_insert() const noexcept override { return 1000; }
};

}  // namespace

const Dialect& mysql_dialect() {
  static const MysqlDialect dialect;
  return dialect;
}

const Dialect& mariadb_dialect() {
  static const MariadbDialect dialect;
  return dialect;
}

}  // namespace relate::sql
