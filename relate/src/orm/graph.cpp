// Graphs: the ownership of objects that refer to each other; and the
// parent links an object keeps until the next flush.

#include "relate/orm/graph.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace relate::detail {

namespace {
// Chunks grow from small (a request's session holds a few objects) to large.
constexpr std::size_t kFirstChunk = 4 * 1024;
constexpr std::size_t kLargestChunk = 256 * 1024;
}  // namespace

void ParentLinks::set(std::size_t fk_column, ObjectState* parent) {
  if (const ParentLink* found = find(fk_column)) {
    const_cast<ParentLink*>(found)->parent = parent;
  } else if (!first_) {
    first_ = ParentLink{fk_column, parent};
  } else {
    if (!more_) more_ = std::make_unique<std::vector<ParentLink>>();
    more_->push_back(ParentLink{fk_column, parent});
  }
}

const ParentLink* ParentLinks::find(std::size_t fk_column) const noexcept {
  if (first_ && first_->fk_column == fk_column) return &*first_;
  if (more_) {
    for (const ParentLink& link : *more_) {
      if (link.fk_column == fk_column) return &link;
    }
  }
  return nullptr;
}

void ParentLinks::clear() noexcept {
  first_.reset();
  more_.reset();
}

Graph::~Graph() {
  // Objects refer to each other without owning: destroy them all at once.
  for (ObjectState* o : objects_)
    o->~ObjectState();
}

Graph& Graph::root() noexcept {
  Graph* g = this;
  while (g->merged_into_)
    g = g->merged_into_.get();
  return *g;
}

void* Graph::allocate(std::size_t size, std::size_t align) {
  auto address = reinterpret_cast<std::uintptr_t>(next_);
  std::size_t padding = (align - address % align) % align;
  if (next_ == nullptr || padding + size > left_) {
    const std::size_t grown =
        chunks_.empty() ? kFirstChunk : std::min(kLargestChunk, 2 * chunk_size_);
    chunk_size_ = std::max(grown, size + align);
    chunks_.push_back(std::make_unique_for_overwrite<std::byte[]>(chunk_size_));
    const std::size_t chunk = chunk_size_;
    next_ = chunks_.back().get();
    left_ = chunk;
    address = reinterpret_cast<std::uintptr_t>(next_);
    padding = (align - address % align) % align;
  }
  std::byte* out = next_ + padding;
  next_ = out + size;
  left_ -= padding + size;
  return out;
}

void Graph::adopt(ObjectState& object) {
  Graph& into = root();
  into.objects_.push_back(&object);
  object.graph = &into;
}

void* graph_allocate(Graph& graph, std::size_t size, std::size_t align) {
  return graph.root().allocate(size, align);
}

void graph_adopt(Graph& graph, ObjectState& object) {
  graph.adopt(object);
}

std::string_view graph_store(Graph& graph, std::string_view text) {
  if (text.empty()) return {};
  auto* bytes = static_cast<char*>(graph.root().allocate(text.size(), 1));
  std::memcpy(bytes, text.data(), text.size());
  return {bytes, text.size()};
}

std::shared_ptr<Graph> new_graph() {
  return std::make_shared<Graph>();
}

std::shared_ptr<Graph> graph_of(const ObjectState& object) {
  return object.graph->shared_from_this();
}

void merge(Graph& a, Graph& b) {
  Graph& ra = a.root();
  Graph& rb = b.root();
  if (&ra == &rb) return;
  Graph& into = ra.size() >= rb.size() ? ra : rb;
  Graph& from = &into == &ra ? rb : ra;
  for (ObjectState* o : from.objects_)
    o->graph = &into;
  into.objects_.insert(into.objects_.end(), from.objects_.begin(), from.objects_.end());
  from.objects_.clear();
  into.link_changes_.insert(into.link_changes_.end(), from.link_changes_.begin(),
                            from.link_changes_.end());
  from.link_changes_.clear();
  // The absorbed chunks stay allocated until the absorbing graph goes.
  for (auto& chunk : from.chunks_)
    into.chunks_.push_back(std::move(chunk));
  from.chunks_.clear();
  from.next_ = nullptr;
  from.left_ = 0;
  from.merged_into_ = into.shared_from_this();
}

}  // namespace relate::detail
