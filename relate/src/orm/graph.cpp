// Graphs: the ownership of objects that refer to each other.

#include "relate/orm/object.hpp"

namespace relate::detail {

Graph::~Graph() {
  // Objects refer to each other without owning: destroy them all at once.
  objects_.clear();
}

Graph& Graph::root() noexcept {
  Graph* g = this;
  while (g->merged_into_)
    g = g->merged_into_.get();
  return *g;
}

ObjectState& Graph::adopt(std::unique_ptr<ObjectState> object) {
  Graph& into = root();
  object->graph = &into;
  into.objects_.push_back(std::move(object));
  return *into.objects_.back();
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
  into.objects_.reserve(into.objects_.size() + from.objects_.size());
  for (auto& o : from.objects_) {
    o->graph = &into;
    into.objects_.push_back(std::move(o));
  }
  from.objects_.clear();
  from.merged_into_ = into.shared_from_this();
}

}  // namespace relate::detail
