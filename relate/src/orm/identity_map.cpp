#include "identity_map.hpp"

namespace relate::detail {

namespace {

std::size_t spread(std::int64_t key) noexcept {
  // Keys are mostly auto-increment integers, and rows often arrive in key
  // order: keeping neighbouring keys in neighbouring slots keeps the table
  // walk in cache. High bits are folded in so that strided keys still spread.
  const auto k = static_cast<std::uint64_t>(key);
  return static_cast<std::size_t>(k ^ (k >> 20) ^ (k >> 40));
}

// A distinct address that is never an object.
char erased_marker;

}  // namespace

ObjectState* IdentityMap::Table::erased() noexcept {
  return reinterpret_cast<ObjectState*>(&erased_marker);
}

std::size_t IdentityMap::Table::index_of(std::int64_t key) const noexcept {
  return spread(key) & (entries_.size() - 1);
}

ObjectState* IdentityMap::Table::find(std::int64_t key) const noexcept {
  if (entries_.empty()) return nullptr;
  for (std::size_t i = index_of(key);; i = (i + 1) & (entries_.size() - 1)) {
    const Entry& e = entries_[i];
    if (e.object == nullptr) return nullptr;
    if (e.key == key && e.object != erased()) return e.object;
  }
}

ObjectState*& IdentityMap::Table::slot(std::int64_t key) {
  if ((used_ + 1) * 4 > entries_.size() * 3) grow();
  Entry* reusable = nullptr;
  for (std::size_t i = index_of(key);; i = (i + 1) & (entries_.size() - 1)) {
    Entry& e = entries_[i];
    if (e.object == nullptr) {
      Entry& target = reusable != nullptr ? *reusable : e;
      if (&target == &e) ++used_;
      target.key = key;
      target.object = nullptr;
      ++size_;
      return target.object;
    }
    if (e.object == erased()) {
      if (reusable == nullptr) reusable = &e;
    } else if (e.key == key) {
      return e.object;
    }
  }
}

void IdentityMap::Table::erase(std::int64_t key) noexcept {
  if (entries_.empty()) return;
  for (std::size_t i = index_of(key);; i = (i + 1) & (entries_.size() - 1)) {
    Entry& e = entries_[i];
    if (e.object == nullptr) return;
    if (e.key == key && e.object != erased()) {
      e.object = erased();
      --size_;
      return;
    }
  }
}

void IdentityMap::Table::grow() {
  std::vector<Entry> old = std::move(entries_);
  // Double when full of live entries; otherwise this just drops tombstones.
  std::size_t capacity = old.empty() ? 64 : old.size();
  while ((size_ + 1) * 2 > capacity)
    capacity *= 2;
  entries_.assign(capacity, Entry{});
  size_ = 0;
  used_ = 0;
  for (const Entry& e : old) {
    if (live(e)) slot(e.key) = e.object;
  }
}

const IdentityMap::Table* IdentityMap::table_of(const ModelInfo* model) const noexcept {
  for (const auto& [m, table] : tables_) {
    if (m == model) return &table;
  }
  return nullptr;
}

IdentityMap::Table& IdentityMap::table_for(const ModelInfo* model) {
  for (auto& [m, table] : tables_) {
    if (m == model) return table;
  }
  return tables_.emplace_back(model, Table{}).second;
}

ObjectState* IdentityMap::find(const ModelInfo* model, std::int64_t key) const noexcept {
  const Table* table = table_of(model);
  return table != nullptr ? table->find(key) : nullptr;
}

ObjectState*& IdentityMap::slot(const ModelInfo* model, std::int64_t key) {
  return table_for(model).slot(key);
}

void IdentityMap::erase(const ModelInfo* model, std::int64_t key) noexcept {
  for (auto& [m, table] : tables_) {
    if (m == model) table.erase(key);
  }
}

}  // namespace relate::detail
