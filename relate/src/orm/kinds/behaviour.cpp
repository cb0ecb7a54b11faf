// The choice of a behaviour per kind, the defaults of what only some kinds
// do, and what the kinds share.

#include "behaviour.hpp"

#include "../session_impl.hpp"
#include "../sync.hpp"
#include "kinds.hpp"
#include "relate/error.hpp"

namespace relate::detail {

namespace {

[[noreturn]] void not_a_collection(const RelationInfo& rel) {
  throw InvalidRequestError(rel.name + " is not a collection");
}

}  // namespace

const RelationBehaviour& behaviour_for(RelationKind kind) noexcept {
  static const ManyToOne many_to_one;
  static const OneToMany one_to_many;
  static const OneToOne one_to_one;
  static const Dynamic dynamic;
  static const ManyToMany many_to_many;
  switch (kind) {
    case RelationKind::many_to_one:
      return many_to_one;
    case RelationKind::one_to_many:
      return one_to_many;
    case RelationKind::one_to_one:
      return one_to_one;
    case RelationKind::dynamic:
      return dynamic;
    case RelationKind::many_to_many:
      break;
  }
  return many_to_many;
}

void RelationBehaviour::append(ObjectState&, const RelationInfo& rel, ObjectState&) const {
  not_a_collection(rel);
}
void RelationBehaviour::remove(ObjectState&, const RelationInfo& rel, ObjectState&) const {
  not_a_collection(rel);
}
void RelationBehaviour::attach_loaded(ObjectState&, const RelationInfo& rel, ObjectState&) const {
  not_a_collection(rel);
}
void RelationBehaviour::accept_child(ObjectState&, const RelationInfo& rel, ObjectState&) const {
  not_a_collection(rel);
}

bool RelationBehaviour::fill_joined(ObjectState& row, const RelationInfo& rel, ObjectState& other,
                                    bool several_collections) const {
  CollectionBase& c = collection_of(row, rel);
  // With two collections joined, each child comes once per row of the other.
  const bool repeated = several_collections
                            ? c.erased_contains(other)
                            : c.erased_size() > 0 && &c.erased_at(c.erased_size() - 1) == &other;
  if (repeated) return false;
  attach_loaded(row, rel, other);
  return true;
}

bool needs_load(const SessionImpl& session, ObjectState& owner, const RelationInfo& rel) {
  return owner.session == &session && owner.status == ObjectStatus::persistent &&
         !owner.marked_for_delete && !rel.behaviour->is_loaded(owner, rel);
}

void clear_collection(ObjectState& owner, const RelationInfo& rel, bool loaded) {
  CollectionBase& c = collection_of(owner, rel);
  c.erased_clear();
  c.set_loaded(loaded);
}

void enter_reverse_collection(ObjectState& child, const RelationInfo& reference,
                              ObjectState& parent) {
  if (reference.reverse == nullptr) return;
  reference.reverse->behaviour->accept_child(parent, *reference.reverse, child);
}

}  // namespace relate::detail
