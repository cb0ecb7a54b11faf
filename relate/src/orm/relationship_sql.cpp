// SQL along relationships: any() and has() as EXISTS subqueries.

#include <memory>

#include "kinds/behaviour.hpp"
#include "relate/error.hpp"
#include "relate/orm/expressions.hpp"

namespace relate::detail {

sql::Condition related_exists(const ModelInfo& owner, std::uintptr_t member,
                              const sql::Condition* filter) {
  const RelationInfo* rel = find_relation(owner, member);
  if (rel == nullptr) {
    throw InvalidRequestError("any() / has() names a member of " + owner.type_name +
                              " that no relationship() or backref() maps");
  }
  const sql::TableInfo& target = rel->target->table;
  // A model related to itself: the inner rows go by an alias.
  const std::string_view alias =
      rel->target == rel->owner ? std::string_view(rel->alias) : std::string_view{};
  auto sub = std::make_shared<sql::Select>();
  sub->table = &target;
  sub->alias = alias;
  sub->shape = sql::Select::Shape::exists_marker;
  rel->behaviour->relate_subquery(*sub, *rel, alias);
  if (filter != nullptr)
    sub->where.push_back(alias.empty() ? *filter : filter->aliased(&target, alias));
  return sql::Condition::exists(std::move(sub));
}

}  // namespace relate::detail
