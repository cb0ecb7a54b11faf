#include "database_core.hpp"

#include "relate/sql/compiler.hpp"

namespace relate::detail {

namespace {

std::string select_where_equals(const sql::TableInfo& table, std::size_t column,
                                const std::vector<RelationInfo::Order>& order,
                                const sql::Dialect& dialect) {
  sql::Select select;
  select.table = &table;
  select.where.push_back(
      sql::Condition::compare({&table, column}, sql::CompareOp::eq, Value{std::int64_t{0}}));
  for (const auto& o : order)
    select.order_by.push_back(sql::OrderTerm{{&table, o.column}, o.descending});
  return sql::compile(select, dialect).text;
}

}  // namespace

const ModelStatements& DatabaseCore::statements(const ModelInfo& model) {
  std::lock_guard lock{mutex_};
  auto& slot = statements_[&model];
  if (slot) return *slot;
  const sql::Dialect& dialect = engine_->dialect();
  auto s = std::make_unique<ModelStatements>();
  s->select_by_key = select_where_equals(model.table, model.table.primary_key, {}, dialect);
  s->insert = sql::insert_sql(model.table, false, dialect);
  s->insert_with_key = sql::insert_sql(model.table, true, dialect);
  s->delete_by_key = sql::delete_sql(model.table, dialect);
  for (const RelationInfo* rel : model.relations) {
    if (!rel->is_collection()) continue;
    s->load_children.emplace(
        rel, select_where_equals(rel->target->table, rel->fk_column, rel->order_by, dialect));
  }
  slot = std::move(s);
  return *slot;
}

}  // namespace relate::detail
