#pragma once
// Graphs of objects, and the many-to-many links they hold until the next
// flush. Private to relate.

#include <cstddef>
#include <memory>
#include <vector>

#include "relate/orm/object.hpp"

namespace relate::detail {

// A many-to-many link added or removed in memory, written to the association
// table at the next flush. `left` is the object whose key goes in the
// table's first column.
struct LinkChange {
  const sql::TableInfo* table;
  ObjectState* left;
  ObjectState* right;
  bool add;
};

// Objects that may refer to each other live and die together in a graph: a
// session's graph holds every object it loaded or was given, a new object
// starts in a graph of its own, and linking objects of two graphs merges
// them. Ptrs held by users keep the whole graph alive; the references
// between objects do not own anything, so they can form cycles freely.
class Graph : public std::enable_shared_from_this<Graph> {
 public:
  Graph() = default;
  ~Graph();
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  // Takes an object constructed in memory from allocate() (and destroys it).
  void adopt(ObjectState& object);
  // Memory for an object or a string, alive as long as the graph's objects.
  // Objects are allocated in chunks: one graph's objects are destroyed
  // together, and sit close together in memory while they are used.
  void* allocate(std::size_t size, std::size_t align);
  // The graph that now holds this one's objects (itself unless merged).
  Graph& root() noexcept;
  // Many-to-many links changed among the graph's objects, not yet flushed.
  std::vector<LinkChange>& link_changes() noexcept { return root().link_changes_; }
  std::size_t size() const noexcept { return objects_.size(); }
  const std::vector<ObjectState*>& objects() const noexcept { return objects_; }

  // Moves the objects of the smaller of the two graphs into the larger.
  friend void merge(Graph& a, Graph& b);

 private:
  std::vector<ObjectState*> objects_;
  std::vector<LinkChange> link_changes_;
  std::vector<std::unique_ptr<std::byte[]>> chunks_;
  std::byte* next_ = nullptr;
  std::size_t left_ = 0;
  std::size_t chunk_size_ = 0;
  std::shared_ptr<Graph> merged_into_;  // keeps the absorbing graph alive for old handles
};

// Puts a and b in one graph.
inline void merge_graphs(ObjectState& a, ObjectState& b) {
  merge(*a.graph, *b.graph);
}

}  // namespace relate::detail
