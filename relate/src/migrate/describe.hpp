#pragma once
// Schema items as one line of text, for messages and comparisons:
// "VARCHAR(100) NOT NULL DEFAULT 'x'", "(post_id) -> post (id) ON DELETE CASCADE".

#include <string>
#include <vector>

#include "relate/migrate/schema.hpp"

namespace relate::migrate {

std::string joined(const std::vector<std::string>& names, std::string_view separator = ", ");
std::string type_text(const Column& column);
std::string describe(const Column& column);
std::string describe(const Index& index);
std::string describe(const UniqueConstraint& unique);
std::string describe(const ForeignKey& foreign_key);
std::string_view on_delete_text(OnDelete action) noexcept;  // "CASCADE"; "" for no action

// The Table as sql::TableInfo sees it (create_all's description).
Table table_of(const sql::TableInfo& info);

}  // namespace relate::migrate
