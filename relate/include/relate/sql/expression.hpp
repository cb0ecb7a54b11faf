#pragma once
// Conditions and orderings over columns, as an immutable tree. Values are
// kept as parameters and bound at execution, never spliced into SQL text.
// The ORM's typed front (relate::col) builds these; they can be built by
// hand for tests of the compiler.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relate/sql/schema.hpp"
#include "relate/value.hpp"

namespace relate::sql {

struct ColumnRef {
  const TableInfo* table = nullptr;
  std::size_t column = 0;
  std::string_view alias{};  // the name the table goes by in the query; empty: its own
};

enum class CompareOp { eq, ne, lt, le, gt, ge, like, not_like };

class Select;  // the statement a query compiles from (private: src/relate/sql/select.hpp)
class Condition;

// The functions an Expression may call; each dialect spells them.
enum class SqlFunction { count, sum, avg, min, max, coalesce, lower, upper, length, abs };
enum class ArithmeticOp { add, subtract, multiply, divide, concat };

// A SQL expression that yields a value: a column, a bound value, a function
// or aggregate, arithmetic, CASE, CAST, a scalar subquery. Cheap to copy
// (shared immutable nodes). Values are parameters, never SQL text.
class Expression {
 public:
  struct Node;  // the tree the compiler reads (private: src/relate/sql/expression_node.hpp)

  static Expression column(ColumnRef ref);
  static Expression value(Value v);
  static Expression count_rows();  // count(*)
  static Expression function(SqlFunction f, std::vector<Expression> args, bool distinct = false);
  // `type`: the result's type (integer division, a dialect's concatenation).
  static Expression arithmetic(ArithmeticOp op, Expression lhs, Expression rhs, SqlType type);
  // CASE WHEN whens[0] THEN thens[0] ... [ELSE otherwise] END
  static Expression case_when(std::vector<Condition> whens, std::vector<Expression> thens,
                              const Expression* otherwise);
  static Expression cast(Expression operand, SqlType type);
  // (SELECT ...): one column, at most one row; may refer to the outer query.
  static Expression scalar(std::shared_ptr<const Select> subquery);
  // How well the row matches `text` in full-text index `index` of
  // key.table's (key: its primary key column): higher is better; NULL or 0
  // for a row that does not match. See Condition::fulltext_match.
  static Expression fulltext_rank(ColumnRef key, std::size_t index, std::string text);

  const Node& node() const noexcept { return *node_; }
  // As Condition::aliased.
  Expression aliased(const TableInfo* table, std::string_view alias) const;

 private:
  explicit Expression(std::shared_ptr<const Node> node) : node_(std::move(node)) {}
  std::shared_ptr<const Node> node_;
};

// A boolean SQL expression. Cheap to copy (shared immutable nodes).
class Condition {
 public:
  struct Node;  // the tree the compiler reads (private: src/relate/sql/condition_node.hpp)

  static Condition compare(ColumnRef lhs, CompareOp op, Value rhs);
  static Condition compare(ColumnRef lhs, CompareOp op, ColumnRef rhs);
  static Condition in(ColumnRef lhs, std::vector<Value> values, bool negated = false);
  static Condition is_null(ColumnRef operand, bool negated = false);
  // EXISTS (subquery); the subquery may refer to the outer query's tables.
  static Condition exists(std::shared_ptr<const Select> subquery);
  static Condition always(bool value);
  // The row holds every term of `text` (sql::search_terms) in full-text
  // index `index` of key.table's (key: its primary key column). The text is
  // a bound parameter; a text without words matches nothing.
  static Condition fulltext_match(ColumnRef key, std::size_t index, std::string text);
  // The same over expressions: lhs op rhs (= NULL is IS NULL), lhs IN
  // (values), lhs IN (subquery of one column), lhs IS [NOT] NULL.
  static Condition compare(Expression lhs, CompareOp op, Expression rhs);
  static Condition in(Expression lhs, std::vector<Value> values, bool negated = false);
  static Condition in(Expression lhs, std::shared_ptr<const Select> subquery, bool negated = false);
  static Condition is_null(Expression operand, bool negated = false);

  friend Condition operator&&(const Condition& a, const Condition& b);
  friend Condition operator||(const Condition& a, const Condition& b);
  friend Condition operator!(const Condition& a);

  const Node& node() const noexcept { return *node_; }

  // This condition with the columns of `table` read from `alias` instead
  // (for a table that appears twice in one statement). Subqueries are kept.
  Condition aliased(const TableInfo* table, std::string_view alias) const;

 private:
  explicit Condition(std::shared_ptr<const Node> node) : node_(std::move(node)) {}
  std::shared_ptr<const Node> node_;
};

struct OrderTerm {
  ColumnRef column;
  bool descending = false;
  std::optional<Expression> expression{};  // ordered by it instead of `column` when set
};

// column := value, in a bulk UPDATE (the column's index in its table).
struct ColumnValue {
  std::size_t column = 0;
  Value value;
};

// A statement's SQL text and the parameters to bind, in order (what the
// compiler makes of a Select).
struct CompiledSql {
  std::string text;
  std::vector<Value> params;
};

}  // namespace relate::sql
