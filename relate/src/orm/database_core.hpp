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

struct ModelStatements {
  std::string select_by_key;    // SELECT <columns> FROM t WHERE t.id = ?
  std::string insert;           // the key left to the database
  std::string insert_with_key;  // an explicit key
  std::string delete_by_key;
  // For each collection this model owns: SELECT <child columns> FROM child
  // WHERE child.fk = ? [ORDER BY ...]
  std::unordered_map<const RelationInfo*, std::string> load_children;
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
};

}  // namespace relate::detail
