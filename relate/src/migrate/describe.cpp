#include "describe.hpp"

namespace relate::migrate {

std::string joined(const std::vector<std::string>& names, std::string_view separator) {
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += separator;
    out += n;
  }
  return out;
}

std::string type_text(const Column& column) {
  switch (column.type) {
    case SqlType::integer:
      return "INTEGER";
    case SqlType::real:
      return "REAL";
    case SqlType::boolean:
      return "BOOLEAN";
    case SqlType::timestamp:
      return "TIMESTAMP";
    case SqlType::text:
      break;
  }
  return column.length ? "VARCHAR(" + std::to_string(column.length) + ")" : "TEXT";
}

std::string describe(const Column& column) {
  std::string out = type_text(column) + (column.nullable ? " NULL" : " NOT NULL");
  if (column.default_now) {
    out += " DEFAULT CURRENT_TIMESTAMP";
  } else if (column.default_value) {
    out += " DEFAULT " + relate::describe(to_param(*column.default_value));
  }
  return out;
}

std::string describe(const Index& index) {
  return (index.unique     ? "UNIQUE ("
          : index.fulltext ? "FULLTEXT ("
                           : "(") +
         joined(index.columns) + ")";
}

std::string describe(const UniqueConstraint& unique) {
  return (unique.name.empty() ? "" : unique.name + " ") + "(" + joined(unique.columns) + ")";
}

std::string_view on_delete_text(OnDelete action) noexcept {
  switch (action) {
    case OnDelete::cascade:
      return "CASCADE";
    case OnDelete::set_null:
      return "SET NULL";
    case OnDelete::restrict:
      return "RESTRICT";
    case OnDelete::no_action:
      break;
  }
  return "";
}

std::string describe(const ForeignKey& fk) {
  std::string out = (fk.name.empty() ? "" : fk.name + " ") + "(" + joined(fk.columns) + ") -> " +
                    fk.target_table + " (" + joined(fk.target_columns) + ")";
  if (const std::string_view action = on_delete_text(fk.on_delete); !action.empty()) {
    out += " ON DELETE ";
    out += action;
  }
  return out;
}

}  // namespace relate::migrate
