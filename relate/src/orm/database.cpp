#include "relate/orm/database.hpp"

#include <algorithm>
#include <unordered_set>

#include "cascade_check.hpp"
#include "creation_order.hpp"
#include "database_core.hpp"
#include "relate/sql/compiler.hpp"
#include "relate/sql/fulltext_sql.hpp"

namespace relate {

namespace {

// `models` and, following `next`, every model reachable from them.
std::vector<const detail::ModelInfo*> closure(
    std::vector<const detail::ModelInfo*> models,
    std::vector<const detail::ModelInfo*> (*next)(const detail::ModelInfo&)) {
  std::unordered_set<const detail::ModelInfo*> seen(models.begin(), models.end());
  for (std::size_t i = 0; i < models.size(); ++i) {
    for (const detail::ModelInfo* m : next(*models[i])) {
      if (seen.insert(m).second) models.push_back(m);
    }
  }
  return models;
}

std::vector<const detail::ModelInfo*> parents(const detail::ModelInfo& m) {
  return m.depends_on;
}

std::vector<const detail::ModelInfo*> children(const detail::ModelInfo& m) {
  std::vector<const detail::ModelInfo*> out;
  for (const auto& [child, column] : m.referenced_by)
    out.push_back(child);
  return out;
}

}  // namespace

Database::Database(std::string_view url, DatabaseOptions options)
    : core_(std::make_shared<detail::DatabaseCore>(create_engine(url, std::move(options)))) {
  detail::ensure_configured();
}

Session Database::session() const {
  return Session(core_);
}

Engine& Database::engine() const noexcept {
  return core_->engine();
}

void Database::set_echo(bool on) const noexcept {
  core_->engine().set_echo(on);
}

void Database::set_n_plus_one(NPlusOne mode, std::uint32_t threshold) const noexcept {
  core_->n_plus_one.store(mode);
  core_->n_plus_one_threshold.store(threshold);
}

void Database::set_scan_check(ScanCheck mode) const {
  const std::weak_ptr<detail::DatabaseCore> core = core_;
  core_->engine().set_scan_check(mode, [core](std::string_view message) {
    if (const auto database = core.lock()) database->warn(std::string(message));
  });
}

void Database::on_warning(std::function<void(std::string_view)> handler) const {
  core_->set_warning_handler(std::move(handler));
}

void Database::create_all() const {
  const auto& all = detail::registered_models();
  create_tables({all.begin(), all.end()});
}

void Database::drop_all() const {
  const auto& all = detail::registered_models();
  drop_tables({all.begin(), all.end()});
}

std::vector<std::string> Database::cascade_problems(
    std::vector<const detail::ModelInfo*> models) const {
  if (models.empty()) {
    const auto& all = detail::registered_models();
    models.assign(all.begin(), all.end());
  }
  return detail::cascade_problems(models);
}

std::vector<const sql::TableInfo*> detail::creation_order(std::vector<const ModelInfo*> models) {
  ensure_configured();
  models = closure(std::move(models), parents);
  std::stable_sort(models.begin(), models.end(),
                   [](const auto* a, const auto* b) { return a->depth < b->depth; });
  std::vector<const sql::TableInfo*> tables;
  for (const ModelInfo* m : models)
    tables.push_back(&m->table);
  // The association tables between the models.
  const auto included = [&](const ModelInfo* m) {
    return std::find(models.begin(), models.end(), m) != models.end();
  };
  for (const LinkTableInfo& link : registered_link_tables()) {
    if (included(link.left) && included(link.right)) tables.push_back(link.table);
  }
  return tables;
}

void Database::create_tables(std::vector<const detail::ModelInfo*> models) const {
  detail::ensure_configured();
  for (const std::string& problem : detail::cascade_problems(closure(models, parents)))
    core_->warn(problem);
  PooledConnection connection = core_->engine().connect();
  connection->begin_write();
  const sql::Dialect& dialect = core_->engine().dialect();
  for (const sql::TableInfo* table : detail::creation_order(std::move(models))) {
    for (const std::string& ddl : sql::create_table_sql(*table, dialect))
      connection->execute_script(ddl);
  }
  connection->commit();
}

void Database::drop_tables(std::vector<const detail::ModelInfo*> models) const {
  detail::ensure_configured();
  models = closure(std::move(models), children);
  std::stable_sort(models.begin(), models.end(),
                   [](const auto* a, const auto* b) { return a->depth > b->depth; });
  PooledConnection connection = core_->engine().connect();
  connection->begin_write();
  const sql::Dialect& dialect = core_->engine().dialect();
  // Association tables first: they refer to the models' tables.
  for (const detail::LinkTableInfo& link : detail::registered_link_tables()) {
    const bool dropped = std::find(models.begin(), models.end(), link.left) != models.end() ||
                         std::find(models.begin(), models.end(), link.right) != models.end();
    if (dropped) connection->execute_script(sql::drop_table_sql(*link.table, dialect));
  }
  for (const detail::ModelInfo* m : models) {
    // SQLite's FTS5 tables are tables of their own: they go first (the
    // triggers go with the table); elsewhere the index goes with the table.
    if (dialect.fulltext_syntax() == sql::FulltextSyntax::fts5) {
      for (const sql::FulltextIndexInfo& index : m->table.fulltext_indexes) {
        for (const std::string& ddl :
             sql::drop_fulltext_sql({m->table.name, index.name, {}, {}}, dialect))
          connection->execute_script(ddl);
      }
    }
    connection->execute_script(sql::drop_table_sql(m->table, dialect));
  }
  connection->commit();
}

}  // namespace relate
