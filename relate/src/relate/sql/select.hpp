#pragma once
// The SELECT every ORM query compiles from. Private to relate.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "relate/sql/expression.hpp"

namespace relate::sql {

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
  // The query's own join (join(), outer_join()): a limited query keeps it
  // with the main table's rows, before eager loading's joins.
  bool explicit_join = false;
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
  // rows: the table's columns (and the eager joins'); columns: `columns`.
  enum class Shape { rows, count, exists_marker, columns } shape = Shape::rows;
  std::vector<Expression> columns;  // Shape::columns
  std::vector<Expression> group_by;
  std::vector<Condition> having;  // joined with AND
  bool distinct = false;
  // Only the first `per_partition_limit` rows of each group of rows with
  // the same `partition_by`, in `partition_order` (a row_number() window).
  std::optional<std::int64_t> per_partition_limit;
  ColumnRef partition_by;
  std::vector<OrderTerm> partition_order;
};

}  // namespace relate::sql
