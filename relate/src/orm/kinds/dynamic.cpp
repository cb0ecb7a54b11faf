// Dynamic (DynamicMany<X>, lazy="dynamic"): a one-to-many that is a query.
// It is never loaded whole: appending and removing work without loading,
// the children a delete reaches are queried, and once the owner has a row
// the members kept in memory give way to the query.

#include "../session_impl.hpp"
#include "../sync.hpp"
#include "kinds.hpp"

namespace relate::detail {

void Dynamic::after_insert(ObjectState& owner, const RelationInfo& rel) const {
  clear_collection(owner, rel, false);
}

std::vector<ObjectState*> Dynamic::children_of(SessionImpl& session, ObjectState& parent,
                                               const RelationInfo& rel) const {
  if (parent.status != ObjectStatus::persistent)
    return OneToMany::children_of(session, parent, rel);
  sql::Select select;
  select.table = &rel.target->table;
  select.where.push_back(session.children_condition(collection_of(parent, rel)));
  return session.select(*rel.target, select);
}

bool Dynamic::take_out(ObjectState& owner, const RelationInfo& rel, CollectionBase& c,
                       ObjectState& child) const {
  c.erased_remove(child);
  // Only a child of this owner can be removed from it.
  if (known_parent(child, rel) != &owner && owner.status == ObjectStatus::persistent) {
    const auto key = child.model().ops.integer(child, rel.fk_column);
    if (!key || *key != owner.model().ops.primary_key(owner)) return false;
  }
  return true;
}

}  // namespace relate::detail
