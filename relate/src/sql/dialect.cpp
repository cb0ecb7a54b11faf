#include "relate/sql/dialect.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace relate::sql {

namespace {

// Words reserved by SQLite or PostgreSQL (or the SQL standard) that a table
// or column could plausibly be named; kept sorted for binary search.
constexpr std::array<std::string_view, 62> kReserved = {
    "abort",   "add",   "all",     "alter",   "analyze", "and",       "as",         "asc",
    "between", "by",    "case",    "cast",    "check",   "collate",   "column",     "constraint",
    "create",  "cross", "current", "default", "delete",  "desc",      "distinct",   "drop",
    "else",    "end",   "except",  "exists",  "foreign", "from",      "full",       "group",
    "having",  "in",    "index",   "inner",   "insert",  "intersect", "into",       "is",
    "join",    "key",   "left",    "like",    "limit",   "natural",   "not",        "null",
    "offset",  "on",    "or",      "order",   "outer",   "primary",   "references", "right",
    "select",  "set",   "table",   "union",   "unique",  "user"};
static_assert(std::is_sorted(kReserved.begin(), kReserved.end()));

bool is_plain_identifier(std::string_view id) {
  if (id.empty() || (id[0] >= '0' && id[0] <= '9')) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

std::string_view Dialect::function_name(SqlFunction f) const noexcept {
  switch (f) {
    case SqlFunction::count:
      return "count";
    case SqlFunction::sum:
      return "sum";
    case SqlFunction::avg:
      return "avg";
    case SqlFunction::min:
      return "min";
    case SqlFunction::max:
      return "max";
    case SqlFunction::coalesce:
      return "coalesce";
    case SqlFunction::lower:
      return "lower";
    case SqlFunction::upper:
      return "upper";
    case SqlFunction::length:
      return "length";
    case SqlFunction::abs:
      return "abs";
  }
  return "";
}

std::string_view Dialect::arithmetic_operator(ArithmeticOp op, SqlType) const noexcept {
  switch (op) {
    case ArithmeticOp::add:
      return " + ";
    case ArithmeticOp::subtract:
      return " - ";
    case ArithmeticOp::multiply:
      return " * ";
    case ArithmeticOp::divide:
      return " / ";
    case ArithmeticOp::concat:
      return " || ";
  }
  return "";
}

std::string_view Dialect::cast_type(SqlType type) const noexcept {
  switch (type) {
    case SqlType::integer:
      return "BIGINT";
    case SqlType::real:
      return "DOUBLE PRECISION";
    case SqlType::text:
      return "TEXT";
    case SqlType::boolean:
      return "BOOLEAN";
    case SqlType::timestamp:
      return "TIMESTAMP";
  }
  return "";
}

bool Dialect::is_reserved_word(std::string_view lower_identifier) const noexcept {
  return std::binary_search(kReserved.begin(), kReserved.end(), lower_identifier);
}

void Dialect::append_identifier(std::string& out, std::string_view identifier) const {
  if (is_plain_identifier(identifier) && !is_reserved_word(identifier)) {
    out += identifier;
    return;
  }
  const char quote = identifier_quote();
  out += quote;
  for (char c : identifier) {
    if (c == quote) out += quote;
    out += c;
  }
  out += quote;
}

void Dialect::append_literal(std::string& out, const Value& v) const {
  std::visit(
      [&](const auto& x) {
        using X = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<X, std::monostate>) {
          out += "NULL";
        } else if constexpr (std::is_same_v<X, bool>) {
          out += x ? "1" : "0";
        } else if constexpr (std::is_same_v<X, std::int64_t>) {
          out += std::to_string(x);
        } else if constexpr (std::is_same_v<X, double>) {
          char buf[32];
          std::snprintf(buf, sizeof buf, "%.17g", x);
          out += buf;
        } else {
          std::string text;
          if constexpr (std::is_same_v<X, Timestamp>) {
            text = format_timestamp(x);
          } else {
            text = x;
          }
          out += '\'';
          for (char c : text) {
            if (c == '\'') out += '\'';
            out += c;
          }
          out += '\'';
        }
      },
      v);
}

}  // namespace relate::sql
