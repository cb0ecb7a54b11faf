// The unit of work's writing half (persistence.hpp): a flush plan turned
// into statements, inside the session's write transaction. Parents are
// inserted before their children, then updates run, then children are
// deleted before their parents. Where the dialect allows, the new objects
// of one model are inserted by multi-row INSERTs (one round trip per batch)
// rather than one per row. The SQL comes from each model's statements,
// compiled once per database and column set (database_core.hpp).

#include "persistence.hpp"

#include <algorithm>
#include <unordered_map>

#include "database_core.hpp"
#include "errors.hpp"
#include "kinds/behaviour.hpp"
#include "relate/error.hpp"
#include "relate/sql/compiler.hpp"
#include "session_impl.hpp"
#include "sync.hpp"

namespace relate::detail {

namespace {

constexpr ColumnMask all_columns(const ModelInfo& m) {
  const std::size_t n = m.table.columns.size();
  return n >= 64 ? ~ColumnMask{0} : (ColumnMask{1} << n) - 1;
}

ColumnMask foreign_key_columns(const ModelInfo& m) {
  ColumnMask mask = 0;
  for (const ForeignKeyTarget& fk : m.foreign_keys)
    mask |= ColumnMask{1} << fk.column;
  return mask;
}

}  // namespace

class Persistence {
 public:
  explicit Persistence(SessionImpl& session) : s_(session) {}

  void write(const FlushPlan& plan) {
    // Values are checked before anything is written (no statement for a
    // value that cannot fit). Any failure, a busy BEGIN included, fails the
    // flush: SessionImpl::run_flush rolls the transaction back.
    for (const auto& o : plan.inserts)
      o->model().ops.check_lengths(*o, all_columns(o->model()));
    for (const auto& u : plan.updates)
      u.object->model().ops.check_lengths(*u.object, u.changed);

    s_.begin_write();
    Connection& connection = **s_.transaction_;
    for (const auto& u : plan.updates)
      release_unique_keys(connection, *u.object, false);
    for (const auto& o : plan.deletes)
      release_unique_keys(connection, *o, true);
    if (s_.dialect().max_rows_per_insert() > 1) {
      insert_in_batches(connection, plan.inserts);
    } else {
      for (const auto& o : plan.inserts)
        insert(connection, *o);
    }
    for (const auto& u : plan.updates)
      update(connection, *u.object, u.changed);
    write_links(connection);
    for (const auto& o : plan.deletes)
      erase(connection, *o);
  }

 private:
  // The many-to-many links added and removed in memory since the last
  // flush, as rows of their association tables: the net change of each
  // link (adding then removing a link never written writes nothing). Links
  // of an object being deleted go with its row.
  void write_links(Connection& connection) {
    const std::vector<LinkChange>& changes = s_.link_changes();
    if (changes.empty()) return;
    struct Net {
      bool first;
      bool last;
    };
    std::vector<std::pair<const LinkChange*, Net>> nets;
    std::unordered_map<const ObjectState*, std::vector<std::size_t>> by_left;
    for (const LinkChange& c : changes) {
      auto& candidates = by_left[c.left];
      const auto same = std::find_if(candidates.begin(), candidates.end(), [&](std::size_t i) {
        return nets[i].first->table == c.table && nets[i].first->right == c.right;
      });
      if (same == candidates.end()) {
        candidates.push_back(nets.size());
        nets.push_back({&c, Net{c.add, c.add}});
      } else {
        nets[*same].second.last = c.add;
      }
    }
    for (const auto& [change, net] : nets) {
      if (net.first != net.last) continue;  // cancelled out
      ObjectState* ends[] = {change->left, change->right};
      bool going = false;
      for (ObjectState* end : ends) {
        going = going || end->marked_for_delete || end->status == ObjectStatus::deleted;
        if (end->status != ObjectStatus::persistent && !going) {
          throw InvalidRequestError(
              "a many-to-many link in " + change->table->name + " names a " +
              end->model().type_name +
              " that is not saved in this session (add it, or remove it from the collection)");
        }
      }
      if (going) continue;
      params_.clear();
      params_.emplace_back(change->left->model().ops.primary_key(*change->left));
      params_.emplace_back(change->right->model().ops.primary_key(*change->right));
      const LinkStatements& sql = s_.database_->link_statements(*change->table);
      s_.execute(connection, net.last ? sql.insert : sql.remove, params_).run();
    }
  }

  // A one-to-one's unique foreign key passing from one object to another:
  // the object that lets go of it (changed or deleted) clears it first, so
  // that the table never holds the key twice (UNIQUE is checked per
  // statement, and the new holder may be written before it).
  void release_unique_keys(Connection& connection, ObjectState& object, bool deleting) {
    const ModelInfo& m = object.model();
    for (const ForeignKeyTarget& fk : m.foreign_keys) {
      const sql::ColumnInfo& column = m.table.columns[fk.column];
      if (!column.unique || !column.nullable) continue;
      const auto old = m.ops.snapshot_integer(object, fk.column);
      if (!old) continue;
      if (!deleting) {
        std::optional<std::int64_t> now = m.ops.integer(object, fk.column);
        if (const ParentLink* link = find_link(object, fk.column)) {
          now = link->parent == nullptr ? std::nullopt
                : link->parent->status == ObjectStatus::persistent
                    ? std::optional(link->parent->model().ops.primary_key(*link->parent))
                    : std::optional<std::int64_t>(0);  // a new parent: a key not yet known
        }
        if (now == old) continue;
      }
      params_.clear();
      params_.emplace_back(std::monostate{});
      params_.emplace_back(m.ops.primary_key(object));
      s_.execute(connection, s_.statements_for(m).update(ColumnMask{1} << fk.column), params_)
          .run();
    }
  }

  // Applies the parents assigned in memory to the foreign keys; returns the
  // columns it set.
  ColumnMask apply_links(ObjectState& object) {
    ColumnMask mask = 0;
    const ModelInfo& m = object.model();
    object.links.for_each([&](const ParentLink& link) {
      std::optional<std::int64_t> key;
      if (link.parent != nullptr) {
        if (link.parent->status != ObjectStatus::persistent) {
          throw InvalidRequestError(m.type_name + " refers to a " + link.parent->model().type_name +
                                    " that is not saved in this session (add it, or clear the "
                                    "reference) so " +
                                    m.table.name + "." + m.table.columns[link.fk_column].name +
                                    " cannot be set");
        }
        key = link.parent->model().ops.primary_key(*link.parent);
      }
      m.ops.set_integer(object, link.fk_column, key);
      mask |= ColumnMask{1} << link.fk_column;
    });
    object.links.clear();
    return mask;
  }

  // Defaults a new row takes in memory: time points declared default_now,
  // and version 1 of a versioned row.
  static void apply_insert_defaults(ObjectState& object) {
    const ModelInfo& m = object.model();
    m.ops.apply_insert_defaults(object);
    if (const auto version = m.table.version_column;
        version && m.ops.integer(object, *version).value_or(0) == 0)
      m.ops.set_integer(object, *version, 1);
  }

  void insert(Connection& connection, ObjectState& object) {
    const ModelInfo& m = object.model();
    const ColumnMask linked = apply_links(object);
    apply_insert_defaults(object);
    const std::int64_t given_key = m.ops.primary_key(object);
    ColumnMask columns = all_columns(m);
    if (given_key == 0) columns &= ~(ColumnMask{1} << m.table.primary_key);
    params_.clear();
    m.ops.params(object, columns, params_);
    const ModelStatements& st = s_.statements_for(m);
    const std::string& sql = given_key == 0 ? st.insert : st.insert_with_key;

    std::int64_t key = given_key;
    try {
      Cursor cursor = s_.execute(connection, sql, params_);
      if (s_.dialect().returns_new_keys()) {
        if (cursor.next()) key = cursor.get_int64(0);
        cursor.run();
      } else {
        cursor.run();
        if (given_key == 0) key = connection.last_insert_id();
      }
    } catch (const IntegrityError& e) {
      ObjectState* const one[] = {&object};
      explain_integrity_error(e, one, WriteKind::insert, connection, s_.dialect());
    }
    inserted(object, key, linked);
  }

  // Inserts `objects` (ordered parents first) in as few statements as the
  // dialect allows: the objects of one depth do not refer to each other
  // (but for a model referring to itself), so they are grouped by model
  // and each group is written as multi-row INSERTs.
  void insert_in_batches(Connection& connection, const std::vector<ObjectState*>& objects) {
    std::vector<std::vector<ObjectState*>> groups;
    std::size_t begin = 0;
    while (begin < objects.size()) {
      const int depth = objects[begin]->model().depth;
      std::size_t end = begin;
      groups.clear();
      for (; end < objects.size() && objects[end]->model().depth == depth; ++end) {
        ObjectState* o = objects[end];
        auto group = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
          return &g.front()->model() == &o->model();
        });
        if (group == groups.end()) {
          groups.emplace_back().push_back(o);
        } else {
          group->push_back(o);
        }
      }
      for (const auto& group : groups)
        insert_group(connection, group);
      begin = end;
    }
  }

  // Objects of one model, in add order.
  void insert_group(Connection& connection, const std::vector<ObjectState*>& objects) {
    const ModelInfo& m = objects.front()->model();
    // A table with nothing but its key has no multi-row form ("DEFAULT VALUES").
    const std::size_t limit =
        m.table.columns.size() > 1 ? sql::max_rows_per_insert(m.table, s_.dialect()) : 1;
    std::vector<ObjectState*> batch;
    for (ObjectState* o : objects) {
      // An object whose parent is not written yet (one of this batch, for a
      // model referring to itself) waits for the batch, which gives it a key.
      const bool waits = !batch.empty() && (batch.size() == limit || has_unsaved_parent(*o));
      if (waits) {
        insert_batch(connection, batch);
        batch.clear();
      }
      if (limit == 1 || m.ops.primary_key(*o) != 0) {
        insert(connection, *o);  // an explicit key: nothing to return
      } else {
        batch.push_back(o);
      }
    }
    if (!batch.empty()) insert_batch(connection, batch);
  }

  static bool has_unsaved_parent(const ObjectState& object) {
    bool unsaved = false;
    object.links.for_each([&](const ParentLink& link) {
      unsaved =
          unsaved || (link.parent != nullptr && link.parent->status != ObjectStatus::persistent);
    });
    return unsaved;
  }

  // One INSERT for new objects of one model, all with keys left to the database.
  void insert_batch(Connection& connection, const std::vector<ObjectState*>& batch) {
    if (batch.size() == 1) {
      insert(connection, *batch.front());
      return;
    }
    const ModelInfo& m = batch.front()->model();
    const ColumnMask columns = all_columns(m) & ~(ColumnMask{1} << m.table.primary_key);
    std::vector<ColumnMask> linked;
    linked.reserve(batch.size());
    params_.clear();
    for (ObjectState* o : batch) {
      linked.push_back(apply_links(*o));
      apply_insert_defaults(*o);
      m.ops.params(*o, columns, params_);
    }
    const std::string sql = sql::insert_many_sql(m.table, batch.size(), s_.dialect());
    std::vector<std::int64_t> keys;
    keys.reserve(batch.size());
    try {
      Cursor cursor = s_.execute(connection, sql, params_);
      while (cursor.next())
        keys.push_back(cursor.get_int64(0));
    } catch (const IntegrityError& e) {
      explain_integrity_error(e, batch, WriteKind::insert, connection, s_.dialect());
    }
    if (keys.size() != batch.size()) {
      throw DatabaseError("INSERT of " + std::to_string(batch.size()) + " " + m.type_name +
                          " rows returned " + std::to_string(keys.size()) + " keys");
    }
    // The rows drew their keys in order (see insert_many_sql).
    std::sort(keys.begin(), keys.end());
    for (std::size_t i = 0; i < batch.size(); ++i)
      inserted(*batch[i], keys[i], linked[i]);
  }

  // Bookkeeping once `object`'s row is written with `key`; `linked` are the
  // foreign keys its relationships set.
  void inserted(ObjectState& object, std::int64_t key, ColumnMask linked) {
    const ModelInfo& m = object.model();
    m.ops.set_primary_key(object, key);
    object.status = ObjectStatus::persistent;
    s_.identity_.slot(&m, key) = &object;
    s_.written_inserted_.push_back(&object);
    sync_foreign_keys(object, foreign_key_columns(m) & ~linked, true);
    m.ops.take_snapshot(object);
    for (const RelationInfo* rel : m.relations)
      rel->behaviour->after_insert(object, *rel);
  }

  // `planned`: the columns that differed from the snapshot when the flush
  // was planned (compared again only if parents assigned in memory changed
  // foreign keys since).
  void update(Connection& connection, ObjectState& object, ColumnMask planned) {
    const ModelInfo& m = object.model();
    const ColumnMask linked = apply_links(object);
    ColumnMask changed = linked != 0 ? s_.compare_with_snapshot(object) : planned;
    if (changed == 0) return;
    // A versioned row: SET version = read + 1 ... WHERE id = ? AND version = read.
    const std::optional<std::size_t> version = m.table.version_column;
    std::optional<std::int64_t> read_version;
    if (version) {
      read_version = m.ops.snapshot_integer(object, *version);
      m.ops.set_integer(object, *version, read_version.value_or(0) + 1);
      changed |= ColumnMask{1} << *version;
    }
    params_.clear();
    m.ops.params(object, changed, params_);
    params_.emplace_back(m.ops.primary_key(object));
    if (version) params_.emplace_back(read_version.value_or(0));
    const std::string& sql = s_.statements_for(m).update(changed);
    std::int64_t rows = 0;
    try {
      rows = s_.execute(connection, sql, params_).run();
    } catch (const IntegrityError& e) {
      ObjectState* const one[] = {&object};
      explain_integrity_error(e, one, WriteKind::update, connection, s_.dialect());
    }
    if (rows == 0) {
      throw StaleDataError(
          "UPDATE of " + m.type_name + " " + std::to_string(m.ops.primary_key(object)) +
          (version ? " at version " + std::to_string(read_version.value_or(0)) +
                         " matched no row: another session or process changed or deleted it "
                         "since this session read it (roll back, read it again and retry)"
                   : " matched no row: it was deleted by another session or process"));
    }
    s_.note_updated(object);
    sync_foreign_keys(object, changed & foreign_key_columns(m) & ~linked, false);
    m.ops.take_snapshot(object);
  }

  void erase(Connection& connection, ObjectState& object) {
    const ModelInfo& m = object.model();
    const Param key{m.ops.primary_key(object)};
    try {
      s_.execute(connection, s_.statements_for(m).delete_by_key, {&key, 1}).run();
    } catch (const IntegrityError& e) {
      ObjectState* const one[] = {&object};
      explain_integrity_error(e, one, WriteKind::remove, connection, s_.dialect());
    }
    s_.forget_deleted_row(object);
  }

  // After a foreign key was written from the field itself (not from a
  // relationship assignment), moves the object between its parents' loaded
  // collections and points its reference at the new parent.
  void sync_foreign_keys(ObjectState& object, ColumnMask columns, bool inserted) {
    if (columns == 0) return;
    const ModelInfo& m = object.model();
    for (const RelationInfo* collection : m.child_collections) {
      if (!(columns >> collection->fk_column & 1U)) continue;
      const auto old_key =
          inserted ? std::nullopt : m.ops.snapshot_integer(object, collection->fk_column);
      const auto new_key = m.ops.integer(object, collection->fk_column);
      ObjectState* old_parent = old_key ? s_.find_loaded(*collection->owner, *old_key) : nullptr;
      ObjectState* new_parent = new_key ? s_.find_loaded(*collection->owner, *new_key) : nullptr;
      if (old_parent == new_parent) continue;
      if (old_parent != nullptr) {
        CollectionBase& c = collection_of(*old_parent, *collection);
        if (c.loaded()) c.erased_remove(object);
      }
      if (new_parent != nullptr) {
        CollectionBase& c = collection_of(*new_parent, *collection);
        if (c.loaded() && !c.erased_contains(object)) c.erased_push(object);
      }
    }
    for (const RelationInfo* rel : m.relations)
      rel->behaviour->key_written(s_, object, *rel, columns);
  }

  SessionImpl& s_;
  std::vector<Param> params_;
};

void write_plan(SessionImpl& session, const FlushPlan& plan) {
  Persistence(session).write(plan);
}

}  // namespace relate::detail
