// The unit of work's ordering half (unit_of_work.hpp).

#include "unit_of_work.hpp"

#include <algorithm>
#include <unordered_set>

#include "kinds/behaviour.hpp"
#include "session_impl.hpp"
#include "sync.hpp"

namespace relate::detail {

class Planner final : public DeleteCascade {
 public:
  Planner(SessionImpl& session, bool everything) : s_(session), everything_(everything) {}

  FlushPlan plan() {
    // (Objects reached through relationships were added to the session when
    // they were linked, so the save-update cascade is already done.)
    cascade_deletes();
    FlushPlan plan;
    plan.inserts = by_depth(s_.pending_, false);
    plan.updates = updates_by_depth(update_candidates());
    plan.deletes = by_depth(s_.deleted_, true);
    order_self_references(plan.inserts, false);
    order_self_references(plan.deletes, true);
    plan.links = !s_.link_changes().empty();
    return plan;
  }

 private:
  // Persistent objects that may need an UPDATE: every object in the session
  // for a full flush, else those reached since the last flush.
  std::vector<FlushPlan::Update> update_candidates() {
    std::vector<FlushPlan::Update> out;
    const auto consider = [&](ObjectState* o) {
      if (o->status != ObjectStatus::persistent || o->session != &s_ || o->marked_for_delete)
        return;
      const ColumnMask changed = s_.compare_with_snapshot(*o);
      if (!o->links.empty() || changed != 0) out.push_back({o, changed});
    };
    if (everything_) {
      s_.identity_.for_each(consider);
    } else {
      for (const auto& o : s_.touched_)
        consider(o);
    }
    return out;
  }

  // Parents first, keeping their order within a depth.
  static std::vector<FlushPlan::Update> updates_by_depth(std::vector<FlushPlan::Update> updates) {
    std::stable_sort(updates.begin(), updates.end(), [](const auto& a, const auto& b) {
      return a.object->model().depth < b.object->model().depth;
    });
    return updates;
  }

  // `objects` ordered by their model's depth (parents first, or children
  // first when `children_first`), keeping their order within a depth. A
  // counting sort: depths are few and small.
  static std::vector<ObjectState*> by_depth(const std::vector<ObjectState*>& objects,
                                            bool children_first) {
    int deepest = 0;
    bool sorted = true;
    for (std::size_t i = 0; i < objects.size(); ++i) {
      const int d = objects[i]->model().depth;
      deepest = std::max(deepest, d);
      if (i > 0) {
        const int before = objects[i - 1]->model().depth;
        sorted = sorted && (children_first ? before >= d : before <= d);
      }
    }
    if (sorted) return objects;
    const auto rank = [&](const ObjectState* o) {
      const int d = o->model().depth;
      return static_cast<std::size_t>(children_first ? deepest - d : d);
    };
    std::vector<std::size_t> start(static_cast<std::size_t>(deepest) + 2, 0);
    for (const ObjectState* o : objects)
      ++start[rank(o) + 1];
    for (std::size_t i = 1; i < start.size(); ++i)
      start[i] += start[i - 1];
    std::vector<ObjectState*> out(objects.size());
    for (ObjectState* o : objects)
      out[start[rank(o)]++] = o;
    return out;
  }

  // Within a model that refers to itself (a reply to a comment), a row's
  // parent is inserted before it and deleted after it: objects already in
  // model order are ordered by their depth in the tree they form in memory.
  void order_self_references(std::vector<ObjectState*>& objects, bool children_first) const {
    const bool any = std::any_of(objects.begin(), objects.end(), [](const ObjectState* o) {
      return !o->model().self_references.empty();
    });
    if (!any) return;
    const auto parent_of = [&](const ObjectState& o) -> const ObjectState* {
      for (const std::size_t column : o.model().self_references) {
        if (const ParentLink* link = find_link(o, column)) {
          if (link->parent != nullptr) return link->parent;
        } else if (children_first) {
          const auto key = o.model().ops.snapshot_integer(o, column);
          if (const ObjectState* p = key ? s_.find_loaded(o.model(), *key) : nullptr) return p;
        }
      }
      return nullptr;
    };
    std::vector<std::pair<long, ObjectState*>> keyed;
    keyed.reserve(objects.size());
    for (ObjectState* o : objects) {
      long tree = 0;  // ancestors, bounded in case of a cycle
      for (const ObjectState* p = parent_of(*o); p != nullptr && tree < 1000; p = parent_of(*p))
        ++tree;
      const long model_rank = o->model().depth;
      keyed.emplace_back(children_first ? -(model_rank * 1000 + tree) : model_rank * 1000 + tree,
                         o);
    }
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < objects.size(); ++i)
      objects[i] = keyed[i].second;
  }

  // Delete cascades and delete-orphan, to a fixed point: deleting an object
  // deletes (or unlinks) its children, orphans are deleted.
  void cascade_deletes() {
    std::unordered_set<const ObjectState*> done;
    bool changed = true;
    while (changed) {
      changed = false;
      for (std::size_t i = 0; i < s_.deleted_.size(); ++i) {
        ObjectState* object = s_.deleted_[i];
        if (!done.insert(object).second) continue;
        changed = true;
        for (const RelationInfo* rel : object->model().relations)
          rel->behaviour->cascade_delete(s_, *this, *object, *rel);
      }
      auto orphans = std::move(s_.orphans_);
      s_.orphans_.clear();
      for (auto& [child, rel] : orphans) {
        if (child->session != &s_ || child->marked_for_delete) continue;
        const ParentLink* link = find_link(*child, rel->fk_column);
        if (link == nullptr || link->parent != nullptr) continue;  // re-parented since
        mark_deleted(*child);
        changed = true;
      }
    }
  }

  void mark_deleted(ObjectState& object) override {
    if (object.status == ObjectStatus::pending) {
      s_.expunge(object);
    } else if (!object.marked_for_delete) {
      object.marked_for_delete = true;
      s_.deleted_.push_back(&object);
    }
  }

  SessionImpl& s_;
  bool everything_;
};

FlushPlan plan_flush(SessionImpl& session, bool everything) {
  return Planner(session, everything).plan();
}

}  // namespace relate::detail
