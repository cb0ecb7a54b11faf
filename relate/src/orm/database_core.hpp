#pragma once
// What a Database shares with its sessions: the engine, and the SQL text of
// each model's routine statements, compiled once per database (dialect).

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "relate/connection/engine.hpp"
#include "relate/orm/model_info.hpp"

namespace relate::detail {

class ModelStatements {
 public:
  ModelStatements(const ModelInfo& model, const sql::Dialect& dialect);

  std::string select_by_key;    // SELECT <columns> FROM t WHERE t.id = ?
  std::string insert;           // the key left to the database
  std::string insert_with_key;  // an explicit key
  std::string delete_by_key;
  // For each relationship this model owns that loads by a statement of its
  // own: SELECT <related columns> ... WHERE <owner's key> = ? [ORDER BY ...]
  std::unordered_map<const RelationInfo*, std::string> load_children;

  // UPDATE t SET <the columns in `columns`> WHERE t.id = ?, compiled on the
  // first request for that set of columns. Thread-safe; the reference stays
  // valid for the life of this object.
  const std::string& update(ColumnMask columns) const;

 private:
  const ModelInfo* model_;
  const sql::Dialect* dialect_;
  mutable std::mutex mutex_;
  mutable std::unordered_map<ColumnMask, std::string> updates_;
};

// The link rows of an association table: INSERT (left, right) and DELETE
// WHERE left = ? AND right = ?.
struct LinkStatements {
  std::string insert;
  std::string remove;
};

// Thread-safe.
class DatabaseCore {
 public:
  explicit DatabaseCore(std::shared_ptr<Engine> engine);

  Engine& engine() const noexcept { return *engine_; }

  // The N+1 detector's settings for new sessions.
  std::atomic<NPlusOne> n_plus_one{NPlusOne::warn};
  std::atomic<std::uint32_t> n_plus_one_threshold{10};

  // Reports a warning to the handler, or to stderr when there is none.
  void warn(const std::string& message) const;
  void set_warning_handler(std::function<void(std::string_view)> handler);

  // The association table's statements, compiled on first request.
  // Thread-safe; the reference stays valid for the life of this object.
  const LinkStatements& link_statements(const sql::TableInfo& table);

  // The model's statements, compiled on first request. The reference stays
  // valid for the life of this object. Lock-free once compiled.
  const ModelStatements& statements(const ModelInfo& model) {
    if (model.id < slot_count_) {
      if (const ModelStatements* s = slots_[model.id].load(std::memory_order_acquire)) return *s;
    }
    return compile(model);
  }

 private:
  const ModelStatements& compile(const ModelInfo& model);

  std::shared_ptr<Engine> engine_;
  mutable std::mutex warning_mutex_;
  std::shared_ptr<const std::function<void(std::string_view)>> warning_handler_;
  // Indexed by ModelInfo::id, for the models registered when the database
  // opened (in practice all of them); later ones go through the map.
  std::size_t slot_count_;
  std::unique_ptr<std::atomic<const ModelStatements*>[]> slots_;
  std::mutex mutex_;
  std::unordered_map<const ModelInfo*, std::unique_ptr<ModelStatements>> statements_;
  std::unordered_map<const sql::TableInfo*, std::unique_ptr<LinkStatements>> links_;
};

}  // namespace relate::detail
