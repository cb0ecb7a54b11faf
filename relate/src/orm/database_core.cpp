#include "database_core.hpp"

#include <cstdio>

#include "kinds/behaviour.hpp"
#include "relate/sql/compiler.hpp"

namespace relate::detail {

namespace {

// SELECT <columns> FROM t WHERE t.<key> = ?
std::string compile_select_by_key(const sql::TableInfo& table, const sql::Dialect& dialect) {
  sql::Select select;
  select.table = &table;
  select.where.push_back(sql::Condition::compare({&table, table.primary_key}, sql::CompareOp::eq,
                                                 Value{std::int64_t{0}}));
  return sql::compile(select, dialect).text;
}

}  // namespace

DatabaseCore::DatabaseCore(std::shared_ptr<Engine> engine)
    : engine_(std::move(engine)),
      slot_count_(registered_models().size()),
      slots_(std::make_unique<std::atomic<const ModelStatements*>[]>(slot_count_)) {
  for (std::size_t i = 0; i < slot_count_; ++i)
    slots_[i].store(nullptr);
}

void DatabaseCore::warn(const std::string& message) const {
  std::shared_ptr<const std::function<void(std::string_view)>> handler;
  {
    std::lock_guard lock{warning_mutex_};
    handler = warning_handler_;
  }
  if (handler && *handler) {
    (*handler)(message);
  } else {
    std::fprintf(stderr, "relate: warning: %s\n", message.c_str());
  }
}

void DatabaseCore::set_warning_handler(std::function<void(std::string_view)> handler) {
  auto shared = std::make_shared<const std::function<void(std::string_view)>>(std::move(handler));
  std::lock_guard lock{warning_mutex_};
  warning_handler_ = std::move(shared);
}

ModelStatements::ModelStatements(const ModelInfo& model, const sql::Dialect& dialect)
    : select_by_key(compile_select_by_key(model.table, dialect)),
      insert(sql::insert_sql(model.table, false, dialect)),
      insert_with_key(sql::insert_sql(model.table, true, dialect)),
      delete_by_key(sql::delete_sql(model.table, dialect)),
      model_(&model),
      dialect_(&dialect) {
  for (const RelationInfo* rel : model.relations) {
    std::string sql = rel->behaviour->lazy_statement(*rel, dialect);
    if (!sql.empty()) load_children.emplace(rel, std::move(sql));
  }
}

const std::string& ModelStatements::update(ColumnMask columns) const {
  std::lock_guard lock{mutex_};
  auto [it, inserted] = updates_.try_emplace(columns);
  if (inserted) it->second = sql::update_sql(model_->table, columns, *dialect_);
  return it->second;
}

const LinkStatements& DatabaseCore::link_statements(const sql::TableInfo& table) {
  std::lock_guard lock{mutex_};
  auto& slot = links_[&table];
  if (!slot) {
    const sql::Dialect& dialect = engine_->dialect();
    slot = std::make_unique<LinkStatements>(
        LinkStatements{sql::link_insert_sql(table, dialect), sql::link_delete_sql(table, dialect)});
  }
  return *slot;
}

const ModelStatements& DatabaseCore::compile(const ModelInfo& model) {
  std::lock_guard lock{mutex_};
  auto& slot = statements_[&model];
  if (slot) return *slot;
  slot = std::make_unique<ModelStatements>(model, engine_->dialect());
  if (model.id < slot_count_) slots_[model.id].store(slot.get(), std::memory_order_release);
  return *slot;
}

}  // namespace relate::detail
