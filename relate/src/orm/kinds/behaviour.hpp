#pragma once
// One behaviour object per relationship kind (SQLAlchemy's dependency
// processors and loader strategies in one): how a relationship of that kind
// keeps both sides in sync in memory, cascades, loads for many owners at
// once or with a join, and what its flush and SQL shapes are. Chosen once,
// when the mapping is configured (RelationInfo::behaviour); the session,
// the unit of work and the loaders call it and never branch on the kind.
//
// The kinds: many_to_one.cpp (BelongsTo), one_to_many.cpp (HasMany),
// one_to_one.cpp (HasOne), dynamic.cpp (DynamicMany), many_to_many.cpp
// (ManyToMany). Stateless and immutable: safe to share between threads.

#include <span>
#include <string>
#include <vector>

#include "relate/orm/model_info.hpp"
#include "relate/orm/query_state.hpp"
#include "relate/orm/session_engine.hpp"
#include "relate/sql/dialect.hpp"
#include "relate/sql/expression.hpp"
#include "relate/sql/select.hpp"

namespace relate::detail {

class SessionImpl;

// Keys per SELECT ... IN (...) of a batch load: SQLAlchemy's batch size, far
// under every backend's limit on parameters.
inline constexpr std::size_t kInBatch = 500;

// What a delete cascade asks of the unit of work.
class DeleteCascade {
 public:
  // `object` is deleted with the flush (a pending one is just expunged).
  virtual void mark_deleted(ObjectState& object) = 0;

 protected:
  ~DeleteCascade() = default;
};

class RelationBehaviour {
 public:
  virtual ~RelationBehaviour() = default;

  // ---- mapping
  // The model whose table holds the foreign key: the target (one-to-many,
  // one-to-one, dynamic), the owner (many-to-one), none (many-to-many).
  virtual const ModelInfo* child_model(const RelationInfo& rel) const noexcept = 0;
  // Whether the member holds the objects whose foreign key names its owner
  // (so deleting one of them takes it out of the owner's collection).
  virtual bool holds_children() const noexcept { return false; }
  // Where cascades and ON DELETE rules disagree (Database::check_cascades).
  virtual void check_cascades(const RelationInfo&, std::vector<std::string>&) const {}

  // ---- members in memory
  virtual bool is_loaded(ObjectState& owner, const RelationInfo& rel) const = 0;
  // Marks the member loaded with nothing in it (noload, or before a join fills it).
  virtual void load_nothing(ObjectState& owner, const RelationInfo& rel) const = 0;
  // Forgets what the member loaded, so that it loads again.
  virtual void expire(ObjectState& owner, const RelationInfo& rel) const = 0;
  // The member of an object read from the database: not loaded yet.
  virtual void bind_loaded(ObjectState& owner, const RelationInfo& rel) const = 0;
  // The member of a new object: what was set in it at construction
  // (Post{.comments = {c}}, Comment{.post = p}) is linked as if assigned.
  virtual void adopt_new(ObjectState& owner, const RelationInfo& rel) const = 0;
  // Collections: adds or removes `child`, the other side kept in sync.
  virtual void append(ObjectState& owner, const RelationInfo& rel, ObjectState& child) const;
  virtual void remove(ObjectState& owner, const RelationInfo& rel, ObjectState& child) const;
  // Puts `child`, just loaded for `owner`, in the member and points the
  // child's side back (if that side is not loaded yet).
  virtual void attach_loaded(ObjectState& owner, const RelationInfo& rel, ObjectState& child) const;
  // A many-to-one of `child` now names `parent`, which did not hold it:
  // called on the other side (this relationship) to take it in.
  virtual void accept_child(ObjectState& parent, const RelationInfo& rel, ObjectState& child) const;

  // ---- the session
  // Save-update cascade: adds the objects the member holds to `session`.
  virtual void cascade_add(SessionImpl& session, ObjectState& owner,
                           const RelationInfo& rel) const = 0;
  // Delete cascade from a parent that is being deleted.
  virtual void cascade_delete(SessionImpl&, DeleteCascade&, ObjectState&,
                              const RelationInfo&) const {}
  // After a rolled-back insert: the links to parents the object had in
  // memory, again, so that adding it again sets its keys from theirs.
  virtual void relink(ObjectState&, const RelationInfo&) const noexcept {}

  // ---- loading
  // Whether the relationship loads with a query's eager loads (joined,
  // selectin, noload); a dynamic one is a query itself.
  virtual bool loads_eagerly() const noexcept { return true; }
  // The statement that loads one owner's member (lazy select), with the
  // owner's key as its one parameter; empty when the member loads otherwise.
  virtual std::string lazy_statement(const RelationInfo&, const sql::Dialect&) const { return {}; }
  // Loads the member for every owner in `owners` that needs it (one SELECT
  // per batch of owners); appends the related objects read to `loaded`.
  virtual void load_for_all(SessionImpl& session, const RelationInfo& rel,
                            std::span<ObjectState* const> owners, const LoadRequest* request,
                            std::vector<ObjectState*>& loaded) const = 0;
  // Joined loading: the ON condition of the join that brings the related
  // rows (the target's table as `alias`) into `query` on the owner's rows,
  // after adding the joins it needs before it (an association table as
  // `link_alias`).
  virtual sql::Condition join_on(sql::Select& query, const RelationInfo& rel,
                                 std::string_view alias, std::string_view link_alias) const = 0;
  // Whether the join brings several rows per owner.
  virtual bool joins_many() const noexcept { return true; }
  // Fills the member of `row` with `other`, read from a joined row; false
  // if it was there already (a collection joined with another one repeats
  // its rows).
  virtual bool fill_joined(ObjectState& row, const RelationInfo& rel, ObjectState& other,
                           bool several_collections) const;

  // ---- the flush
  // After `owner`'s row is inserted.
  virtual void after_insert(ObjectState&, const RelationInfo&) const {}
  // After `owner`'s row is deleted.
  virtual void after_delete(ObjectState&, const RelationInfo&) const {}
  // After the flush wrote `columns` of `owner` from its fields (not from a
  // relationship assignment): points the member at what they now name.
  virtual void key_written(SessionImpl&, ObjectState&, const RelationInfo&, ColumnMask) const {}

  // ---- SQL along the relationship
  // Fills `sub` (SELECT 1 FROM target [AS alias]) with what relates its rows
  // to the owner's row: any() and has().
  virtual void relate_subquery(sql::Select& sub, const RelationInfo& rel,
                               std::string_view alias) const = 0;
};

// The behaviour of a kind, for the registry.
const RelationBehaviour& behaviour_for(RelationKind kind) noexcept;

}  // namespace relate::detail
