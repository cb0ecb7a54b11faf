#pragma once
// The SQL of the typed data steps (Operations::update_rows, DataStep's
// update_rows and read_rows), with :name placeholders for every value.

#include <string>
#include <string_view>
#include <vector>

#include "backend.hpp"

namespace relate::migrate {

struct DataStatement {
  std::string sql;
  std::vector<NamedValue> params;
};

// UPDATE t SET a = :set0, b = c WHERE d = :where0 AND e IS NULL.
DataStatement update_rows_statement(const Ddl& ddl, std::string_view table,
                                    const std::vector<Assignment>& set,
                                    const std::vector<Equals>& where);
// SELECT a, b FROM t [ORDER BY c].
std::string read_rows_statement(const Ddl& ddl, std::string_view table,
                                const std::vector<std::string>& columns, std::string_view order_by);

}  // namespace relate::migrate
