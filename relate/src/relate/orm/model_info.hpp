#pragma once
// The run-time description of a mapped model that the (non-template) session
// works from: its table, its relationships, and a table of operations on its
// objects. Built once per model (src/orm/model_facts.cpp) from the facts its
// mapping gives (relate/orm/model_builder.hpp); private to relate.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relate/connection/connection.hpp"
#include "relate/orm/fwd.hpp"
#include "relate/orm/model_builder.hpp"
#include "relate/sql/table.hpp"
#include "relate/value.hpp"

namespace relate::detail {

class ObjectState;
class RelationMember;
class RelationBehaviour;
class Graph;

// One side of a relationship: the member that holds it and how it joins.
struct RelationInfo {
  std::string name;  // "Post.comments", for messages
  RelationKind kind = RelationKind::many_to_one;
  unsigned cascade = 0;  // cascade_flags
  Load loading = Load::select;
  bool passive_deletes = false;  // trust the database's ON DELETE to remove or unlink children

  // Resolved when models are configured:
  const RelationBehaviour* behaviour = nullptr;  // what the kind does (src/orm/kinds)
  const ModelInfo* owner = nullptr;              // the model whose member this is
  const ModelInfo* target = nullptr;             // the model of the related objects
  const ModelInfo* child = nullptr;              // the model holding the foreign key
  const RelationInfo* reverse = nullptr;
  std::string alias;  // for the target's table inside a statement on the owner's (self-reference)

  std::size_t fk_column = 0;  // in child's table (not for many-to-many)
  // Many-to-many: the association table, and which of its two columns holds
  // the owner's key (the other holds the target's).
  const sql::TableInfo* link = nullptr;
  std::size_t link_owner_column = 0;
  struct Order {
    std::size_t column;
    bool descending;
  };
  std::vector<Order> order_by;  // target columns, for collections

  // Generated from the mapping:
  RelationMember& (*member)(ObjectState& owner) = nullptr;
  const void* member_id = nullptr;       // identifies the member (for pairing)
  std::uintptr_t member_offset = 0;      // the member pointer's bits (for query options)
  const void* back_populates = nullptr;  // member_id of the declared other side
  ModelThunk owner_model = nullptr;
  ModelThunk target_model = nullptr;
  bool is_backref = false;  // created by the other side's backref(...)
};

// Operations on objects of one model: loops over its columns' typed
// operations (ColumnOps), and the model's own typed ones.
struct ModelOps {
  // A new object with default values, in `graph`, not yet bound to a session.
  ObjectState& (*create)(Graph& graph) = nullptr;
  // Reads the current row's columns into the object and its snapshot.
  void (*read)(ObjectState&, const Cursor&) = nullptr;
  // Appends the parameters of the columns in `columns`, in column order.
  void (*params)(const ObjectState&, ColumnMask columns, std::vector<Param>& out) = nullptr;
  // Columns whose value differs from the snapshot.
  ColumnMask (*changed)(const ObjectState&) = nullptr;
  // Snapshot := current values.
  void (*take_snapshot)(ObjectState&) = nullptr;
  // Current values := snapshot (discarding unflushed changes).
  void (*restore_snapshot)(ObjectState&) = nullptr;
  // Keeps a copy of the snapshot as it was before this transaction's first
  // write, and puts it back on rollback; forget on commit.
  void (*save_original)(ObjectState&) = nullptr;
  void (*restore_original)(ObjectState&) = nullptr;
  void (*forget_original)(ObjectState&) = nullptr;
  // A copy of the snapshot; snapshot := a copy (the members are left to the
  // caller): what a savepoint keeps of an object written after it.
  std::shared_ptr<const void> (*copy_snapshot)(const ObjectState&) = nullptr;
  void (*put_snapshot)(ObjectState&, const void* copy) = nullptr;
  std::int64_t (*primary_key)(const ObjectState&) = nullptr;
  void (*set_primary_key)(ObjectState&, std::int64_t) = nullptr;
  // An integer column's value (foreign keys), current or as snapshot.
  std::optional<std::int64_t> (*integer)(const ObjectState&, std::size_t column) = nullptr;
  std::optional<std::int64_t> (*snapshot_integer)(const ObjectState&, std::size_t column) = nullptr;
  // Sets a foreign key column; throws InvalidRequestError for NULL on a
  // column that cannot hold it.
  void (*set_integer)(ObjectState&, std::size_t column, std::optional<std::int64_t>) = nullptr;
  // Fills time points declared default_now that are still zero.
  void (*apply_insert_defaults)(ObjectState&) = nullptr;
  // Throws ValueTooLong for a string longer than its varchar length.
  void (*check_lengths)(const ObjectState&, ColumnMask columns) = nullptr;
  // A short description of a column's value, for error messages.
  std::string (*describe_column)(const ObjectState&, std::size_t column) = nullptr;
};

struct ForeignKeyTarget {
  std::size_t column;         // in this model
  ModelThunk target;          // the referenced model
  std::size_t target_column;  // in the referenced model
};

struct ModelInfo {
  std::size_t id = 0;     // position in the registry, for per-model tables
  std::string type_name;  // the C++ type, for messages
  sql::TableInfo table;
  ModelOps ops;
  std::vector<ColumnOps> columns;  // one per table column, from the mapping
  // Snapshot := the one saved before the transaction wrote (the columns follow).
  void (*restore_original_snapshot)(ObjectState&) = nullptr;
  std::vector<ForeignKeyTarget> foreign_keys;
  // Relationships declared in this model's mapping, including those its
  // backrefs create on other models.
  std::vector<std::unique_ptr<RelationInfo>> declared;

  // Resolved when models are configured:
  std::vector<RelationInfo*> relations;  // every relation whose member is in this model
  // Collections (in any model) whose children are objects of this model.
  std::vector<const RelationInfo*> child_collections;
  std::vector<const ModelInfo*> depends_on;  // models this one's foreign keys reference
  std::vector<std::size_t> self_references;  // columns whose foreign key references this model
  // (child model, fk column) pairs referencing this model, for diagnostics.
  std::vector<std::pair<const ModelInfo*, std::size_t>> referenced_by;
  int depth = 0;  // flush order: parents (lower depth) are inserted first
  bool configured = false;
};

// The association table declared at `key` (an AssociationTable object),
// built on first request: two NOT NULL foreign keys (ON DELETE CASCADE),
// together the primary key. The registry owns it for the program's life.
const sql::TableInfo* register_link_table(const void* key, std::string_view name,
                                          std::string_view left_column,
                                          std::string_view right_column, ModelThunk left,
                                          ModelThunk right);

struct LinkTableInfo {
  const sql::TableInfo* table;
  const ModelInfo* left;
  const ModelInfo* right;
};
// Every association table, with its two models (configured).
std::vector<LinkTableInfo> registered_link_tables();

// Registers a model built from its mapping's facts and returns it (the
// registry owns it for the program's life). register_model(ModelFacts), in
// model_builder.hpp, builds the info and calls this.
ModelInfo& register_model(std::unique_ptr<ModelInfo> info);

// Resolves the links between every registered model (foreign-key targets,
// relationship pairs, backrefs, flush order), once: the first Database or
// the first object made does it, and the result is immutable, safe to read
// from any thread. Cheap once done; thread-safe. Throws InvalidRequestError
// for a mapping that cannot work (a cycle of foreign keys, a member mapped
// twice).
void ensure_configured();
// Throws InvalidRequestError for a model registered after configuration.
void require_configured(const ModelInfo& model);

// The relationship held in the member whose pointer has bits `member_offset`
// (see member_offset()), or null.
const RelationInfo* find_relation(const ModelInfo& model, std::uintptr_t member_offset);
// Throws InvalidRequestError: a loading option names no mapped relationship.
[[noreturn]] void throw_unmapped_option(const ModelInfo& model);

// Every registered model (configured).
const std::vector<ModelInfo*>& registered_models();

// The errors of the column operations (src/orm/errors.cpp).
[[noreturn]] void throw_null_column(const ModelInfo& model, std::size_t column);
[[noreturn]] void throw_not_nullable(const ModelInfo& model, std::size_t column);
[[noreturn]] void throw_too_long(const ModelInfo& model, std::size_t column, std::size_t length,
                                 std::size_t limit);
std::size_t utf8_length(std::string_view s) noexcept;

}  // namespace relate::detail
