// One-to-many (HasMany<X>): the children are the X whose foreign key names
// the owner. Appending sets the child's key (at the next flush) and its
// many-to-one side; removing clears both, and with delete-orphan deletes
// the child.

#include <unordered_map>

#include "../cascade_check.hpp"
#include "../session_impl.hpp"
#include "../sync.hpp"
#include "kinds.hpp"
#include "relate/sql/compiler.hpp"

namespace relate::detail {

namespace {

// The child's many-to-one side, if it has one, now names `parent`.
void point_back(ObjectState& child, const RelationInfo& rel, ObjectState* parent) {
  if (rel.reverse == nullptr) return;
  ReferenceBase& ref = reference_of(child, *rel.reverse);
  ref.erased_set(parent);
  ref.set_loaded(true);
}

}  // namespace

const ModelInfo* OneToMany::child_model(const RelationInfo& rel) const noexcept {
  return rel.target;
}

void OneToMany::check_cascades(const RelationInfo& rel, std::vector<std::string>& out) const {
  check_child_key_cascades(rel, out);
}

void OneToMany::adopt_new(ObjectState& owner, const RelationInfo& rel) const {
  // Children given at construction (Post{.comments = {c1, c2}}) are linked
  // as if appended.
  CollectionBase& c = collection_of(owner, rel);
  for (std::size_t i = 0; i < c.erased_size(); ++i) {
    ObjectState& child = c.erased_at(i);
    merge_graphs(owner, child);
    point_back(child, rel, &owner);
    set_link(child, rel.fk_column, &owner);
  }
  c.erased_demote();
}

bool OneToMany::shows_known_children(const CollectionBase& c) const noexcept {
  return c.loaded();
}

void OneToMany::append(ObjectState& owner, const RelationInfo& rel, ObjectState& child) const {
  CollectionBase& c = collection_of(owner, rel);
  merge_graphs(owner, child);
  // A child is in the loaded collection of the parent memory knows for it,
  // and only there: asking costs nothing, unlike searching the collection.
  ObjectState* old_parent = known_parent(child, rel);
  if (old_parent == &owner && shows_known_children(c)) return;
  if (old_parent != nullptr && old_parent != &owner) {
    CollectionBase& old = collection_of(*old_parent, rel);
    if (old.loaded()) old.erased_remove(child);
  }
  make_room(owner, rel, c, child);
  point_back(child, rel, &owner);
  set_link(child, rel.fk_column, &owner);
  if (c.loaded()) c.erased_push(child);
  if (owner.session != nullptr) {
    if (child.session != owner.session && (rel.cascade & cascade_flags::save_update)) {
      owner.session->add(child);
    }
    if (child.session == owner.session) owner.session->note_touched(child);
  }
}

bool OneToMany::take_out(ObjectState&, const RelationInfo&, CollectionBase& c,
                         ObjectState& child) const {
  c.ensure_loaded();
  return c.erased_remove(child);
}

void OneToMany::remove(ObjectState& owner, const RelationInfo& rel, ObjectState& child) const {
  if (!take_out(owner, rel, collection_of(owner, rel), child)) return;
  point_back(child, rel, nullptr);
  set_link(child, rel.fk_column, nullptr);
  if (owner.session != nullptr) {
    if (rel.cascade & cascade_flags::delete_orphan)
      owner.session->note_orphan_candidate(child, rel);
    if (child.session == owner.session) owner.session->note_touched(child);
  }
}

void OneToMany::attach_loaded(ObjectState& owner, const RelationInfo& rel,
                              ObjectState& child) const {
  collection_of(owner, rel).erased_push(child);
  if (rel.reverse != nullptr) {
    ReferenceBase& ref = reference_of(child, *rel.reverse);
    if (!ref.loaded()) {
      ref.erased_set(&owner);
      ref.set_loaded(true);
    }
  }
}

void OneToMany::accept_child(ObjectState& parent, const RelationInfo& rel,
                             ObjectState& child) const {
  CollectionBase& c = collection_of(parent, rel);
  if (c.loaded()) c.erased_push(child);
}

void OneToMany::cascade_delete(SessionImpl& session, DeleteCascade& cascade, ObjectState& parent,
                               const RelationInfo& rel) const {
  // With passive deletes, children not in memory are the database's to
  // delete (or unlink); those in memory are handled here as usual.
  if (rel.passive_deletes && !collection_of(parent, rel).loaded()) return;
  for (ObjectState* child : children_of(session, parent, rel)) {
    if (child->marked_for_delete) continue;
    if (rel.cascade & cascade_flags::remove) {
      cascade.mark_deleted(*child);
    } else {
      // Without a delete cascade the children stay, with no parent.
      set_link(*child, rel.fk_column, nullptr);
      point_back(*child, rel, nullptr);
      session.note_touched(*child);
    }
  }
}

std::string OneToMany::lazy_statement(const RelationInfo& rel, const sql::Dialect& dialect) const {
  // SELECT <child columns> FROM child WHERE child.fk = ? [ORDER BY ...]
  const sql::TableInfo& table = rel.target->table;
  sql::Select select;
  select.table = &table;
  select.where.push_back(
      sql::Condition::compare({&table, rel.fk_column}, sql::CompareOp::eq, Value{std::int64_t{0}}));
  for (const auto& o : rel.order_by)
    select.order_by.push_back(sql::OrderTerm{{&table, o.column}, o.descending});
  return sql::compile(select, dialect).text;
}

void OneToMany::load_for_all(SessionImpl& session, const RelationInfo& rel,
                             std::span<ObjectState* const> owners, const LoadRequest* request,
                             std::vector<ObjectState*>& loaded) const {
  const ModelInfo& target = *rel.target;
  std::unordered_map<std::int64_t, ObjectState*> by_key;
  std::vector<Value> keys;
  const auto run_batch = [&] {
    sql::Select select;
    select.table = &target.table;
    select.where.push_back(sql::Condition::in({&target.table, rel.fk_column}, std::move(keys)));
    for (const auto& o : rel.order_by)
      select.order_by.push_back(sql::OrderTerm{{&target.table, o.column}, o.descending});
    if (request != nullptr && request->per_parent > 0) {
      select.per_partition_limit = request->per_parent;
      select.partition_by = {&target.table, rel.fk_column};
      select.partition_order = request->per_parent_order;
      select.order_by = request->per_parent_order;
    }
    keys.clear();
    const std::vector<ObjectState*> children = session.run_select(target, select);
    for (auto& [key, owner] : by_key)
      clear_collection(*owner, rel, true);
    for (ObjectState* child : children) {
      if (child->marked_for_delete) continue;
      const auto fk = target.ops.integer(*child, rel.fk_column);
      const auto owner = fk ? by_key.find(*fk) : by_key.end();
      if (owner == by_key.end()) continue;  // moved to another parent in memory
      attach_loaded(*owner->second, rel, *child);
      loaded.push_back(child);
    }
    by_key.clear();
  };
  in_owner_batches(session, rel, owners, by_key, keys, run_batch);
}

sql::Condition OneToMany::join_on(sql::Select&, const RelationInfo& rel, std::string_view alias,
                                  std::string_view) const {
  const sql::TableInfo& owner = rel.owner->table;
  return sql::Condition::compare({&rel.target->table, rel.fk_column, alias}, sql::CompareOp::eq,
                                 sql::ColumnRef{&owner, owner.primary_key});
}

void OneToMany::relate_subquery(sql::Select& sub, const RelationInfo& rel,
                                std::string_view alias) const {
  const sql::TableInfo& owner = rel.owner->table;
  sub.where.push_back(sql::Condition::compare({&rel.target->table, rel.fk_column, alias},
                                              sql::CompareOp::eq,
                                              sql::ColumnRef{&owner, owner.primary_key}));
}

}  // namespace relate::detail
