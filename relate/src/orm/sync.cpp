// The relationship members' side of the ORM: binding members to their
// object, lazy loading, and keeping both sides of a relationship in sync.

#include "sync.hpp"

#include "relate/error.hpp"
#include "session_impl.hpp"

namespace relate::detail {

namespace {

std::string describe_object(const ObjectState& object) {
  const ModelInfo& m = object.model();
  if (object.status == ObjectStatus::transient || object.status == ObjectStatus::pending) {
    return "a new " + m.type_name;
  }
  return m.type_name + " " + std::to_string(m.ops.primary_key(object));
}

[[noreturn]] void throw_detached(const ObjectState& owner, const RelationInfo& relation) {
  throw DetachedInstanceError(
      relation.name + " cannot be loaded: " + describe_object(owner) +
      " is not attached to a session (its session was closed). Load what you need while the "
      "session is open, or add the object to a new session.");
}

// Takes `child` out of a one-to-one `member` of `owner` (another object is
// taking its place): its reference and foreign key are cleared, and with
// delete-orphan it is deleted at the next flush.
void displace(ObjectState& owner, CollectionBase& member, ObjectState& child) {
  const RelationInfo& rel = *member.relation();
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

// The collection of `parent` that is the other side of a many-to-one
// `reference`, or null when that side has no member.
CollectionBase* reverse_collection(ObjectState& parent, const RelationInfo& reference) {
  if (reference.reverse == nullptr) return nullptr;
  return &collection_of(parent, *reference.reverse);
}

// `child`'s `reference` now names `parent`, which did not hold it before:
// puts it in the parent's loaded collection. For a one-to-one the parent's
// object before is displaced (loaded first, if the parent is in the database).
void enter_reverse_collection(ObjectState& child, const RelationInfo& reference,
                              ObjectState& parent) {
  CollectionBase* c = reverse_collection(parent, reference);
  if (c == nullptr) return;
  if (reference.reverse->kind == RelationKind::one_to_one) {
    if (!c->loaded() && parent.session != nullptr && parent.status == ObjectStatus::persistent)
      parent.session->load_collection(*c);
    c->set_loaded(true);
    if (c->erased_size() > 0 && &c->erased_at(0) != &child) displace(parent, *c, c->erased_at(0));
  }
  if (c->loaded()) c->erased_push(child);
}

}  // namespace

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

void set_link(ObjectState& child, std::size_t fk_column, ObjectState* parent) {
  child.links.set(fk_column, parent);
}

const ParentLink* find_link(const ObjectState& child, std::size_t fk_column) noexcept {
  return child.links.find(fk_column);
}

CollectionBase& collection_of(ObjectState& owner, const RelationInfo& relation) {
  return static_cast<CollectionBase&>(relation.member(owner));
}

ReferenceBase& reference_of(ObjectState& owner, const RelationInfo& relation) {
  return static_cast<ReferenceBase&>(relation.member(owner));
}

ObjectState* known_parent(ObjectState& child, const RelationInfo& collection) {
  if (collection.reverse != nullptr) {
    ReferenceBase& ref = reference_of(child, *collection.reverse);
    if (ref.loaded()) return ref.erased_get();
  }
  if (const ParentLink* link = find_link(child, collection.fk_column)) return link->parent;
  if (child.session == nullptr || child.status != ObjectStatus::persistent) return nullptr;
  const auto key = child.model().ops.integer(child, collection.fk_column);
  return key ? child.session->find_loaded(*collection.owner, *key) : nullptr;
}

void bind_loaded_object(ObjectState& object) {
  for (const RelationInfo* rel : object.model().relations) {
    RelationMember& member = rel->member(object);
    member.bind(&object, rel);
    if (rel->is_collection()) {
      static_cast<CollectionBase&>(member).set_loaded(false);
    } else {
      static_cast<ReferenceBase&>(member).set_loaded(false);
    }
  }
}

void expire_relations(ObjectState& object) {
  for (const RelationInfo* rel : object.model().relations) {
    if (rel->is_collection()) {
      CollectionBase& c = collection_of(object, *rel);
      c.erased_clear();
      c.set_loaded(false);
    } else {
      ReferenceBase& r = reference_of(object, *rel);
      r.erased_set(nullptr);
      r.set_loaded(false);
    }
  }
}

void adopt_new_object(ObjectState& object) {
  ensure_configured();
  for (const RelationInfo* rel : object.model().relations) {
    RelationMember& member = rel->member(object);
    member.bind(&object, rel);
    if (rel->is_collection()) {
      // Children given at construction (Post{.comments = {c1, c2}}) are
      // linked as if appended.
      auto& c = static_cast<CollectionBase&>(member);
      if (rel->kind == RelationKind::many_to_many) {
        // Linked as if appended one by one.
        std::vector<ObjectState*> given;
        std::vector<std::shared_ptr<Graph>> alive;  // the given Ptrs go with the clear
        for (std::size_t i = 0; i < c.erased_size(); ++i) {
          given.push_back(&c.erased_at(i));
          alive.push_back(graph_of(c.erased_at(i)));
        }
        c.erased_clear();
        for (ObjectState* other : given)
          link_objects(object, *rel, *other, true);
        continue;
      }
      for (std::size_t i = 0; i < c.erased_size(); ++i) {
        ObjectState& child = c.erased_at(i);
        merge_graphs(object, child);
        if (rel->reverse != nullptr) {
          ReferenceBase& ref = reference_of(child, *rel->reverse);
          ref.erased_set(&object);
          ref.set_loaded(true);
        }
        set_link(child, rel->fk_column, &object);
      }
      c.erased_demote();
    } else {
      // A parent given at construction (Comment{.post = p}).
      auto& ref = static_cast<ReferenceBase&>(member);
      if (!ref.loaded()) continue;
      ObjectState* parent = ref.erased_get();
      set_link(object, rel->fk_column, parent);
      if (parent != nullptr) {
        merge_graphs(object, *parent);
        // A new object cannot be in the collection yet.
        enter_reverse_collection(object, *rel, *parent);
      }
      ref.erased_demote();
    }
  }
}

void ObjectState::note_touched() {
  session->note_touched(*this);
}

[[noreturn]] void throw_null_ptr(const ModelInfo& model) {
  throw InvalidRequestError("dereferenced a null relate::Ptr<" + model.type_name +
                            "> (get() and first() return null when nothing matched)");
}

[[noreturn]] void throw_dynamic_detached(const CollectionBase& collection) {
  if (collection.owner() == nullptr) {
    throw InvalidRequestError(
        "a dynamic relationship of a plain value (not made with "
        "relate::make or Session::add) has no query");
  }
  throw_detached(*collection.owner(), *collection.relation());
}

[[noreturn]] void throw_unmapped_option(const ModelInfo& model) {
  throw InvalidRequestError("a loading option names a member of " + model.type_name +
                            " that no relationship() or backref() maps");
}

// ------------------------------------------------------------ collections

void CollectionBase::ensure_loaded() const {
  if (loaded_) return;
  ObjectState* owner = this->owner();
  if (owner == nullptr || owner->status == ObjectStatus::transient ||
      owner->status == ObjectStatus::pending) {
    loaded_ = true;
    return;
  }
  if (owner->session == nullptr) throw_detached(*owner, *relation());
  owner->session->load_collection(*this);
}

void CollectionBase::append_object(ObjectState& child) {
  ObjectState& owner = *this->owner();
  const RelationInfo& rel = *relation();
  if (rel.kind == RelationKind::many_to_many) {
    link_objects(owner, rel, child, true);
    return;
  }
  merge_graphs(owner, child);
  // A child is in the loaded collection of the parent memory knows for it,
  // and only there: asking costs nothing, unlike searching the collection.
  ObjectState* old_parent = known_parent(child, rel);
  if (old_parent == &owner && (loaded_ || rel.kind == RelationKind::dynamic)) return;

  if (old_parent != nullptr && old_parent != &owner) {
    CollectionBase& old = collection_of(*old_parent, rel);
    if (old.loaded()) old.erased_remove(child);
  }
  if (rel.kind == RelationKind::one_to_one) {
    ensure_loaded();
    if (erased_size() > 0 && &erased_at(0) != &child) displace(owner, *this, erased_at(0));
  }
  if (rel.reverse != nullptr) {
    ReferenceBase& ref = reference_of(child, *rel.reverse);
    ref.erased_set(&owner);
    ref.set_loaded(true);
  }
  set_link(child, rel.fk_column, &owner);
  if (loaded_) erased_push(child);

  if (owner.session != nullptr) {
    if (child.session != owner.session && (rel.cascade & cascade_flags::save_update)) {
      owner.session->add(child);
    }
    if (child.session == owner.session) owner.session->note_touched(child);
  }
}

void CollectionBase::remove_object(ObjectState& child) {
  ObjectState& owner = *this->owner();
  const RelationInfo& rel = *relation();
  if (rel.kind == RelationKind::many_to_many) {
    link_objects(owner, rel, child, false);
    return;
  }
  if (rel.kind == RelationKind::dynamic) {
    erased_remove(child);
    // Only a child of this owner can be removed from it.
    if (known_parent(child, rel) != &owner && owner.status == ObjectStatus::persistent) {
      const auto key = child.model().ops.integer(child, rel.fk_column);
      if (!key || *key != owner.model().ops.primary_key(owner)) return;
    }
  } else {
    ensure_loaded();
    if (!erased_remove(child)) return;
  }
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

// ------------------------------------------------------------- references

ObjectState* ReferenceBase::load() const {
  if (loaded_) return erased_get();
  ObjectState* owner = this->owner();
  if (owner == nullptr || owner->status == ObjectStatus::transient ||
      owner->status == ObjectStatus::pending) {
    return erased_get();
  }
  if (owner->session == nullptr) throw_detached(*owner, *relation());
  return owner->session->load_reference(*this);
}

void ReferenceBase::assign(ObjectState* target) {
  ObjectState& owner = *this->owner();
  const RelationInfo& rel = *relation();
  ObjectState* old = nullptr;
  if (loaded_) {
    old = erased_get();
  } else if (owner.session != nullptr && owner.status == ObjectStatus::persistent) {
    const auto key = owner.model().ops.integer(owner, rel.fk_column);
    if (key) old = owner.session->find_loaded(*rel.target, *key);
  }
  if (old != nullptr && old != target) {
    if (CollectionBase* c = reverse_collection(*old, rel); c != nullptr && c->loaded()) {
      c->erased_remove(owner);
    }
  }
  if (target != nullptr) merge_graphs(owner, *target);
  erased_set(target);
  loaded_ = true;
  set_link(owner, rel.fk_column, target);
  if (target != nullptr && target != old) enter_reverse_collection(owner, rel, *target);
  if (owner.session != nullptr) {
    owner.session->note_touched(owner);
    if (target != nullptr && target->session != owner.session &&
        (rel.cascade & cascade_flags::save_update)) {
      owner.session->add(*target);
    }
    if (target == nullptr && rel.reverse != nullptr &&
        (rel.reverse->cascade & cascade_flags::delete_orphan)) {
      owner.session->note_orphan_candidate(owner, *rel.reverse);
    }
  }
}

}  // namespace relate::detail
