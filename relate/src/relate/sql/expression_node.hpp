#pragma once
// The node of an Expression tree, which only the compiler reads. Private to relate.

#include <memory>
#include <vector>

#include "relate/sql/expression.hpp"

namespace relate::sql {

struct Expression::Node {
  enum class Kind {
    column,
    value,
    count_rows,
    function,
    arithmetic,
    case_when,
    cast,
    scalar,
    fulltext_rank
  };
  Kind kind = Kind::value;
  ColumnRef column;                           // column
  Value value;                                // value
  SqlFunction function = SqlFunction::count;  // function
  bool distinct = false;                      // function: f(DISTINCT ...)
  ArithmeticOp op = ArithmeticOp::add;        // arithmetic
  SqlType type = SqlType::integer;            // arithmetic, cast: the result's type
  std::vector<Expression> args;               // function, arithmetic (2), case_when (thens[, else])
  std::vector<Condition> whens;               // case_when
  bool has_else = false;                      // case_when: args' last is the ELSE
  std::shared_ptr<const Select> subquery;     // scalar
  // fulltext_rank: the index (of column.table->fulltext_indexes; `column` is
  // the table's key) and the search text in `value`.
  std::size_t fulltext_index = 0;
};

}  // namespace relate::sql
