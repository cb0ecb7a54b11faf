#pragma once
// The agreement of ORM cascades and database ON DELETE rules.

#include <string>
#include <vector>

#include "relate/orm/model_info.hpp"

namespace relate::detail {

// One sentence per disagreement between what the relationships of `models`
// (the collections they own) do to children when a parent is deleted and
// what the children's foreign keys tell the database to do.
std::vector<std::string> cascade_problems(const std::vector<const ModelInfo*>& models);

// The disagreements of one relationship whose children hold the foreign key
// (the one-to-many kinds call it).
void check_child_key_cascades(const RelationInfo& rel, std::vector<std::string>& out);

}  // namespace relate::detail
