// SQL along relationships: any() and has() as EXISTS subqueries, and a
// many-to-many's rows through its association table.

#include "relationship_sql.hpp"

#include <memory>

#include "relate/error.hpp"
#include "session_impl.hpp"

namespace relate::detail {

sql::ColumnRef link_owner_column(const RelationInfo& rel) {
  return sql::ColumnRef{rel.link, rel.link_owner_column};
}

sql::Select many_to_many_select(const RelationInfo& rel) {
  const sql::TableInfo& target = rel.target->table;
  sql::Select select;
  select.table = &target;
  sql::Join& link = select.joins.emplace_back(
      rel.link, std::string_view{},
      sql::Condition::compare({rel.link, 1 - rel.link_owner_column}, sql::CompareOp::eq,
                              sql::ColumnRef{&target, target.primary_key}));
  link.inner = true;
  link.select_columns = false;
  for (const auto& o : rel.order_by)
    select.order_by.push_back(sql::OrderTerm{{&target, o.column}, o.descending});
  return select;
}

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
  if (rel->kind == RelationKind::many_to_many) {
    // EXISTS (SELECT 1 FROM target JOIN link ON link.t = target.id WHERE link.o = owner.id ...)
    sql::Join& link = sub->joins.emplace_back(
        rel->link, std::string_view{},
        sql::Condition::compare({rel->link, 1 - rel->link_owner_column}, sql::CompareOp::eq,
                                sql::ColumnRef{&target, target.primary_key, alias}));
    link.inner = true;
    link.select_columns = false;
    sub->where.push_back(
        sql::Condition::compare(link_owner_column(*rel), sql::CompareOp::eq,
                                sql::ColumnRef{&owner.table, owner.table.primary_key}));
  } else if (rel->is_collection()) {
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
