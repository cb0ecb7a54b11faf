// The relationship members' side of the ORM: binding members to their
// object, lazy loading, and keeping both sides of a relationship in sync.

#include "sync.hpp"

#include "kinds/kinds.hpp"
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

// The collection of `parent` that is the other side of a many-to-one
// `reference`, or null when that side has no member.
CollectionBase* reverse_collection(ObjectState& parent, const RelationInfo& reference) {
  if (reference.reverse == nullptr) return nullptr;
  return &collection_of(parent, *reference.reverse);
}

}  // namespace

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
    rel->member(object).bind(&object, rel);
    rel->behaviour->bind_loaded(object, *rel);
  }
}

void expire_relations(ObjectState& object) {
  for (const RelationInfo* rel : object.model().relations)
    rel->behaviour->expire(object, *rel);
}

void adopt_new_object(ObjectState& object) {
  require_configured(object.model());
  for (const RelationInfo* rel : object.model().relations) {
    rel->member(object).bind(&object, rel);
    rel->behaviour->adopt_new(object, *rel);
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

[[noreturn]] void throw_unmapped_assignment(const ModelInfo& model) {
  throw InvalidRequestError("relate::set names a member of " + model.type_name +
                            " that no column() maps");
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
  relation()->behaviour->append(*owner(), *relation(), child);
}

void CollectionBase::remove_object(ObjectState& child) {
  relation()->behaviour->remove(*owner(), *relation(), child);
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
