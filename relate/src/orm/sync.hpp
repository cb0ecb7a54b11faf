#pragma once
// Helpers shared by the relationship members and the session for keeping
// both sides of a relationship in sync in memory.

#include <memory>

#include "relate/orm/object.hpp"
#include "relate/orm/relationships.hpp"

namespace relate::detail {

// Records that `child`'s foreign key `fk_column` must name `parent` (NULL
// when null) at the next flush.
void set_link(ObjectState& child, std::size_t fk_column, ObjectState* parent);
const ParentLink* find_link(const ObjectState& child, std::size_t fk_column) noexcept;

CollectionBase& collection_of(ObjectState& owner, const RelationInfo& relation);
ReferenceBase& reference_of(ObjectState& owner, const RelationInfo& relation);

// The parent `child` has through `collection` (a one-to-many relation), as
// far as memory knows, without running SQL: the loaded reference, else the
// pending link, else the object its foreign key names if the session holds it.
ObjectState* known_parent(ObjectState& child, const RelationInfo& collection);

// Binds the members of an object read from the database: relationships are
// not loaded yet.
void bind_loaded_object(ObjectState& object);

// Forgets what the object's relationships loaded, so that they load again.
void expire_relations(ObjectState& object);

}  // namespace relate::detail
