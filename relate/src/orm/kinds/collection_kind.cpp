// What the collection kinds share: the member's loaded state, the
// save-update cascade to what it holds, the children a delete reaches.

#include "../session_impl.hpp"
#include "../sync.hpp"
#include "kinds.hpp"

namespace relate::detail {

bool CollectionKind::is_loaded(ObjectState& owner, const RelationInfo& rel) const {
  return collection_of(owner, rel).loaded();
}

void CollectionKind::load_nothing(ObjectState& owner, const RelationInfo& rel) const {
  clear_collection(owner, rel, true);
}

void CollectionKind::expire(ObjectState& owner, const RelationInfo& rel) const {
  clear_collection(owner, rel, false);
}

void CollectionKind::bind_loaded(ObjectState& owner, const RelationInfo& rel) const {
  collection_of(owner, rel).set_loaded(false);
}

void CollectionKind::cascade_add(SessionImpl& session, ObjectState& owner,
                                 const RelationInfo& rel) const {
  CollectionBase& c = collection_of(owner, rel);
  for (std::size_t i = 0; i < c.erased_size(); ++i) {
    ObjectState& child = c.erased_at(i);
    if (child.session != &session) session.add(child);
  }
}

std::vector<ObjectState*> CollectionKind::children_of(SessionImpl& session, ObjectState& parent,
                                                      const RelationInfo& rel) const {
  CollectionBase& c = collection_of(parent, rel);
  if (parent.status == ObjectStatus::persistent && !c.loaded()) session.load_collection(c);
  std::vector<ObjectState*> out;
  out.reserve(c.erased_size());
  for (std::size_t i = 0; i < c.erased_size(); ++i)
    out.push_back(&c.erased_at(i));
  return out;
}

}  // namespace relate::detail
