#pragma once
// The SQL shapes of relationships that more than one part of the session
// builds: a many-to-many's rows through its association table.

#include "relate/orm/model_info.hpp"
#include "relate/sql/expression.hpp"

namespace relate::detail {

// SELECT <target columns> FROM target JOIN link ON link.<target column> =
// target.<key>, in the relationship's order; the caller adds the condition
// on link_owner_column().
sql::Select many_to_many_select(const RelationInfo& relation);

// The association table's column that holds the owner's key.
sql::ColumnRef link_owner_column(const RelationInfo& relation);

}  // namespace relate::detail
