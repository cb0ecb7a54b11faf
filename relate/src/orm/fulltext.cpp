#include "relate/orm/fulltext.hpp"

#include "relate/error.hpp"
#include "relate/orm/model_info.hpp"

namespace relate::detail {

std::size_t fulltext_index_of(const ModelInfo& model, std::string_view name) {
  const auto& indexes = model.table.fulltext_indexes;
  for (std::size_t i = 0; i < indexes.size(); ++i) {
    if (indexes[i].name == name) return i;
  }
  throw InvalidRequestError("the full-text index " + std::string(name) + " is not declared in " +
                            model.type_name + "'s table<" + model.type_name +
                            ">(...): add it there to search it");
}

}  // namespace relate::detail
