// One-to-one (HasOne<X>, SQLAlchemy's uselist=False): a one-to-many that
// holds at most one X. An X taking the place of another displaces it: its
// key and reference are cleared, and with delete-orphan it is deleted at the
// next flush. The unique key passing between them is released by the flush
// (persistence.cpp).

#include "../session_impl.hpp"
#include "../sync.hpp"
#include "kinds.hpp"

namespace relate::detail {

namespace {

// Takes `child` out of `owner`'s member (another object takes its place).
void displace(ObjectState& owner, const RelationInfo& rel, CollectionBase& member,
              ObjectState& child) {
  member.erased_remove(child);
  if (rel.reverse != nullptr) {
    ReferenceBase& ref = reference_of(child, *rel.reverse);
    ref.erased_set(nullptr);
    ref.set_loaded(true);
  }
  set_link(child, rel.fk_column, nullptr);
  if (owner.session != nullptr) {
    if (rel.cascade & cascade_flags::delete_orphan)
      owner.session->note_orphan_candidate(child, rel);
    if (child.session == owner.session) owner.session->note_touched(child);
  }
}

void displace_other(ObjectState& owner, const RelationInfo& rel, CollectionBase& member,
                    ObjectState& newcomer) {
  if (member.erased_size() > 0 && &member.erased_at(0) != &newcomer)
    displace(owner, rel, member, member.erased_at(0));
}

}  // namespace

void OneToOne::make_room(ObjectState& owner, const RelationInfo& rel, CollectionBase& c,
                         ObjectState& child) const {
  c.ensure_loaded();
  displace_other(owner, rel, c, child);
}

void OneToOne::accept_child(ObjectState& parent, const RelationInfo& rel,
                            ObjectState& child) const {
  // The parent's object before is displaced (loaded first, if the parent is
  // in the database).
  CollectionBase& c = collection_of(parent, rel);
  if (!c.loaded() && parent.session != nullptr && parent.status == ObjectStatus::persistent)
    parent.session->load_collection(c);
  c.set_loaded(true);
  displace_other(parent, rel, c, child);
  c.erased_push(child);
}

}  // namespace relate::detail
