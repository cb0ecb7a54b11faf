#pragma once
// The node of a Condition tree, which only the compiler reads. Private to relate.

#include <memory>
#include <vector>

#include "relate/sql/expression.hpp"

namespace relate::sql {

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
    constant,
    fulltext_match
  };
  Kind kind;
  ColumnRef column;  // compare_*, in, is_null
  // compare_value, in, is_null over an expression: operands[0] instead of
  // `column` (compare_value: operands[1] instead of values[0]).
  std::vector<Expression> operands;
  CompareOp op = CompareOp::eq;            // compare_*
  ColumnRef other_column;                  // compare_column
  std::vector<Value> values;               // compare_value (one), in (many)
  bool negated = false;                    // in, is_null
  bool constant = false;                   // constant
  std::vector<Condition> children;         // all, any, negate (one)
  std::shared_ptr<const Select> subquery;  // exists; in (a subquery instead of values)
  // fulltext_match: the index (of column.table->fulltext_indexes; `column`
  // is the table's key) and the search text in values[0].
  std::size_t fulltext_index = 0;
};

}  // namespace relate::sql
