// Many-to-one (BelongsTo<X>): the owner's foreign key names its parent.
// Assigning a parent keeps the parent's collection in sync; the key is set
// at the next flush.

#include <unordered_set>

#include "../session_impl.hpp"
#include "../sync.hpp"
#include "kinds.hpp"

namespace relate::detail {

const ModelInfo* ManyToOne::child_model(const RelationInfo& rel) const noexcept {
  return rel.owner;
}

bool ManyToOne::is_loaded(ObjectState& owner, const RelationInfo& rel) const {
  return reference_of(owner, rel).loaded();
}

void ManyToOne::load_nothing(ObjectState& owner, const RelationInfo& rel) const {
  ReferenceBase& ref = reference_of(owner, rel);
  ref.erased_set(nullptr);
  ref.set_loaded(true);
}

void ManyToOne::expire(ObjectState& owner, const RelationInfo& rel) const {
  ReferenceBase& ref = reference_of(owner, rel);
  ref.erased_set(nullptr);
  ref.set_loaded(false);
}

void ManyToOne::bind_loaded(ObjectState& owner, const RelationInfo& rel) const {
  reference_of(owner, rel).set_loaded(false);
}

void ManyToOne::adopt_new(ObjectState& owner, const RelationInfo& rel) const {
  // A parent given at construction (Comment{.post = p}).
  ReferenceBase& ref = reference_of(owner, rel);
  if (!ref.loaded()) return;
  ObjectState* parent = ref.erased_get();
  set_link(owner, rel.fk_column, parent);
  if (parent != nullptr) {
    merge_graphs(owner, *parent);
    // A new object cannot be in the collection yet.
    enter_reverse_collection(owner, rel, *parent);
  }
  ref.erased_demote();
}

void ManyToOne::cascade_add(SessionImpl& session, ObjectState& owner,
                            const RelationInfo& rel) const {
  ObjectState* target = reference_of(owner, rel).erased_get();
  if (target != nullptr && target->session != &session) session.add(*target);
}

void ManyToOne::relink(ObjectState& owner, const RelationInfo& rel) const noexcept {
  ReferenceBase& ref = reference_of(owner, rel);
  if (ref.loaded() && ref.erased_get() != nullptr) set_link(owner, rel.fk_column, ref.erased_get());
}

void ManyToOne::load_for_all(SessionImpl& session, const RelationInfo& rel,
                             std::span<ObjectState* const> owners, const LoadRequest*,
                             std::vector<ObjectState*>& loaded) const {
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
    for (ObjectState* o : session.run_select(target, select))
      loaded.push_back(o);
  };
  const auto point = [&](ObjectState& owner, ObjectState* parent) {
    ReferenceBase& ref = reference_of(owner, rel);
    ref.erased_set(parent != nullptr && !parent->marked_for_delete ? parent : nullptr);
    ref.set_loaded(true);
  };
  for (ObjectState* o : owners) {
    if (!needs_load(session, *o, rel)) continue;
    const auto fk = o->model().ops.integer(*o, rel.fk_column);
    ObjectState* known = fk ? session.reach_loaded(target, *fk) : nullptr;
    if (fk && known == nullptr) {
      waiting.push_back(o);
      if (wanted.insert(*fk).second) {
        keys.emplace_back(*fk);
        if (keys.size() == kInBatch) run_batch();
      }
      continue;
    }
    point(*o, known);
  }
  if (!keys.empty()) run_batch();
  for (ObjectState* o : waiting)
    point(*o, session.reach_loaded(target, *o->model().ops.integer(*o, rel.fk_column)));
}

sql::Condition ManyToOne::join_on(sql::Select&, const RelationInfo& rel, std::string_view alias,
                                  std::string_view) const {
  const sql::TableInfo& target = rel.target->table;
  return sql::Condition::compare({&target, target.primary_key, alias}, sql::CompareOp::eq,
                                 sql::ColumnRef{&rel.owner->table, rel.fk_column});
}

bool ManyToOne::fill_joined(ObjectState& row, const RelationInfo& rel, ObjectState& other,
                            bool) const {
  reference_of(row, rel).erased_set(&other);
  return true;
}

void ManyToOne::key_written(SessionImpl& session, ObjectState& owner, const RelationInfo& rel,
                            ColumnMask columns) const {
  if (!(columns >> rel.fk_column & 1U)) return;
  const auto new_key = owner.model().ops.integer(owner, rel.fk_column);
  ReferenceBase& ref = reference_of(owner, rel);
  ObjectState* parent = new_key ? session.find_loaded(*rel.target, *new_key) : nullptr;
  ref.erased_set(parent);
  ref.set_loaded(parent != nullptr || !new_key);
}

void ManyToOne::relate_subquery(sql::Select& sub, const RelationInfo& rel,
                                std::string_view alias) const {
  const sql::TableInfo& target = rel.target->table;
  sub.where.push_back(sql::Condition::compare({&target, target.primary_key, alias},
                                              sql::CompareOp::eq,
                                              sql::ColumnRef{&rel.owner->table, rel.fk_column}));
}

}  // namespace relate::detail
