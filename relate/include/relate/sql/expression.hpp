#pragma once
// Conditions and orderings over columns, as an immutable tree. Values are
// kept as parameters and bound at execution, never spliced into SQL text.
// The ORM's typed front (relate::col) builds these; they can be built by
// hand for tests of the compiler.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
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

class Select;

// A boolean SQL expression. Cheap to copy (shared immutable nodes).
class Condition {
 public:
  struct Node;

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

struct Condition::Node {
  enum class Kind {
    compare_value,
    compare_column,
    in,
    is_null,
    exists,
    all,
    any,
    negate,
    constant
  };
  Kind kind;
  ColumnRef column;                        // compare_*, in, is_null
  CompareOp op = CompareOp::eq;            // compare_*
  ColumnRef other_column;                  // compare_column
  std::vector<Value> values;               // compare_value (one), in (many)
  bool negated = false;                    // in, is_null
  bool constant = false;                   // constant
  std::vector<Condition> children;         // all, any, negate (one)
  std::shared_ptr<const Select> subquery;  // exists
};

struct OrderTerm {
  ColumnRef column;
  bool descending = false;
};

// A joined table: LEFT OUTER JOIN whose columns are selected after the main
// table's (eager loading of a relationship), or a plain JOIN that only
// connects (an association table).
struct Join {
  Join(const TableInfo* joined, std::string_view as, Condition condition)
      : table(joined), alias(as), on(std::move(condition)) {}
  const TableInfo* table;
  std::string_view alias;  // empty: the table's own name
  Condition on;
  std::vector<OrderTerm> order_by;  // after the main ordering and the main table's key
  bool inner = false;               // JOIN rather than LEFT OUTER JOIN
  bool select_columns = true;       // its columns follow the main table's in each row
};

// A SELECT of one table's rows: the shape every ORM query compiles from.
// With joins, the rows are ordered by the main table's key after
// `order_by` (so that each main row's joined rows come together), and
// limit / offset count main rows, not joined rows (a subquery).
class Select {
 public:
  const TableInfo* table = nullptr;
  std::string_view alias;  // FROM table AS alias (a table joined with itself); empty: none
  std::vector<Join> joins;
  std::vector<ColumnRef> extra_columns;  // selected after the tables' columns
  std::vector<Condition> where;          // joined with AND
  std::vector<OrderTerm> order_by;
  std::optional<std::int64_t> limit;
  std::optional<std::int64_t> offset;
  enum class Shape { rows, count, exists_marker } shape = Shape::rows;
  // Only the first `per_partition_limit` rows of each group of rows with
  // the same `partition_by`, in `partition_order` (a row_number() window).
  std::optional<std::int64_t> per_partition_limit;
  ColumnRef partition_by;
  std::vector<OrderTerm> partition_order;
};

}  // namespace relate::sql
