// The registry of mapped models and their configuration: resolving what
// one model's mapping says about another (foreign-key targets, backrefs,
// back_populates pairs) and the order in which flushes write tables.

#include <algorithm>
#include <atomic>
#include <mutex>
#include <unordered_map>

#include "kinds/behaviour.hpp"
#include "relate/error.hpp"
#include "relate/orm/model_info.hpp"

namespace relate::detail {

namespace {

struct LinkTable {
  const void* key;
  std::unique_ptr<sql::TableInfo> table;
  ModelThunk left;
  ModelThunk right;
};

// Models register before main() runs (ModelRegistration); the first
// Database (or the first object made) configures them, once. From then on
// the configuration is immutable and read without locks from any thread.
// A model that registers later (code loaded at run time) is kept apart and
// never configured: sessions refuse it with a clear error.
struct Registry {
  // Recursive: configuring may build (and so register) a model not seen yet.
  std::recursive_mutex mutex;
  std::vector<std::unique_ptr<ModelInfo>> owned;
  std::vector<ModelInfo*> models;  // configured ones; fixed once configured
  std::vector<ModelInfo*> late;    // registered after configuration
  std::vector<LinkTable> links;
  std::atomic<bool> configured{false};
};

Registry& registry() {
  static Registry r;
  return r;
}

// Depth in the foreign-key graph: 0 for a model that references none.
int compute_depth(ModelInfo& m, std::unordered_map<ModelInfo*, int>& state,
                  std::vector<const ModelInfo*>& path) {
  auto [it, inserted] = state.try_emplace(&m, -1);
  if (!inserted) {
    if (it->second >= 0) return it->second;
    std::string cycle;
    for (const ModelInfo* p : path)
      cycle += p->table.name + " -> ";
    throw InvalidRequestError("foreign keys form a cycle (" + cycle + m.table.name +
                              "); relate cannot order the inserts of such tables");
  }
  path.push_back(&m);
  int depth = 0;
  for (const ModelInfo* target : m.depends_on) {
    depth = std::max(depth, 1 + compute_depth(const_cast<ModelInfo&>(*target), state, path));
  }
  path.pop_back();
  state[&m] = depth;
  m.depth = depth;
  return depth;
}

void configure(Registry& r) {
  // Building a thunk's model may register further models: loop by index.
  for (std::size_t i = 0; i < r.models.size(); ++i) {
    ModelInfo& m = *r.models[i];
    for (const ForeignKeyTarget& fk : m.foreign_keys)
      fk.target();
    for (const auto& rel : m.declared) {
      rel->owner_model();
      rel->target_model();
    }
  }
  for (ModelInfo* m : r.models) {
    for (const ForeignKeyTarget& fk : m->foreign_keys) {
      ModelInfo& target = fk.target();
      m->table.columns[fk.column].foreign_key->target = &target.table;
      if (&target != m) {
        m->depends_on.push_back(&target);
      } else {
        m->self_references.push_back(fk.column);
      }
      target.referenced_by.emplace_back(m, fk.column);
    }
  }
  for (ModelInfo* m : r.models) {
    for (const auto& rel : m->declared) {
      rel->owner = &rel->owner_model();
      rel->target = &rel->target_model();
      rel->behaviour = &behaviour_for(rel->kind);
      rel->child = rel->behaviour->child_model(*rel);
      rel->alias = rel->target->table.name + "_1";
      ModelInfo& owner = rel->owner_model();
      for (const RelationInfo* existing : owner.relations) {
        if (existing->member_id == rel->member_id) {
          throw InvalidRequestError(
              rel->name + " is mapped twice (by a relationship() and a backref); keep one");
        }
      }
      owner.relations.push_back(rel.get());
      if (rel->behaviour->holds_children())
        rel->target_model().child_collections.push_back(rel.get());
    }
  }
  for (ModelInfo* m : r.models) {
    for (RelationInfo* rel : m->relations) {
      if (rel->back_populates == nullptr) continue;
      for (RelationInfo* other : rel->target->relations) {
        if (other->member_id == rel->back_populates) rel->reverse = other;
      }
    }
  }
  for (LinkTable& link : r.links) {
    for (std::size_t i = 0; i < 2; ++i) {
      const sql::TableInfo& target = (i == 0 ? link.left : link.right)().table;
      link.table->columns[i].foreign_key->target = &target;
      link.table->columns[i].foreign_key->target_column = target.primary_key;
    }
  }
  std::unordered_map<ModelInfo*, int> state;
  std::vector<const ModelInfo*> path;
  for (ModelInfo* m : r.models)
    compute_depth(*m, state, path);
  for (ModelInfo* m : r.models)
    m->configured = true;
}

}  // namespace

const sql::TableInfo* register_link_table(const void* key, std::string_view name,
                                          std::string_view left_column,
                                          std::string_view right_column, ModelThunk left,
                                          ModelThunk right) {
  Registry& r = registry();
  std::lock_guard lock{r.mutex};
  for (const LinkTable& link : r.links) {
    if (link.key == key) return link.table.get();
  }
  auto table = std::make_unique<sql::TableInfo>();
  table->name = std::string(name);
  for (const std::string_view column : {left_column, right_column}) {
    sql::ColumnInfo& c = table->columns.emplace_back();
    c.name = std::string(column);
    c.type = sql::SqlType::integer;
    c.foreign_key =
        sql::ForeignKeyInfo{"fk_" + table->name + "_" + c.name, nullptr, 0, sql::OnDelete::cascade};
  }
  table->composite_key = {0, 1};
  // (After configuration, only a late model can declare a new one; it is
  // never configured, and neither is its table.)
  r.links.push_back(LinkTable{key, std::move(table), left, right});
  return r.links.back().table.get();
}

std::vector<LinkTableInfo> registered_link_tables() {
  ensure_configured();
  Registry& r = registry();
  std::lock_guard lock{r.mutex};
  std::vector<LinkTableInfo> out;
  for (const LinkTable& link : r.links)
    out.push_back(LinkTableInfo{link.table.get(), &link.left(), &link.right()});
  return out;
}

ModelInfo& register_model(std::unique_ptr<ModelInfo> info) {
  Registry& r = registry();
  std::lock_guard lock{r.mutex};
  ModelInfo& model = *info;
  if (r.configured.load(std::memory_order_relaxed)) {
    model.id = r.models.size() + r.late.size();
    r.late.push_back(&model);
  } else {
    model.id = r.models.size();
    r.models.push_back(&model);
  }
  r.owned.push_back(std::move(info));
  return model;
}

void ensure_configured() {
  Registry& r = registry();
  if (r.configured.load(std::memory_order_acquire)) return;
  std::lock_guard lock{r.mutex};
  if (r.configured.load(std::memory_order_relaxed)) return;
  configure(r);
  r.configured.store(true, std::memory_order_release);
}

void require_configured(const ModelInfo& model) {
  if (model.configured) return;
  ensure_configured();
  if (model.configured) return;
  throw InvalidRequestError(
      model.type_name +
      " was registered after relate configured its models (when the first Database opened "
      "or the first object was made), so no session can use it: models registered later, "
      "e.g. by a library loaded at run time, are not supported. Load the models' code "
      "before opening a Database.");
}

const RelationInfo* find_relation(const ModelInfo& model, std::uintptr_t member_offset) {
  ensure_configured();
  for (const RelationInfo* rel : model.relations) {
    if (rel->member_offset == member_offset) return rel;
  }
  return nullptr;
}

const std::vector<ModelInfo*>& registered_models() {
  ensure_configured();
  return registry().models;
}

}  // namespace relate::detail
