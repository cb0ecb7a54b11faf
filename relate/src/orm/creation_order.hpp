#pragma once
// The tables create_all creates for some models: theirs and their parents',
// parents first, then the association tables between them.

#include <vector>

#include "relate/orm/model_info.hpp"

namespace relate::detail {

// Configures the registry first if it is not yet. No SQL.
std::vector<const sql::TableInfo*> creation_order(std::vector<const ModelInfo*> models);

}  // namespace relate::detail
