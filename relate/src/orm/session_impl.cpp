// The session's identity map, object lifecycle, loading and transactions.
// The flush itself is in flush.cpp.

#include "session_impl.hpp"

#include <algorithm>

#include "database_core.hpp"
#include "kinds/behaviour.hpp"
#include "relate/error.hpp"
#include "relate/sql/compiler.hpp"
#include "sync.hpp"

namespace relate::detail {

SessionImpl::SessionImpl(std::shared_ptr<DatabaseCore> database)
    : database_(std::move(database)),
      graph_(std::make_shared<Graph>()),
      n_plus_one_(database_->n_plus_one.load()),
      n_plus_one_threshold_(std::max<std::uint32_t>(2, database_->n_plus_one_threshold.load())) {
  ensure_configured();
}

SessionImpl::~SessionImpl() {
  close();
}

const sql::Dialect& SessionImpl::dialect() const noexcept {
  return database_->engine().dialect();
}

const ModelStatements& SessionImpl::statements_for(const ModelInfo& model) {
  return database_->statements(model);
}

Cursor SessionImpl::execute(Connection& connection, std::string_view sql,
                            std::span<const Param> params) {
  require_usable();
  if (!budgets_.empty()) check_budgets(sql);
  ++statements_;
  ++sql_statements_;
  return connection.execute(sql, params);
}

void SessionImpl::check_budgets(std::string_view sql) {
  for (const Budget& b : budgets_) {
    if (sql_statements_ - b.start < b.max) continue;
    throw StatementBudgetExceeded("statement " + std::to_string(sql_statements_ - b.start + 1) +
                                  " exceeds this scope's budget of " + std::to_string(b.max) +
                                  " statements: " + std::string(sql));
  }
}

std::size_t SessionImpl::open_budget(std::uint64_t max_statements) {
  budgets_.push_back(Budget{next_budget_, sql_statements_, max_statements});
  return next_budget_++;
}

void SessionImpl::close_budget(std::size_t id) noexcept {
  std::erase_if(budgets_, [&](const Budget& b) { return b.id == id; });
}

std::uint64_t SessionImpl::budget_used(std::size_t id) const noexcept {
  for (const Budget& b : budgets_) {
    if (b.id == id) return sql_statements_ - b.start;
  }
  return 0;
}

PooledConnection SessionImpl::lend_connection() {
  return database_->engine().connect();
}

// ------------------------------------------------------------- lifecycle

void SessionImpl::add(ObjectState& object) {
  require_usable();
  require_configured(object.model());
  if (object.session == this) {
    if (object.marked_for_delete) {
      throw InvalidRequestError(object.model().type_name +
                                " was removed in this session; it cannot be added back before "
                                "the flush");
    }
    return;
  }
  if (object.session != nullptr) {
    throw InvalidRequestError(object.model().type_name +
                              " is already attached to another session; expunge it there (or "
                              "close that session) first");
  }
  merge(*graph_, *object.graph);
  switch (object.status) {
    case ObjectStatus::transient:
      object.session = this;
      object.status = ObjectStatus::pending;
      pending_.push_back(&object);
      break;
    case ObjectStatus::detached:
    case ObjectStatus::persistent: {
      const std::int64_t key = object.model().ops.primary_key(object);
      ObjectState*& slot = identity_.slot(&object.model(), key);
      if (slot != nullptr) {
        throw InvalidRequestError("another " + object.model().type_name + " with key " +
                                  std::to_string(key) + " is already in this session");
      }
      slot = &object;
      object.session = this;
      object.status = ObjectStatus::persistent;
      note_touched(object);
      break;
    }
    case ObjectStatus::pending:
    case ObjectStatus::deleted:
      throw InvalidRequestError(object.model().type_name +
                                " was deleted from the database and cannot be added again");
  }
  cascade_add(object);
}

void SessionImpl::cascade_add(ObjectState& object) {
  for (const RelationInfo* rel : object.model().relations) {
    if (rel->cascade & cascade_flags::save_update) rel->behaviour->cascade_add(*this, object, *rel);
  }
  object.links.for_each([&](const ParentLink& link) {
    if (link.parent != nullptr && link.parent->session != this) add(*link.parent);
  });
}

void SessionImpl::remove(ObjectState& object) {
  require_usable();
  if (object.session != this) {
    throw InvalidRequestError(object.model().type_name +
                              " is not in this session, so this session cannot delete it");
  }
  if (object.status == ObjectStatus::pending) {
    expunge(object);
    return;
  }
  if (!object.marked_for_delete) {
    object.marked_for_delete = true;
    deleted_.push_back(&object);
  }
}

void SessionImpl::unregister(ObjectState& object) noexcept {
  const auto erase_from = [&](std::vector<ObjectState*>& list) { std::erase(list, &object); };
  if (object.status == ObjectStatus::persistent) {
    identity_.erase(&object.model(), object.model().ops.primary_key(object));
  }
  erase_from(pending_);
  erase_from(deleted_);
  object.marked_for_delete = false;
}

void SessionImpl::expunge(ObjectState& object) {
  if (object.session != this) return;
  unregister(object);
  object.session = nullptr;
  object.result = 0;
  object.status =
      object.status == ObjectStatus::pending ? ObjectStatus::transient : ObjectStatus::detached;
}

void SessionImpl::note_touched(ObjectState& object) {
  if (object.touched) return;
  object.touched = true;
  if (touched_.capacity() == 0) touched_.reserve(64);  // grow once, not six times
  touched_.push_back(&object);
}

void SessionImpl::note_orphan_candidate(ObjectState& child, const RelationInfo& relation) {
  orphans_.emplace_back(&child, &relation);
}

// ---------------------------------------------------------- transactions

void SessionImpl::begin_write() {
  require_usable();
  if (transaction_) return;
  PooledConnection connection = database_->engine().connect();
  ++statements_;
  connection->begin_write();
  transaction_.emplace(std::move(connection));
}

void SessionImpl::require_usable() const {
  if (failure_.empty() && (savepoints_.empty() || savepoints_.back().failure.empty())) return;
  if (!failure_.empty()) {
    throw PendingRollbackError(
        "this session's transaction was rolled back after an error in a flush or commit (" +
        failure_ + "); call rollback() before using the session again");
  }
  throw PendingRollbackError(
      "this session's savepoint was rolled back after an error in a flush or statement (" +
      savepoints_.back().failure +
      "); end the nested transaction (Savepoint::rollback() or its destructor) before using "
      "the session again");
}

void SessionImpl::commit() {
  require_usable();
  flush();
  if (transaction_) {
    try {
      ++statements_;
      (*transaction_)->commit();
    } catch (const std::exception& e) {
      abandon_transaction(e.what());
      throw;
    }
  }
  end_transaction(true, false);
}

void SessionImpl::roll_back_database() noexcept {
  if (!transaction_) return;
  try {
    ++statements_;
    (*transaction_)->rollback();
  } catch (const Error&) {
    // The connection is dropped by the pool if it cannot roll back.
  }
}

void SessionImpl::abandon_transaction(std::string_view failure) noexcept {
  roll_back_database();
  end_transaction(false, true);
  failure_ = failure.empty() ? std::string("an unknown error") : std::string(failure);
}

void SessionImpl::rollback() {
  failure_.clear();
  roll_back_database();
  end_transaction(false, true);
}

namespace {

// Links to parents are applied (and cleared) when an object is flushed;
// recreates them from its loaded references so that adding the object to a
// session again sets its foreign keys from its parents' keys of then.
void relink_to_referenced_parents(ObjectState& object) noexcept {
  for (const RelationInfo* rel : object.model().relations)
    rel->behaviour->relink(object, *rel);
}

}  // namespace

void SessionImpl::refresh(ObjectState& object) {
  if (object.session != this || object.status != ObjectStatus::persistent) {
    throw InvalidRequestError(object.model().type_name +
                              " is not persistent in this session, so it cannot be refreshed");
  }
  const ModelInfo& model = object.model();
  const std::int64_t key = model.ops.primary_key(object);
  object.expired = true;
  // No autoflush: it would write the changes that refresh discards.
  struct NoAutoflush {
    bool& enabled;
    bool was = enabled;
    ~NoAutoflush() { enabled = was; }
  } scope{autoflush_enabled};
  autoflush_enabled = false;
  if (get(model, key) != &object) {
    throw InvalidRequestError(model.type_name + " " + std::to_string(key) +
                              " could not be refreshed: its row is gone (deleted by another "
                              "session or process)");
  }
  expire_relations(object);
}

void SessionImpl::expire(ObjectState& object) {
  if (object.session != this || object.status != ObjectStatus::persistent) return;
  object.expired = true;
  expire_relations(object);
}

void SessionImpl::expire_all() noexcept {
  identity_.for_each([](ObjectState* o) {
    o->expired = true;
    expire_relations(*o);
  });
}

void SessionImpl::end_transaction(bool committed, bool expire) noexcept {
  if (committed) {
    for (auto& o : written_updated_)
      o->model().ops.forget_original(*o);
    // What the session holds may change under it from now on.
    if (expire_on_commit) identity_.for_each([](ObjectState* o) { o->expired = true; });
  } else {
    forget_inserted_since(0);
    for (auto& o : written_updated_)
      o->model().ops.restore_original(*o);
    restore_deleted_since(0);
    drop_unflushed();
    if (expire) {
      // As after a commit, what the session holds is read again when met
      // (another session may have written it meanwhile).
      identity_.for_each([](ObjectState* o) {
        o->model().ops.restore_snapshot(*o);
        o->links.clear();
        o->expired = true;
        expire_relations(*o);
      });
    }
  }
  written_inserted_.clear();
  written_updated_.clear();
  written_deleted_.clear();
  savepoints_.clear();
  transaction_.reset();
}

void SessionImpl::forget_inserted_since(std::size_t mark) noexcept {
  // Rows the transaction inserted are gone: their objects are new again.
  for (std::size_t i = mark; i < written_inserted_.size(); ++i) {
    ObjectState* o = written_inserted_[i];
    unregister(*o);
    o->model().ops.set_primary_key(*o, 0);
    o->session = nullptr;
    o->status = ObjectStatus::transient;
    relink_to_referenced_parents(*o);
  }
  written_inserted_.resize(std::min(mark, written_inserted_.size()));
}

void SessionImpl::restore_deleted_since(std::size_t mark) noexcept {
  for (std::size_t i = mark; i < written_deleted_.size(); ++i) {
    ObjectState* o = written_deleted_[i];
    if (o->status != ObjectStatus::deleted) continue;
    o->status = ObjectStatus::persistent;
    o->session = this;
    ObjectState*& slot = identity_.slot(&o->model(), o->model().ops.primary_key(*o));
    if (slot == nullptr) slot = o;
  }
  written_deleted_.resize(std::min(mark, written_deleted_.size()));
}

void SessionImpl::drop_unflushed() noexcept {
  for (auto& o : pending_) {
    o->session = nullptr;
    o->status = ObjectStatus::transient;
    // The failed flush may have applied their links already (a batch).
    relink_to_referenced_parents(*o);
  }
  pending_.clear();
  for (auto& o : deleted_)
    o->marked_for_delete = false;
  deleted_.clear();
  graph().link_changes().clear();
  for (const auto& [id, batch] : batch_graphs_)
    batch->root().link_changes().clear();
  orphans_.clear();
  for (auto& o : touched_)
    o->touched = false;
  touched_.clear();
}

void SessionImpl::note_updated(ObjectState& object) {
  const ModelOps& ops = object.model().ops;
  ops.save_original(object);
  written_updated_.push_back(&object);
  if (savepoints_.empty()) return;
  SavepointState& innermost = savepoints_.back();
  // The first write since the savepoint: its snapshot is the row then.
  if (innermost.saved_objects.insert(&object).second)
    innermost.saved.emplace_back(&object, ops.copy_snapshot(object));
}

void SessionImpl::forget_deleted_row(ObjectState& object) {
  const ModelInfo& m = object.model();
  for (const RelationInfo* rel : m.relations)
    rel->behaviour->after_delete(object, *rel);
  // Out of its parents' loaded collections.
  for (const RelationInfo* collection : m.child_collections) {
    if (ObjectState* parent = known_parent(object, *collection)) {
      CollectionBase& c = collection_of(*parent, *collection);
      if (c.loaded()) c.erased_remove(object);
    }
  }
  identity_.erase(&m, m.ops.primary_key(object));
  std::erase(deleted_, &object);
  object.status = ObjectStatus::deleted;
  object.marked_for_delete = false;
  object.session = nullptr;
  written_deleted_.push_back(&object);
}

void SessionImpl::detach_all() noexcept {
  identity_.for_each([](ObjectState* o) {
    o->session = nullptr;
    o->status = ObjectStatus::detached;
    o->result = 0;
    o->touched = false;
    o->marked_for_delete = false;
  });
  for (auto& o : pending_) {
    o->session = nullptr;
    o->status = ObjectStatus::transient;
  }
  for (auto& o : touched_)
    o->touched = false;
  identity_.clear();
  pending_.clear();
  deleted_.clear();
  touched_.clear();
  orphans_.clear();
}

void SessionImpl::end() noexcept {
  if (transaction_) {
    roll_back_database();
    end_transaction(false, false);
  }
  // When no Ptr holds the graph, its objects go with it: nothing to detach.
  if (graph_.use_count() > 1 || &graph_->root() != graph_.get() || !batch_graphs_.empty())
    detach_all();
}

void SessionImpl::close() {
  failure_.clear();
  end();
  identity_.clear();
  pending_.clear();
  deleted_.clear();
  touched_.clear();
  orphans_.clear();
  results_.clear();
  // The objects live on while Ptrs to them do; a new graph for what comes next.
  graph_ = std::make_shared<Graph>();
  batch_graphs_.clear();
}

// --------------------------------------------------------------- loading

ObjectState* SessionImpl::find_loaded(const ModelInfo& model, std::int64_t key) const {
  return identity_.find(&model, key);
}

void SessionImpl::overwrite_from_row(ObjectState& object, Cursor& cursor) {
  const ModelInfo& model = object.model();
  std::vector<std::optional<std::int64_t>> keys_before;
  keys_before.reserve(model.foreign_keys.size());
  for (const ForeignKeyTarget& fk : model.foreign_keys)
    keys_before.push_back(model.ops.integer(object, fk.column));
  model.ops.read(object, cursor);
  object.expired = false;
  object.links.clear();
  // Many-to-one members follow keys another session changed. (Collections
  // stay as loaded: clearing one could pull it from under a loop over it;
  // expire() and refresh() reload them.)
  ColumnMask moved = 0;
  for (std::size_t i = 0; i < model.foreign_keys.size(); ++i) {
    const std::size_t column = model.foreign_keys[i].column;
    if (model.ops.integer(object, column) != keys_before[i]) moved |= ColumnMask{1} << column;
  }
  if (moved == 0) return;
  for (const RelationInfo* rel : model.relations)
    rel->behaviour->key_written(*this, object, *rel, moved);
}

ObjectState* SessionImpl::adopt_row(const ModelInfo& model, Cursor& cursor) {
  const std::int64_t key = cursor.get_int64(model.table.primary_key);
  ObjectState*& slot = identity_.slot(&model, key);
  if (slot != nullptr) {
    // The session's object wins over the row, unless it is stale.
    ObjectState* existing = reached(slot);
    const bool overwrite =
        existing->expired || (populating_ != nullptr && populating_->insert(existing).second);
    if (overwrite && existing->status == ObjectStatus::persistent)
      overwrite_from_row(*existing, cursor);
    return existing;
  }
  ObjectState& object = model.ops.create(loading_graph());
  // If reading throws, the slot stays null (it reads as absent) and the
  // object stays, unused, in the graph.
  model.ops.read(object, cursor);
  object.session = this;
  object.status = ObjectStatus::persistent;
  bind_loaded_object(object);
  slot = &object;
  return &object;
}

std::vector<ObjectState*> SessionImpl::materialize(const ModelInfo& model, Cursor& cursor) {
  std::vector<ObjectState*> rows;
  while (cursor.next())
    rows.push_back(adopt_row(model, cursor));
  return rows;
}

ObjectState* SessionImpl::get(const ModelInfo& model, std::int64_t key) {
  require_configured(model);
  if (ObjectState* found = find_loaded(model, key); found != nullptr && !found->expired) {
    return found->marked_for_delete ? nullptr : found;
  }
  autoflush();
  const Param param{key};
  const std::string& sql = statements_for(model).select_by_key;
  ObjectState* found = with_connection([&](Connection& c) -> ObjectState* {
    Cursor cursor = execute(c, sql, {&param, 1});
    return cursor.next() ? adopt_row(model, cursor) : nullptr;
  });
  if (found != nullptr) {
    for (const RelationInfo* rel : model.relations) {
      if (rel->loading == Load::selectin || rel->loading == Load::joined) {
        load_eagerly(model, {found}, {}, 0);
        break;
      }
    }
  }
  return found;
}

std::vector<ObjectState*> SessionImpl::run_select(const ModelInfo& model,
                                                  const sql::Select& select) {
  const sql::CompiledSql compiled = sql::compile(select, dialect());
  const std::vector<Param> params = to_params(compiled.params);
  return with_connection([&](Connection& c) {
    Cursor cursor = execute(c, compiled.text, params);
    return materialize(model, cursor);
  });
}

std::vector<ObjectState*> SessionImpl::select(const ModelInfo& model, const sql::Select& select,
                                              std::span<const LoadRequest> loads,
                                              bool populate_existing) {
  require_configured(model);
  autoflush();
  std::unordered_set<const ObjectState*> overwritten;
  struct Populating {
    std::unordered_set<const ObjectState*>*& slot;
    ~Populating() { slot = nullptr; }
  } scope{populating_};
  if (populate_existing) populating_ = &overwritten;
  std::vector<const RelationInfo*> joined;
  for (const RelationInfo* rel : model.relations) {
    if (strategy_in(loads, *rel) == Load::joined && rel->behaviour->loads_eagerly())
      joined.push_back(rel);
  }
  std::vector<ObjectState*> rows =
      joined.empty() ? run_select(model, select) : select_joined(model, select, joined, loads);
  remember_result(rows, loads);
  load_eagerly(model, rows, loads, 0);
  return rows;
}

std::int64_t SessionImpl::count(const sql::Select& select) {
  autoflush();
  const sql::CompiledSql compiled = sql::compile(select, dialect());
  const std::vector<Param> params = to_params(compiled.params);
  return with_connection([&](Connection& c) {
    Cursor cursor = execute(c, compiled.text, params);
    return cursor.next() ? cursor.get_int64(0) : std::int64_t{0};
  });
}

void SessionImpl::load_collection(const CollectionBase& collection) {
  ObjectState& owner = *collection.owner();
  const RelationInfo& rel = *collection.relation();
  if (before_lazy_load(owner, rel)) return;
  autoflush();
  const LoadingFor into_owners_graph(*this, *owner.graph);
  const Param key{owner.model().ops.primary_key(owner)};
  const std::string& sql = statements_for(owner.model()).load_children.at(&rel);
  auto rows = with_connection([&](Connection& c) {
    Cursor cursor = execute(c, sql, {&key, 1});
    return materialize(*rel.target, cursor);
  });
  remember_result(rows, {});
  collection.erased_clear();
  collection.erased_reserve(rows.size());
  for (ObjectState* child : rows) {
    // The children's side of the relationship is known now too.
    if (!child->marked_for_delete) rel.behaviour->attach_loaded(owner, rel, *child);
  }
  collection.set_loaded(true);
}

ObjectState* SessionImpl::load_reference(const ReferenceBase& reference) {
  ObjectState& owner = *reference.owner();
  const RelationInfo& rel = *reference.relation();
  const auto key = owner.model().ops.integer(owner, rel.fk_column);
  ObjectState* target = nullptr;
  if (key) {
    // SQL only when the session does not hold the parent (and then the
    // strategy decides how).
    const LoadingFor into_owners_graph(*this, *owner.graph);
    target = reach_loaded(*rel.target, *key);
    if (target == nullptr && before_lazy_load(owner, rel)) return reference.erased_get();
    if (target == nullptr) target = get(*rel.target, *key);
    if (target != nullptr && target->marked_for_delete) target = nullptr;
  }
  reference.erased_set(target);
  reference.set_loaded(true);
  return target;
}

sql::Condition SessionImpl::children_condition(const CollectionBase& collection) {
  ObjectState& owner = *collection.owner();
  const RelationInfo& rel = *collection.relation();
  if (owner.status == ObjectStatus::pending) flush();
  if (owner.status != ObjectStatus::persistent) {
    throw InvalidRequestError(rel.name + " cannot be queried: its owner is not in the database");
  }
  return sql::Condition::compare({&rel.target->table, rel.fk_column}, sql::CompareOp::eq,
                                 Value{owner.model().ops.primary_key(owner)});
}

}  // namespace relate::detail
