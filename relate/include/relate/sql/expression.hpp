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
