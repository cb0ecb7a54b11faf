// Loading strategies: eager loading with a query (joined, selectin), loading
// for a whole result on first access (peers), raise and noload, and the N+1
// detector that watches lazy loads.

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "database_core.hpp"
#include "kinds/behaviour.hpp"
#include "relate/error.hpp"
#include "relate/sql/compiler.hpp"
#include "session_impl.hpp"
#include "sync.hpp"

namespace relate::detail {

namespace {

// Eager loads follow the relationships' own strategies this deep (a chain
// of models, or a model referring to itself).
constexpr int kMaxEagerDepth = 8;

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
      rel.behaviour->load_nothing(owner, rel);
      return true;
    case Load::peers:
      if (owner.result != 0) {
        autoflush();
        const std::vector<ObjectState*> peers = results_[owner.result - 1]->objects;
        load_for_all(rel, peers, 0);
        if (rel.behaviour->is_loaded(owner, rel)) return true;
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
    if (!rel->behaviour->loads_eagerly()) continue;
    const LoadRequest* request = find_request(overrides, *rel);
    const Load how = strategy_in(overrides, *rel);
    // The joins of a query are done by now (their members are loaded); a
    // joined relationship reached by an eager load is loaded like selectin.
    if (how == Load::selectin || how == Load::joined) {
      load_for_all(*rel, rows, depth, request);
    } else if (how == Load::noload) {
      for (ObjectState* o : rows) {
        if (!rel->behaviour->is_loaded(*o, *rel)) rel->behaviour->load_nothing(*o, *rel);
      }
    }
  }
}

void SessionImpl::load_for_all(const RelationInfo& rel, const std::vector<ObjectState*>& owners,
                               int depth, const LoadRequest* request) {
  if (owners.empty()) return;
  // One graph for the owners and what they load (they came from one query).
  for (ObjectState* o : owners)
    merge(*owners.front()->graph, *o->graph);
  const LoadingFor into_owners_graph(*this, *owners.front()->graph);
  std::vector<ObjectState*> loaded;  // the related objects, for their own eager loads
  rel.behaviour->load_for_all(*this, rel, owners, request, loaded);
  if (loaded.empty()) return;
  remember_result(loaded, {});
  load_eagerly(*rel.target, loaded, {}, depth + 1);
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
    sql::Condition on = rel->behaviour->join_on(query, *rel, alias, kLinkAliases[rels.size()]);
    if (const LoadRequest* r = find_request(loads, *rel); r != nullptr && r->only)
      on = on && r->only->aliased(&target, alias);
    sql::Join& join = query.joins.emplace_back(&target, alias, std::move(on));
    for (const auto& o : rel->order_by)
      join.order_by.push_back(sql::OrderTerm{{&target, o.column, alias}, o.descending});
    rels.push_back(rel);
    offsets.push_back(offset);
    offset += target.columns.size();
    if (rel->behaviour->joins_many()) ++collections;
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
            if (rels[i]->behaviour->is_loaded(*row, *rels[i])) continue;
            rels[i]->behaviour->load_nothing(*row, *rels[i]);  // filled from the rows that follow
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
          if (!rel.behaviour->fill_joined(*row, rel, *other, collections > 1)) continue;
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
