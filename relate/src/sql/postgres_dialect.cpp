#include <algorithm>
#include <array>
#include <string>

#include "relate/sql/dialect.hpp"

namespace relate::sql {

namespace {

// PostgreSQL's reserved key words (appendix C of its manual: "reserved" and
// "reserved (can be function or type)") beyond those the base dialect
// quotes; sorted for binary search.
constexpr std::array<std::string_view, 48> kPostgresReserved = {"analyse",
                                                                "any",
                                                                "array",
                                                                "asymmetric",
                                                                "authorization",
                                                                "binary",
                                                                "both",
                                                                "collation",
                                                                "concurrently",
                                                                "current_catalog",
                                                                "current_date",
                                                                "current_role",
                                                                "current_schema",
                                                                "current_time",
                                                                "current_timestamp",
                                                                "current_user",
                                                                "deferrable",
                                                                "do",
                                                                "false",
                                                                "fetch",
                                                                "for",
                                                                "freeze",
                                                                "grant",
                                                                "ilike",
                                                                "initially",
                                                                "isnull",
                                                                "lateral",
                                                                "leading",
                                                                "localtime",
                                                                "localtimestamp",
                                                                "notnull",
                                                                "only",
                                                                "overlaps",
                                                                "placing",
                                                                "returning",
                                                                "session_user",
                                                                "similar",
                                                                "some",
                                                                "symmetric",
                                                                "tablesample",
                                                                "then",
                                                                "to",
                                                                "trailing",
                                                                "true",
                                                                "variadic",
                                                                "verbose",
                                                                "when",
                                                                "where"};
static_assert(std::is_sorted(kPostgresReserved.begin(), kPostgresReserved.end()));

std::string_view type_name(SqlType type) {
  switch (type) {
    case SqlType::integer:
      return "BIGINT";
    case SqlType::real:
      return "DOUBLE PRECISION";
    case SqlType::boolean:
      return "BOOLEAN";
    case SqlType::timestamp:
      return "TIMESTAMPTZ";
    case SqlType::text:
      return "TEXT";
  }
  return "TEXT";
}

class PostgresDialect final : public Dialect {
 public:
  std::string_view name() const noexcept override { return "postgresql"; }

  FulltextSyntax fulltext_syntax() const noexcept override { return FulltextSyntax::tsvector; }

  void append_placeholder(std::string& out, std::size_t index) const override {
    out += '$';
    out += std::to_string(index);
  }

  void append_typed_placeholder(std::string& out, std::size_t index, SqlType type) const override {
    // Cast to the unbounded type: a cast to VARCHAR(n) would silently
    // truncate, where the assignment to the column reports a too-long value.
    append_placeholder(out, index);
    out += "::";
    out += type_name(type);
  }

  std::string_view cast_type(SqlType type) const noexcept override { return type_name(type); }

  std::string column_definition(const ColumnInfo& c) const override {
    // Every integer is BIGINT: C++ members are int64_t (an int member is
    // range-checked when read).
    if (c.primary_key && c.type == SqlType::integer)
      return "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
    std::string out;
    if (c.type == SqlType::text && c.varchar_length) {
      out = "VARCHAR(" + std::to_string(c.varchar_length) + ")";
    } else {
      out = type_name(c.type);
    }
    if (c.primary_key) {
      out += " PRIMARY KEY";
    } else if (!c.nullable) {
      out += " NOT NULL";
    }
    return out;
  }

  bool returns_new_keys() const noexcept override { return true; }

  // One INSERT of up to this many rows per round trip; the compiler also
  // keeps under PostgreSQL's limit of 65535 parameters per statement.
  std::size_t max_rows_per_insert() const noexcept override { return 1000; }

  void append_literal(std::string& out, const Value& v) const override {
    if (const bool* b = std::get_if<bool>(&v)) {
      out += *b ? "true" : "false";
    } else if (const Timestamp* t = std::get_if<Timestamp>(&v)) {
      // Explicitly UTC, whatever the session's time zone.
      out += '\'';
      out += format_timestamp(*t);
      out += "+00'";
    } else {
      Dialect::append_literal(out, v);
    }
  }

 protected:
  bool is_reserved_word(std::string_view lower_identifier) const noexcept override {
    return Dialect::is_reserved_word(lower_identifier) ||
           std::binary_search(kPostgresReserved.begin(), kPostgresReserved.end(), lower_identifier);
  }
};

}  // namespace

const Dialect& postgres_dialect() {
  static const PostgresDialect dialect;
  return dialect;
}

}  // namespace relate::sql
