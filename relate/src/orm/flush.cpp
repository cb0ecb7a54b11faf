// The flush: the unit of work's plan (unit_of_work.hpp), written by
// persistence (persistence.hpp).

#include <exception>

#include "persistence.hpp"
#include "session_impl.hpp"

namespace relate::detail {

namespace {

// Marks the session as flushing for the scope (a flush does not recurse).
class Flushing {
 public:
  explicit Flushing(bool& flag) noexcept : flag_(flag) { flag_ = true; }
  ~Flushing() { flag_ = false; }
  Flushing(const Flushing&) = delete;
  Flushing& operator=(const Flushing&) = delete;

 private:
  bool& flag_;
};

}  // namespace

void SessionImpl::run_flush(bool everything) {
  const Flushing scope{flushing_};
  try {
    const FlushPlan plan = plan_flush(*this, everything);
    if (!plan.empty()) {
      write_plan(*this, plan);
      pending_.clear();
      deleted_.clear();
      orphans_.clear();
      link_changes().clear();
    }
  } catch (const std::exception& e) {
    // As SQLAlchemy: whatever failed, the caller must see it and call
    // rollback() (inside begin_nested(): end the savepoint, which this rolled
    // back to) before the session does anything more.
    fail_statement(e.what());
    throw;
  } catch (...) {
    fail_statement({});
    throw;
  }
  for (auto& o : touched_)
    o->touched = false;
  touched_.clear();
}

void SessionImpl::flush() {
  require_usable();
  if (!flushing_) run_flush(true);
}

void SessionImpl::autoflush() {
  if (!autoflush_enabled || flushing_) return;
  if (pending_.empty() && deleted_.empty() && touched_.empty() && orphans_.empty() &&
      link_changes().empty())
    return;
  run_flush(false);
}

ColumnMask SessionImpl::compare_with_snapshot(const ObjectState& object) {
  ++snapshot_comparisons_;
  return object.model().ops.changed(object);
}

}  // namespace relate::detail
