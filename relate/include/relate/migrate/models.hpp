#pragma once
// The schema that models declare, as migrations compare it: the tables
// create_all<T...>() would create (the models', their parents', and the
// association tables between them). No SQL.

#include <vector>

#include "relate/migrate/schema.hpp"
#include "relate/orm/model_builder.hpp"

namespace relate::migrate {

Schema schema_of_models(std::vector<const detail::ModelInfo*> models);

template <class... T>
Schema schema_of() {
  return schema_of_models({&detail::model_info<T>()...});
}

}  // namespace relate::migrate
