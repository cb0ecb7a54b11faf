// Loading strategies: eager loading with a query (joined, selectin), loading
// for a whole result on first access (peers), raise and noload, and the N+1
// detector that watches lazy loads.

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "database_core.hpp"
#include "relate/error.hpp"
#include "session_impl.hpp"
#include "relate/sql/compiler.hpp"
#include "relationship_sql.hpp"
#include "sync.hpp"

namespace relate::detail {

namespace {

// Keys per SELECT ... IN (...): SQLAlchemy's batch size, far under every
// backend's limit on parameters.
constexpr std::size_t kInBatch = 500;

// Eager loads follow the relationships' own strategies this deep (a chain
// of models, or a model referring to itself).
constexpr int kMaxEagerDepth = 8;

bool is_loaded(ObjectState& owner, const RelationInfo& rel) {
  return rel.is_collection() ? collection_of(owner, rel).loaded()
                             : reference_of(owner, rel).loaded();
}

// Marks the member loaded with nothing in it (noload).
void load_nothing(ObjectState& owner, const RelationInfo& rel) {
  if (rel.is_collection()) {
    CollectionBase& c = collection_of(owner, rel);
    c.erased_clear();
    c.set_loaded(true);
  } else {
    ReferenceBase& r = reference_of(owner, rel);
    r.erased_set(nullptr);
    r.set_loaded(true);
  }
}

// Puts `child` in `owner`'s collection and points the child's side back.
void attach_child(ObjectState& owner, const RelationInfo& rel, ObjectState& child) {
  collection_of(owner, rel).erased_push(child);
  if (rel.reverse != nullptr && rel.kind != RelationKind::many_to_many) {
    ReferenceBase& ref = reference_of(child, *rel.reverse);
    if (!ref.loaded()) {
      ref.erased_set(&owner);
      ref.set_loaded(true);
    }
  }
}

std::string option_hint(const RelationInfo& rel) {
  return ".options(relate::selectinload(&" + rel.name + ")) (or joinedload) on the query";
}

}  // namespace

const LoadRequest* find_request(std::span<const LoadRequest> requests,
                                const RelationInfo& relation) noexcept {
  for (const LoadRequest& r : requests) {
    if (r.relation == &relation) return &r;
  }
  return nullptr;
}

Load strategy_in(std::span<const LoadRequest> requests, const RelationInfo& relation) noexcept {
  const LoadRequest* r = find_request(requests, relation);
  return r != nullptr ? r->strategy : relation.loading;
}

Load SessionImpl::strategy_for(const ObjectState& owner, const RelationInfo& rel) const noexcept {
  if (owner.result == 0 || owner.result > results_.size()) return rel.loading;
  return strategy_in(results_[owner.result - 1]->overrides, rel);
}

void SessionImpl::remember_result(const std::vector<ObjectState*>& rows,
                                  std::span<const LoadRequest> overrides) {
  if (rows.size() < 2 && overrides.empty()) return;
  auto result = std::make_unique<QueryResult>();
  result->objects = rows;
  result->overrides.assign(overrides.begin(), overrides.end());
  results_.push_back(std::move(result));
  const auto index = static_cast<std::uint32_t>(results_.size());
  for (ObjectState* o : rows)
    o->result = index;
}

bool SessionImpl::before_lazy_load(ObjectState& owner, const RelationInfo& rel) {
  switch (strategy_for(owner, rel)) {
    case Load::raise:
      throw LazyLoadError(rel.name + " of " + owner.model().type_name + " " +
                          std::to_string(owner.model().ops.primary_key(owner)) +
                          " is not loaded, and its strategy is raise (no lazy SQL). Load it with " +
                          "the query that loads the " + owner.model().type_name + ": " +
                          option_hint(rel));
    case Load::noload:
      load_nothing(owner, rel);
      return true;
    case Load::peers:
      if (owner.result != 0) {
        autoflush();
        const std::vector<ObjectState*> peers = results_[owner.result - 1]->objects;
        load_for_all(rel, peers, 0);
        if (is_loaded(owner, rel)) return true;
      }
      return false;
    case Load::select:
    case Load::joined:
    case Load::selectin:
      break;
  }
  if (n_plus_one_ == NPlusOne::off || owner.result == 0) return false;
  QueryResult& result = *results_[owner.result - 1];
  if (result.objects.size() < 2) return false;
  auto count = std::find_if(result.lazy_loads.begin(), result.lazy_loads.end(),
                            [&](const auto& entry) { return entry.first == &rel; });
  if (count == result.lazy_loads.end()) {
    result.lazy_loads.emplace_back(&rel, 0);
    count = result.lazy_loads.end() - 1;
  }
  if (++count->second != n_plus_one_threshold_) return false;
  const std::string message =
      "N+1 queries: " + rel.name + " was loaded lazily, one SELECT per object, for " +
      std::to_string(count->second) + " of the " + std::to_string(result.objects.size()) + " " +
      owner.model().type_name +
      " objects of one query result. Load it for all of them at once: " + option_hint(rel) +
      ", or relate::lazy(relate::Load::selectin) on the relationship";
  if (n_plus_one_ == NPlusOne::raise) throw NPlusOneError(message);
  database_->warn(message);
  return false;
}

void SessionImpl::load_eagerly(const ModelInfo& model, const std::vector<ObjectState*>& rows,
                               std::span<const LoadRequest> overrides, int depth) {
  if (rows.empty() || depth > kMaxEagerDepth) return;
  for (const RelationInfo* rel : model.relations) {
    if (rel->kind == RelationKind::dynamic) continue;
    const LoadRequest* request = find_request(overrides, *rel);
    const Load how = strategy_in(overrides, *rel);
    // The joins of a query are done by now (their members are loaded); a
    // joined relationship reached by an eager load is loaded like selectin.
    if (how == Load::selectin || how == Load::joined) {
      load_for_all(*rel, rows, depth, request);
    } else if (how == Load::noload) {
      for (ObjectState* o : rows) {
        if (!is_loaded(*o, *rel)) load_nothing(*o, *rel);
      }
    }
  }
}

void SessionImpl::load_for_all(const RelationInfo& rel, const std::vector<ObjectState*>& owners,
                               int depth, const LoadRequest* request) {
  const auto needs_load = [&](ObjectState* o) {
    return o->session == this && o->status == ObjectStatus::persistent && !o->marked_for_delete &&
           !is_loaded(*o, rel);
  };
  std::vector<ObjectState*> loaded;  // the related objects, for their own eager loads

  if (rel.kind == RelationKind::many_to_many) {
    load_many_to_many(rel, owners, loaded);
  } else if (rel.is_collection()) {
    const ModelInfo& parent = *rel.owner;
    std::unordered_map<std::int64_t, ObjectState*> by_key;
    std::vector<Value> keys;
    const auto run_batch = [&] {
      sql::Select select;
      select.table = &rel.target->table;
      select.where.push_back(
          sql::Condition::in({&rel.target->table, rel.fk_column}, std::move(keys)));
      for (const auto& o : rel.order_by)
        select.order_by.push_back(sql::OrderTerm{{&rel.target->table, o.column}, o.descending});
      if (request != nullptr && request->per_parent > 0) {
        select.per_partition_limit = request->per_parent;
        select.partition_by = {&rel.target->table, rel.fk_column};
        select.partition_order = request->per_parent_order;
        select.order_by = request->per_parent_order;
      }
      keys.clear();
      const std::vector<ObjectState*> children = run_select(*rel.target, select);
      for (auto& [key, owner] : by_key) {
        CollectionBase& c = collection_of(*owner, rel);
        c.erased_clear();
        c.set_loaded(true);
      }
      for (ObjectState* child : children) {
        if (child->marked_for_delete) continue;
        const auto fk = child->model().ops.integer(*child, rel.fk_column);
        const auto owner = fk ? by_key.find(*fk) : by_key.end();
        if (owner == by_key.end()) continue;  // moved to another parent in memory
        attach_child(*owner->second, rel, *child);
        loaded.push_back(child);
      }
      by_key.clear();
    };
    for (ObjectState* o : owners) {
      if (!needs_load(o)) continue;
      const std::int64_t key = parent.ops.primary_key(*o);
      if (!by_key.emplace(key, o).second) continue;
      keys.emplace_back(key);
      if (keys.size() == kInBatch) run_batch();
    }
    if (!keys.empty()) run_batch();
  } else {
    const ModelInfo& target = *rel.target;
    std::vector<ObjectState*> waiting;
    std::unordered_set<std::int64_t> wanted;
    std::vector<Value> keys;
    const auto run_batch = [&] {
      sql::Select select;
      select.table = &target.table;
      select.where.push_back(
          sql::Condition::in({&target.table, target.table.primary_key}, std::move(keys)));
      keys.clear();
      for (ObjectState* o : run_select(target, select))
        loaded.push_back(o);
    };
    for (ObjectState* o : owners) {
      if (!needs_load(o)) continue;
      const auto fk = o->model().ops.integer(*o, rel.fk_column);
      ObjectState* known = fk ? find_loaded(target, *fk) : nullptr;
      if (fk && known == nullptr) {
        waiting.push_back(o);
        if (wanted.insert(*fk).second) {
          keys.emplace_back(*fk);
          if (keys.size() == kInBatch) run_batch();
        }
        continue;
      }
      ReferenceBase& ref = reference_of(*o, rel);
      ref.erased_set(known != nullptr && !known->marked_for_delete ? known : nullptr);
      ref.set_loaded(true);
    }
    if (!keys.empty()) run_batch();
    for (ObjectState* o : waiting) {
      ObjectState* found = find_loaded(target, *o->model().ops.integer(*o, rel.fk_column));
      ReferenceBase& ref = reference_of(*o, rel);
      ref.erased_set(found != nullptr && !found->marked_for_delete ? found : nullptr);
      ref.set_loaded(true);
    }
  }
  if (loaded.empty()) return;
  remember_result(loaded, {});
  load_eagerly(*rel.target, loaded, {}, depth + 1);
}

void SessionImpl::load_many_to_many(const RelationInfo& rel,
                                    const std::vector<ObjectState*>& owners,
                                    std::vector<ObjectState*>& loaded) {
  const ModelInfo& parent = *rel.owner;
  // Each row is a target's columns, then the owner's key from the link.
  const std::size_t owner_key_column = rel.target->table.columns.size();
  std::unordered_map<std::int64_t, ObjectState*> by_key;
  std::vector<Value> keys;
  const auto run_batch = [&] {
    sql::Select select = many_to_many_select(rel);
    select.extra_columns.push_back(link_owner_column(rel));
    select.where.push_back(sql::Condition::in(link_owner_column(rel), std::move(keys)));
    keys.clear();
    for (auto& [key, owner] : by_key) {
      CollectionBase& c = collection_of(*owner, rel);
      c.erased_clear();
      c.set_loaded(true);
    }
    const sql::CompiledSql compiled = sql::compile(select, dialect());
    const std::vector<Param> params = to_params(compiled.params);
    with_connection([&](Connection& connection) {
      Cursor cursor = execute(connection, compiled.text, params);
      while (cursor.next()) {
        const std::int64_t owner_key = cursor.get_int64(owner_key_column);
        ObjectState* other = adopt_row(*rel.target, cursor);
        const auto owner = by_key.find(owner_key);
        if (other->marked_for_delete || owner == by_key.end()) continue;
        collection_of(*owner->second, rel).erased_push(*other);
        loaded.push_back(other);
      }
    });
    by_key.clear();
  };
  for (ObjectState* o : owners) {
    if (o->session != this || o->status != ObjectStatus::persistent || o->marked_for_delete ||
        collection_of(*o, rel).loaded())
      continue;
    const std::int64_t key = parent.ops.primary_key(*o);
    if (!by_key.emplace(key, o).second) continue;
    keys.emplace_back(key);
    if (keys.size() == kInBatch) run_batch();
  }
  if (!keys.empty()) run_batch();
}

std::vector<ObjectState*> SessionImpl::select_joined(const ModelInfo& model,
                                                     const sql::Select& select,
                                                     const std::vector<const RelationInfo*>& joined,
                                                     std::span<const LoadRequest> loads) {
  static constexpr std::string_view kAliases[] = {"j1", "j2", "j3", "j4", "j5", "j6", "j7", "j8"};
  static constexpr std::string_view kLinkAliases[] = {"l1", "l2", "l3", "l4",
                                                      "l5", "l6", "l7", "l8"};
  sql::Select query = select;
  std::vector<const RelationInfo*> rels;  // those joined (at most one per alias)
  std::vector<std::size_t> offsets;       // where each one's columns start
  std::size_t offset = model.table.columns.size();
  std::size_t collections = 0;
  for (const RelationInfo* rel : joined) {
    if (rels.size() == std::size(kAliases)) break;  // the rest load by selectin
    const std::string_view alias = kAliases[rels.size()];
    const sql::TableInfo& target = rel->target->table;
    const sql::ColumnRef owner_key{&model.table, model.table.primary_key};
    std::optional<sql::Condition> through_link;
    if (rel->kind == RelationKind::many_to_many) {
      // owner LEFT JOIN link AS lN ON lN.owner = owner.id LEFT JOIN target AS jN ON jN.id =
      // lN.target
      const std::string_view link_alias = kLinkAliases[rels.size()];
      sql::Join& link = query.joins.emplace_back(
          rel->link, link_alias,
          sql::Condition::compare({rel->link, rel->link_owner_column, link_alias},
                                  sql::CompareOp::eq, owner_key));
      link.select_columns = false;
      through_link = sql::Condition::compare(
          {&target, target.primary_key, alias}, sql::CompareOp::eq,
          sql::ColumnRef{rel->link, 1 - rel->link_owner_column, link_alias});
    }
    sql::Condition on =
        through_link ? *through_link
        : rel->is_collection()
            ? sql::Condition::compare({&target, rel->fk_column, alias}, sql::CompareOp::eq,
                                      owner_key)
            : sql::Condition::compare({&target, target.primary_key, alias}, sql::CompareOp::eq,
                                      sql::ColumnRef{&model.table, rel->fk_column});
    if (const LoadRequest* r = find_request(loads, *rel); r != nullptr && r->only)
      on = on && r->only->aliased(&target, alias);
    sql::Join& join = query.joins.emplace_back(&target, alias, std::move(on));
    for (const auto& o : rel->order_by)
      join.order_by.push_back(sql::OrderTerm{{&target, o.column, alias}, o.descending});
    rels.push_back(rel);
    offsets.push_back(offset);
    offset += target.columns.size();
    if (rel->is_collection()) ++collections;
  }

  const sql::CompiledSql compiled = sql::compile(query, dialect());
  const std::vector<Param> params = to_params(compiled.params);

  std::vector<ObjectState*> rows;
  // Members this query fills: those of its rows that were not loaded before.
  std::vector<std::unordered_set<ObjectState*>> filling(rels.size());
  std::vector<std::vector<ObjectState*>> related(rels.size());
  try {
    with_connection([&](Connection& connection) {
      Cursor cursor = execute(connection, compiled.text, params);
      ObjectState* last = nullptr;
      while (cursor.next()) {
        cursor.set_column_offset(0);
        ObjectState* row = adopt_row(model, cursor);
        if (row != last) {
          last = row;
          rows.push_back(row);
          for (std::size_t i = 0; i < rels.size(); ++i) {
            if (is_loaded(*row, *rels[i])) continue;
            load_nothing(*row, *rels[i]);  // filled from the rows that follow
            filling[i].insert(row);
          }
        }
        for (std::size_t i = 0; i < rels.size(); ++i) {
          const RelationInfo& rel = *rels[i];
          if (!filling[i].contains(row)) continue;
          cursor.set_column_offset(offsets[i]);
          if (cursor.is_null(rel.target->table.primary_key)) continue;
          ObjectState* other = adopt_row(*rel.target, cursor);
          if (other->marked_for_delete) continue;
          if (!rel.is_collection()) {
            reference_of(*row, rel).erased_set(other);
            related[i].push_back(other);
            continue;
          }
          CollectionBase& c = collection_of(*row, rel);
          // With two collections joined, each child comes once per row of the other.
          const bool repeated =
              collections > 1 ? c.erased_contains(*other)
                              : c.erased_size() > 0 && &c.erased_at(c.erased_size() - 1) == other;
          if (repeated) continue;
          attach_child(*row, rel, *other);
          related[i].push_back(other);
        }
      }
    });
  } catch (...) {
    for (std::size_t i = 0; i < rels.size(); ++i) {
      for (ObjectState* o : filling[i])
        expire_relations(*o);
    }
    throw;
  }
  for (std::size_t i = 0; i < rels.size(); ++i) {
    remember_result(related[i], {});
    load_eagerly(*rels[i]->target, related[i], {}, 1);
  }
  return rows;
}

}  // namespace relate::detail
