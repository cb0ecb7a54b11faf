// SQL along relationships: any() and has() as EXISTS subqueries.

#include <memory>

#include "kinds/behaviour.hpp"
#include "relate/error.hpp"
#include "relate/orm/expressions.hpp"
#include "relate/orm/query_state.hpp"

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

sql::Join explicit_join(const sql::TableInfo& table, std::string_view alias,
                        const sql::Condition& on, bool outer) {
  sql::Join join{&table, alias, on};
  join.inner = !outer;
  join.select_columns = false;
  join.explicit_join = true;
  return join;
}

std::vector<sql::Join> relation_joins(const ModelInfo& owner, std::uintptr_t member,
                                      std::string_view alias, bool outer) {
  const RelationInfo* rel = find_relation(owner, member);
  if (rel == nullptr) {
    throw InvalidRequestError("join() names a member of " + owner.type_name +
                              " that no relationship() or backref() maps");
  }
  // The condition an EXISTS along the relationship would test, turned into ON clauses.
  sql::Select probe;
  probe.table = &rel->target->table;
  probe.alias = alias;
  rel->behaviour->relate_subquery(probe, *rel, alias);
  sql::Condition on = probe.where.front();
  for (std::size_t i = 1; i < probe.where.size(); ++i)
    on = on && probe.where[i];
  std::vector<sql::Join> joins;
  if (probe.joins.empty()) {
    joins.push_back(explicit_join(rel->target->table, alias, on, outer));
  } else {
    // Through an association table: owner -> link -> target.
    const sql::Join& link = probe.joins.front();
    joins.push_back(explicit_join(*link.table, link.alias, on, outer));
    joins.push_back(explicit_join(rel->target->table, alias, link.on, outer));
  }
  return joins;
}

}  // namespace relate::detail
