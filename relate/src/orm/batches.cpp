// Query::yield_per's batches: each read into a graph of its own, which
// leaves the session when the next batch is read (see session_impl.hpp).

#include <algorithm>

#include "session_impl.hpp"

namespace relate::detail {

std::vector<ObjectState*> SessionImpl::read_batch(
    std::uint64_t& batch, const std::function<std::vector<ObjectState*>()>& rows) {
  end_batch(batch);
  auto graph = std::make_shared<Graph>();
  batch = ++next_batch_;
  batch_graphs_.emplace_back(batch, graph);
  const LoadingFor into_batch(*this, *graph);
  return rows();
}

void SessionImpl::end_batch(std::uint64_t batch) {
  const auto entry = std::find_if(batch_graphs_.begin(), batch_graphs_.end(),
                                  [&](const auto& b) { return b.first == batch; });
  if (entry == batch_graphs_.end()) return;
  const std::shared_ptr<Graph> graph = entry->second;
  batch_graphs_.erase(entry);
  // Merged with the session's objects (or with another batch): they are
  // the session's now, and stay.
  if (&graph->root() != graph.get() || &graph_->root() == graph.get()) return;
  if (holds_changes(*graph)) {
    merge(*graph_, *graph);
    return;
  }
  for (ObjectState* o : graph->objects()) {
    if (o->session != this) continue;
    identity_.erase(&o->model(), o->model().ops.primary_key(*o));
    o->session = nullptr;
    o->status = ObjectStatus::detached;
    o->result = 0;
  }
  // The query results that named only these objects (the batch's and the
  // loads for it) are empty now; the last ones go.
  for (auto& result : results_) {
    if (!result->objects.empty() &&
        std::all_of(result->objects.begin(), result->objects.end(),
                    [&](const ObjectState* o) { return o->graph == graph.get(); })) {
      result->objects.clear();
      result->lazy_loads.clear();
    }
  }
  while (!results_.empty() && results_.back()->objects.empty())
    results_.pop_back();
}

bool SessionImpl::holds_changes(Graph& graph) const noexcept {
  const auto in_graph = [&](const std::vector<ObjectState*>& list) {
    return std::any_of(list.begin(), list.end(),
                       [&](const ObjectState* o) { return &o->graph->root() == &graph; });
  };
  if (!graph.link_changes().empty()) return true;
  if (in_graph(pending_) || in_graph(deleted_) || in_graph(touched_) ||
      in_graph(written_inserted_) || in_graph(written_updated_) || in_graph(written_deleted_))
    return true;
  for (const auto& [child, relation] : orphans_) {
    if (&child->graph->root() == &graph) return true;
  }
  for (const SavepointState& savepoint : savepoints_) {
    for (const auto& [object, snapshot] : savepoint.saved) {
      if (&object->graph->root() == &graph) return true;
    }
  }
  return false;
}

std::vector<LinkChange>& SessionImpl::link_changes() {
  // Links changed among a batch's objects are written with the rest: the
  // batch joins the session's graph.
  for (const auto& [id, graph] : batch_graphs_) {
    if (&graph->root() != &graph_->root() && !graph->root().link_changes().empty())
      merge(*graph_, *graph);
  }
  return graph().link_changes();
}

std::vector<ObjectState*> session_read_batch(
    SessionImpl& session, std::uint64_t& batch,
    const std::function<std::vector<ObjectState*>()>& rows) {
  return session.read_batch(batch, rows);
}

}  // namespace relate::detail
