#pragma once
// The identity map: one object per (model, primary key) in a session. One
// open-addressing table per model, entries of two words, no allocation per
// entry: every row a session loads goes through it.

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace relate::detail {

struct ModelInfo;
class ObjectState;

class IdentityMap {
 public:
  // The object for (model, key), or null.
  ObjectState* find(const ModelInfo* model, std::int64_t key) const noexcept;
  // The slot for (model, key), inserting an empty one (null object) if new.
  // The reference is valid until the next call to slot().
  ObjectState*& slot(const ModelInfo* model, std::int64_t key);
  void erase(const ModelInfo* model, std::int64_t key) noexcept;
  void clear() noexcept { tables_.clear(); }
  // Whether it may hold objects of `model` (false: surely none).
  bool holds_any(const ModelInfo* model) const noexcept {
    const Table* table = table_of(model);
    return table != nullptr && table->size() > 0;
  }

  // Calls f(object) for every object.
  template <class F>
  void for_each(F&& f) const {
    for (const auto& [model, table] : tables_)
      table.for_each(f);
  }

 private:
  // Keys of one model.
  class Table {
   public:
    ObjectState* find(std::int64_t key) const noexcept;
    ObjectState*& slot(std::int64_t key);
    void erase(std::int64_t key) noexcept;
    std::size_t size() const noexcept { return size_; }
    template <class F>
    void for_each(F&& f) const {
      for (const Entry& e : entries_) {
        if (live(e)) f(e.object);
      }
    }

   private:
    struct Entry {
      std::int64_t key = 0;
      ObjectState* object = nullptr;  // null: empty; erased(): a deleted entry
    };
    static ObjectState* erased() noexcept;
    static bool live(const Entry& e) noexcept {
      return e.object != nullptr && e.object != erased();
    }
    std::size_t index_of(std::int64_t key) const noexcept;
    void grow();

    std::vector<Entry> entries_;  // size is 0 or a power of two
    std::size_t size_ = 0;        // live entries
    std::size_t used_ = 0;        // live and erased entries
  };

  const Table* table_of(const ModelInfo* model) const noexcept;
  Table& table_for(const ModelInfo* model);

  // A session touches a handful of models: a short list beats a map.
  std::vector<std::pair<const ModelInfo*, Table>> tables_;
};

}  // namespace relate::detail
