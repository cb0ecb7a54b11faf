#pragma once
// The compiler's builder of one statement (compiler.cpp, and the full-text
// parts in compiler_fulltext.cpp). Private to relate/src/sql.

#include <string>
#include <string_view>
#include <vector>

#include "relate/sql/compiler.hpp"
#include "relate/sql/dialect.hpp"
#include "relate/sql/fulltext.hpp"

namespace relate::sql::detail {

// Accumulates SQL text and its parameters; placeholders are numbered in the
// order parameters are added, which is what $n dialects need.
class Builder {
 public:
  explicit Builder(const Dialect& dialect) : dialect_(dialect) {}

  Builder& sql(std::string_view text) {
    out_.text += text;
    return *this;
  }
  Builder& identifier(std::string_view name) {
    dialect_.append_identifier(out_.text, name);
    return *this;
  }
  Builder& column(const ColumnRef& ref) {
    identifier(ref.alias.empty() ? std::string_view(ref.table->name) : ref.alias)
        .sql(".")
        .identifier(ref.table->columns.at(ref.column).name);
    return *this;
  }
  Builder& param(Value v) {
    out_.params.push_back(std::move(v));
    dialect_.append_placeholder(out_.text, out_.params.size());
    return *this;
  }

  // A value is a typed placeholder where the database could not infer its
  // type from its neighbours (a SELECT column, a CASE branch).
  void expression(const Expression& e, bool typed_values = false);
  void expressions(const std::vector<Expression>& list, bool typed_values);
  // The left operand of a compare_value, in or is_null node.
  void operand(const Condition::Node& n);
  void condition(const Condition& c);
  void select_columns(const Select& s);
  void where(const std::vector<Condition>& terms);
  void select(const Select& s);
  void select_joined(const Select& s);
  void joins(const Select& s);
  void extra_columns(const Select& s);
  void where(const Select& s);
  void order_by(const std::vector<OrderTerm>& terms, bool first);
  void limit_offset(const Select& s);
  // A full-text search of index `index` of key.table's for `text`, and its rank.
  void fulltext_match(const ColumnRef& key, std::size_t index, const std::string& text);
  void fulltext_rank(const ColumnRef& key, std::size_t index, const std::string& text);
  // Their shared pieces: PostgreSQL's "phraseto_tsquery(..) && ..", one
  // bound term each, and MySQL's MATCH (columns) AGAINST (query).
  void tsqueries(const std::vector<SearchTerm>& terms);
  void match_against(const std::vector<std::string>& columns, std::string_view qualifier,
                     const std::string& query);

  CompiledSql take() { return std::move(out_); }

 private:
  const Dialect& dialect_;
  CompiledSql out_;
};

}  // namespace relate::sql::detail
