#pragma once
// Raw SQL with :name placeholders, as Session::execute takes it, rewritten
// for a dialect (? or $n) with its parameters in placeholder order. Pure: no
// I/O.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "relate/sql/dialect.hpp"
#include "relate/value.hpp"

namespace relate::sql {

struct BoundSql {
  std::string text;
  std::vector<Param> params;  // views of the NamedValues given
};

// Replaces each :name in `sql` (outside quotes and comments; "::" is a
// PostgreSQL cast, not a placeholder) by the dialect's placeholder, and binds
// the value named `name` there. Throws InvalidRequestError for a placeholder
// without a value, a value no placeholder uses, a name given twice, or a
// positional '?' (one placeholder style for every backend). The params view
// `values`: keep them alive while the result is used.
BoundSql bind_named(std::string_view sql, std::span<const NamedValue> values,
                    const Dialect& dialect);

// Whether `sql` only reads: its first word (after spaces and comments) is
// SELECT or VALUES. A WITH may hide a write (PostgreSQL), so it is not.
bool reads_only(std::string_view sql) noexcept;

}  // namespace relate::sql
