#pragma once
// The five relationship kinds. Each is defined in its own file; one-to-one
// and dynamic are one-to-many with a twist, so they derive from it.

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "behaviour.hpp"
#include "relate/orm/object.hpp"

namespace relate::detail {

class CollectionBase;

// BelongsTo<X>: the owner's foreign key names one X.
class ManyToOne final : public RelationBehaviour {
 public:
  const ModelInfo* child_model(const RelationInfo& rel) const noexcept override;
  bool is_loaded(ObjectState& owner, const RelationInfo& rel) const override;
  void load_nothing(ObjectState& owner, const RelationInfo& rel) const override;
  void expire(ObjectState& owner, const RelationInfo& rel) const override;
  void bind_loaded(ObjectState& owner, const RelationInfo& rel) const override;
  void adopt_new(ObjectState& owner, const RelationInfo& rel) const override;
  void cascade_add(SessionImpl& session, ObjectState& owner,
                   const RelationInfo& rel) const override;
  void relink(ObjectState& owner, const RelationInfo& rel) const noexcept override;
  void load_for_all(SessionImpl& session, const RelationInfo& rel,
                    std::span<ObjectState* const> owners, const LoadRequest* request,
                    std::vector<ObjectState*>& loaded) const override;
  sql::Condition join_on(sql::Select& query, const RelationInfo& rel, std::string_view alias,
                         std::string_view link_alias) const override;
  bool joins_many() const noexcept override { return false; }
  bool fill_joined(ObjectState& row, const RelationInfo& rel, ObjectState& other,
                   bool several_collections) const override;
  void key_written(SessionImpl& session, ObjectState& owner, const RelationInfo& rel,
                   ColumnMask columns) const override;
  void relate_subquery(sql::Select& sub, const RelationInfo& rel,
                       std::string_view alias) const override;
};

// What the kinds whose member is a collection share (one-to-many and its
// variants, many-to-many).
class CollectionKind : public RelationBehaviour {
 public:
  bool is_loaded(ObjectState& owner, const RelationInfo& rel) const override;
  void load_nothing(ObjectState& owner, const RelationInfo& rel) const override;
  void expire(ObjectState& owner, const RelationInfo& rel) const override;
  void bind_loaded(ObjectState& owner, const RelationInfo& rel) const override;
  void cascade_add(SessionImpl& session, ObjectState& owner,
                   const RelationInfo& rel) const override;

 protected:
  // The objects in a collection being deleted with its owner, loaded if need be.
  virtual std::vector<ObjectState*> children_of(SessionImpl& session, ObjectState& parent,
                                                const RelationInfo& rel) const;
};

// HasMany<X>: the X whose foreign key names the owner.
class OneToMany : public CollectionKind {
 public:
  const ModelInfo* child_model(const RelationInfo& rel) const noexcept override;
  bool holds_children() const noexcept override { return true; }
  void check_cascades(const RelationInfo& rel, std::vector<std::string>& out) const override;
  void adopt_new(ObjectState& owner, const RelationInfo& rel) const override;
  void append(ObjectState& owner, const RelationInfo& rel, ObjectState& child) const override;
  void remove(ObjectState& owner, const RelationInfo& rel, ObjectState& child) const override;
  void attach_loaded(ObjectState& owner, const RelationInfo& rel,
                     ObjectState& child) const override;
  void accept_child(ObjectState& parent, const RelationInfo& rel,
                    ObjectState& child) const override;
  void cascade_delete(SessionImpl& session, DeleteCascade& cascade, ObjectState& parent,
                      const RelationInfo& rel) const override;
  std::string lazy_statement(const RelationInfo& rel, const sql::Dialect& dialect) const override;
  void load_for_all(SessionImpl& session, const RelationInfo& rel,
                    std::span<ObjectState* const> owners, const LoadRequest* request,
                    std::vector<ObjectState*>& loaded) const override;
  sql::Condition join_on(sql::Select& query, const RelationInfo& rel, std::string_view alias,
                         std::string_view link_alias) const override;
  void relate_subquery(sql::Select& sub, const RelationInfo& rel,
                       std::string_view alias) const override;

 protected:
  // Whether appending a child that memory already knows belongs to the
  // owner can stop there (the collection shows it already).
  virtual bool shows_known_children(const CollectionBase& c) const noexcept;
  // Before `child` enters the owner's collection.
  virtual void make_room(ObjectState&, const RelationInfo&, CollectionBase&, ObjectState&) const {}
  // Takes `child` out of the collection; false if it is not the owner's.
  virtual bool take_out(ObjectState& owner, const RelationInfo& rel, CollectionBase& c,
                        ObjectState& child) const;
};

// HasOne<X>: one-to-many holding at most one X (uselist=False); another
// taking its place displaces the one before.
class OneToOne final : public OneToMany {
 public:
  void accept_child(ObjectState& parent, const RelationInfo& rel,
                    ObjectState& child) const override;

 protected:
  void make_room(ObjectState& owner, const RelationInfo& rel, CollectionBase& c,
                 ObjectState& child) const override;
};

// DynamicMany<X>: one-to-many as a query, never loaded whole.
class Dynamic final : public OneToMany {
 public:
  bool loads_eagerly() const noexcept override { return false; }
  void after_insert(ObjectState& owner, const RelationInfo& rel) const override;

 protected:
  std::vector<ObjectState*> children_of(SessionImpl& session, ObjectState& parent,
                                        const RelationInfo& rel) const override;
  bool shows_known_children(const CollectionBase&) const noexcept override { return true; }
  bool take_out(ObjectState& owner, const RelationInfo& rel, CollectionBase& c,
                ObjectState& child) const override;
};

// ManyToMany<X>: the X linked to the owner through an association table.
class ManyToMany final : public CollectionKind {
 public:
  const ModelInfo* child_model(const RelationInfo&) const noexcept override { return nullptr; }
  void adopt_new(ObjectState& owner, const RelationInfo& rel) const override;
  void append(ObjectState& owner, const RelationInfo& rel, ObjectState& child) const override;
  void remove(ObjectState& owner, const RelationInfo& rel, ObjectState& child) const override;
  void attach_loaded(ObjectState& owner, const RelationInfo& rel,
                     ObjectState& child) const override;
  void cascade_delete(SessionImpl& session, DeleteCascade& cascade, ObjectState& parent,
                      const RelationInfo& rel) const override;
  std::string lazy_statement(const RelationInfo& rel, const sql::Dialect& dialect) const override;
  void load_for_all(SessionImpl& session, const RelationInfo& rel,
                    std::span<ObjectState* const> owners, const LoadRequest* request,
                    std::vector<ObjectState*>& loaded) const override;
  sql::Condition join_on(sql::Select& query, const RelationInfo& rel, std::string_view alias,
                         std::string_view link_alias) const override;
  void after_delete(ObjectState& owner, const RelationInfo& rel) const override;
  void relate_subquery(sql::Select& sub, const RelationInfo& rel,
                       std::string_view alias) const override;
};

// Shared by the kinds.
// Whether `owner`'s member must be loaded for a batch load by `session`.
bool needs_load(const SessionImpl& session, ObjectState& owner, const RelationInfo& rel);
// Batch loading keyed by the owners' keys: collects the keys of the owners
// in `owners` whose member needs loading (each owner once) into `by_key` and
// `keys`, calling run_batch() for every kInBatch of them and for the rest.
template <class RunBatch>
void in_owner_batches(const SessionImpl& session, const RelationInfo& rel,
                      std::span<ObjectState* const> owners,
                      std::unordered_map<std::int64_t, ObjectState*>& by_key,
                      std::vector<Value>& keys, RunBatch&& run_batch) {
  for (ObjectState* o : owners) {
    if (!needs_load(session, *o, rel)) continue;
    const std::int64_t key = rel.owner->ops.primary_key(*o);
    if (!by_key.emplace(key, o).second) continue;
    keys.emplace_back(key);
    if (keys.size() == kInBatch) run_batch();
  }
  if (!keys.empty()) run_batch();
}
// Empties a collection member, marked loaded or not.
void clear_collection(ObjectState& owner, const RelationInfo& rel, bool loaded);
// `parent`'s collection that is the other side of a many-to-one, with
// `child` entering it (see accept_child).
void enter_reverse_collection(ObjectState& child, const RelationInfo& reference,
                              ObjectState& parent);

}  // namespace relate::detail
