// any() and has(): conditions on a model's rows about their related rows,
// compiled to EXISTS subqueries.

#include <memory>

#include "relate/error.hpp"
#include "relate/orm/session_impl.hpp"

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
  if (rel->is_collection()) {
    sub->where.push_back(
        sql::Condition::compare({&target, rel->fk_column, alias}, sql::CompareOp::eq,
                                sql::ColumnRef{&owner.table, owner.table.primary_key}));
  } else {
    sub->where.push_back(sql::Condition::compare({&target, target.primary_key, alias},
                                                 sql::CompareOp::eq,
                                                 sql::ColumnRef{&owner.table, rel->fk_column}));
  }
  if (filter != nullptr)
    sub->where.push_back(alias.empty() ? *filter : filter->aliased(&target, alias));
  return sql::Condition::exists(std::move(sub));
}

}  // namespace relate::detail
