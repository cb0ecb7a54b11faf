#include "data_statements.hpp"

#include <variant>

#include "relate/error.hpp"

namespace relate::migrate {

DataStatement update_rows_statement(const Ddl& ddl, std::string_view table,
                                    const std::vector<Assignment>& set,
                                    const std::vector<Equals>& where) {
  if (set.empty()) throw MigrationError("update_rows " + std::string(table) + " sets no column");
  DataStatement out{.sql = "UPDATE " + ddl.identifier(table) + " SET ", .params = {}};
  for (std::size_t i = 0; i < set.size(); ++i) {
    const Assignment& a = set[i];
    out.sql += (i ? ", " : "") + ddl.identifier(a.column) + " = ";
    if (!a.from_column.empty()) {
      out.sql += ddl.identifier(a.from_column);
      continue;
    }
    const std::string name = "set" + std::to_string(i);
    out.sql += ":" + name;
    out.params.emplace_back(name, a.value);
  }
  for (std::size_t i = 0; i < where.size(); ++i) {
    const Equals& e = where[i];
    out.sql += (i ? " AND " : " WHERE ") + ddl.identifier(e.column);
    if (std::holds_alternative<std::monostate>(e.value)) {
      out.sql += " IS NULL";
      continue;
    }
    const std::string name = "where" + std::to_string(i);
    out.sql += " = :" + name;
    out.params.emplace_back(name, e.value);
  }
  return out;
}

std::string read_rows_statement(const Ddl& ddl, std::string_view table,
                                const std::vector<std::string>& columns,
                                std::string_view order_by) {
  if (columns.empty()) throw MigrationError("read_rows " + std::string(table) + " names no column");
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < columns.size(); ++i)
    sql += (i ? ", " : "") + ddl.identifier(columns[i]);
  sql += " FROM " + ddl.identifier(table);
  if (!order_by.empty()) sql += " ORDER BY " + ddl.identifier(order_by);
  return sql;
}

}  // namespace relate::migrate
