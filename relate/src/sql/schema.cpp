#include "relate/sql/table.hpp"

namespace relate::sql {

std::vector<IndexInfo> TableInfo::indexes() const {
  std::vector<IndexInfo> out;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const ColumnInfo& c = columns[i];
    // A unique or primary-key column already has an index behind its constraint.
    if (c.primary_key || c.unique) continue;
    if (!composite_key.empty() && composite_key.front() == i) continue;  // leads the key's index
    if (c.indexed || c.foreign_key) {
      out.push_back(IndexInfo{"ix_" + name + "_" + c.name, {i}, false});
    }
  }
  return out;
}

std::string TableInfo::unique_constraint_name(std::size_t column) const {
  return "uq_" + name + "_" + columns.at(column).name;
}

std::optional<std::size_t> TableInfo::find_column(std::string_view column_name) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == column_name) return i;
  }
  return std::nullopt;
}

}  // namespace relate::sql
