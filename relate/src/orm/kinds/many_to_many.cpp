// Many-to-many (ManyToMany<X>, secondary=): the X linked to the owner by
// rows of an association table. Appending or removing on either side
// changes the other side's loaded collection too, and records the link row
// to insert or delete at the next flush (persistence.cpp writes their net
// change). Link rows go with either end's row (ON DELETE CASCADE).

#include <memory>
#include <unordered_map>

#include "../session_impl.hpp"
#include "../sync.hpp"
#include "kinds.hpp"
#include "relate/sql/compiler.hpp"

namespace relate::detail {

namespace {

// The association table's column that holds the owner's key.
sql::ColumnRef link_owner_column(const RelationInfo& rel) {
  return sql::ColumnRef{rel.link, rel.link_owner_column};
}

// SELECT <target columns> FROM target JOIN link ON link.<target column> =
// target.<key>, in the relationship's order; the caller adds the condition
// on link_owner_column().
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

// Adds (or removes) the link between `owner` (through `rel`) and `other`:
// both sides' loaded collections, and the link row at the next flush.
void link_objects(ObjectState& owner, const RelationInfo& rel, ObjectState& other, bool add) {
  merge_graphs(owner, other);
  CollectionBase& mine = collection_of(owner, rel);
  if (!mine.loaded() && owner.session != nullptr && owner.status == ObjectStatus::persistent)
    owner.session->load_collection(mine);
  mine.set_loaded(true);
  if (add) {
    if (mine.erased_contains(other)) return;
    mine.erased_push(other);
  } else if (!mine.erased_remove(other)) {
    return;
  }
  if (rel.reverse != nullptr) {
    CollectionBase& theirs = collection_of(other, *rel.reverse);
    if (theirs.loaded()) {
      if (add) {
        if (!theirs.erased_contains(owner)) theirs.erased_push(owner);
      } else {
        theirs.erased_remove(owner);
      }
    }
  }
  const bool owner_left = rel.link_owner_column == 0;
  owner.graph->link_changes().push_back(
      LinkChange{rel.link, owner_left ? &owner : &other, owner_left ? &other : &owner, add});
  if (owner.session != nullptr && add && other.session != owner.session &&
      (rel.cascade & cascade_flags::save_update)) {
    owner.session->add(other);
  }
}

}  // namespace

void ManyToMany::adopt_new(ObjectState& owner, const RelationInfo& rel) const {
  // Objects given at construction are linked as if appended one by one.
  CollectionBase& c = collection_of(owner, rel);
  std::vector<ObjectState*> given;
  std::vector<std::shared_ptr<Graph>> alive;  // the given Ptrs go with the clear
  for (std::size_t i = 0; i < c.erased_size(); ++i) {
    given.push_back(&c.erased_at(i));
    alive.push_back(graph_of(c.erased_at(i)));
  }
  c.erased_clear();
  for (ObjectState* other : given)
    link_objects(owner, rel, *other, true);
}

void ManyToMany::append(ObjectState& owner, const RelationInfo& rel, ObjectState& child) const {
  link_objects(owner, rel, child, true);
}

void ManyToMany::remove(ObjectState& owner, const RelationInfo& rel, ObjectState& child) const {
  link_objects(owner, rel, child, false);
}

void ManyToMany::attach_loaded(ObjectState& owner, const RelationInfo& rel,
                               ObjectState& child) const {
  collection_of(owner, rel).erased_push(child);
}

void ManyToMany::cascade_delete(SessionImpl& session, DeleteCascade& cascade, ObjectState& parent,
                                const RelationInfo& rel) const {
  if (rel.passive_deletes && !collection_of(parent, rel).loaded()) return;
  // The link rows go with the row (ON DELETE CASCADE); in memory, the other
  // side's loaded collections let go of it (after_delete), so they are
  // loaded here when there is another side.
  if (rel.reverse == nullptr && !(rel.cascade & cascade_flags::remove)) return;
  for (ObjectState* other : children_of(session, parent, rel)) {
    if (rel.cascade & cascade_flags::remove) cascade.mark_deleted(*other);
  }
}

std::string ManyToMany::lazy_statement(const RelationInfo& rel, const sql::Dialect& dialect) const {
  sql::Select select = many_to_many_select(rel);
  select.where.push_back(
      sql::Condition::compare(link_owner_column(rel), sql::CompareOp::eq, Value{std::int64_t{0}}));
  return sql::compile(select, dialect).text;
}

void ManyToMany::load_for_all(SessionImpl& session, const RelationInfo& rel,
                              std::span<ObjectState* const> owners, const LoadRequest*,
                              std::vector<ObjectState*>& loaded) const {
  // Each row is a target's columns, then the owner's key from the link.
  const std::size_t owner_key_column = rel.target->table.columns.size();
  std::unordered_map<std::int64_t, ObjectState*> by_key;
  std::vector<Value> keys;
  const auto run_batch = [&] {
    sql::Select select = many_to_many_select(rel);
    select.extra_columns.push_back(link_owner_column(rel));
    select.where.push_back(sql::Condition::in(link_owner_column(rel), std::move(keys)));
    keys.clear();
    for (auto& [key, owner] : by_key)
      clear_collection(*owner, rel, true);
    session.for_each_row(select, [&](Cursor& cursor) {
      const std::int64_t owner_key = cursor.get_int64(owner_key_column);
      ObjectState* other = session.adopt_row(*rel.target, cursor);
      const auto owner = by_key.find(owner_key);
      if (other->marked_for_delete || owner == by_key.end()) return;
      collection_of(*owner->second, rel).erased_push(*other);
      loaded.push_back(other);
    });
    by_key.clear();
  };
  in_owner_batches(session, rel, owners, by_key, keys, run_batch);
}

sql::Condition ManyToMany::join_on(sql::Select& query, const RelationInfo& rel,
                                   std::string_view alias, std::string_view link_alias) const {
  // owner LEFT JOIN link AS lN ON lN.owner = owner.id
  //       LEFT JOIN target AS jN ON jN.id = lN.target
  const sql::TableInfo& owner = rel.owner->table;
  const sql::TableInfo& target = rel.target->table;
  sql::Join& link = query.joins.emplace_back(
      rel.link, link_alias,
      sql::Condition::compare({rel.link, rel.link_owner_column, link_alias}, sql::CompareOp::eq,
                              sql::ColumnRef{&owner, owner.primary_key}));
  link.select_columns = false;
  return sql::Condition::compare({&target, target.primary_key, alias}, sql::CompareOp::eq,
                                 sql::ColumnRef{rel.link, 1 - rel.link_owner_column, link_alias});
}

void ManyToMany::after_delete(ObjectState& owner, const RelationInfo& rel) const {
  // Out of the loaded collections of its partners.
  if (rel.reverse == nullptr) return;
  CollectionBase& mine = collection_of(owner, rel);
  for (std::size_t i = 0; mine.loaded() && i < mine.erased_size(); ++i) {
    CollectionBase& theirs = collection_of(mine.erased_at(i), *rel.reverse);
    if (theirs.loaded()) theirs.erased_remove(owner);
  }
}

void ManyToMany::relate_subquery(sql::Select& sub, const RelationInfo& rel,
                                 std::string_view alias) const {
  // EXISTS (SELECT 1 FROM target JOIN link ON link.t = target.id WHERE link.o = owner.id ...)
  const sql::TableInfo& owner = rel.owner->table;
  const sql::TableInfo& target = rel.target->table;
  sql::Join& link = sub.joins.emplace_back(
      rel.link, std::string_view{},
      sql::Condition::compare({rel.link, 1 - rel.link_owner_column}, sql::CompareOp::eq,
                              sql::ColumnRef{&target, target.primary_key, alias}));
  link.inner = true;
  link.select_columns = false;
  sub.where.push_back(sql::Condition::compare(link_owner_column(rel), sql::CompareOp::eq,
                                              sql::ColumnRef{&owner, owner.primary_key}));
}

}  // namespace relate::detail
