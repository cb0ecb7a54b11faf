// Savepoints (Session::begin_nested): SAVEPOINT / RELEASE / ROLLBACK TO in
// the session's write transaction, and the undo in memory of what was
// written after one.

#include <algorithm>

#include "relate/sql/compiler.hpp"
#include "session_impl.hpp"
#include "sync.hpp"

namespace relate::detail {

namespace {

std::size_t index_of(const auto& savepoints, std::uint64_t id) noexcept {
  const auto it = std::find_if(savepoints.begin(), savepoints.end(),
                               [&](const auto& sp) { return sp.id == id; });
  return static_cast<std::size_t>(it - savepoints.begin());
}

}  // namespace

void SessionImpl::run_control(const std::string& sql) {
  ++statements_;
  (*transaction_)->execute_script(sql);
}

std::uint64_t SessionImpl::begin_nested() {
  require_usable();
  flush();
  fail_on_database_error([&] { begin_write(); });
  SavepointState sp{
      next_savepoint_++, "", written_inserted_.size(), written_deleted_.size(), {}, {}, {}};
  sp.name = "relate_savepoint_" + std::to_string(sp.id + 1);
  fail_on_database_error(
      [&] { run_control(sql::savepoint_sql(sql::SavepointStep::begin, sp.name, dialect())); });
  savepoints_.push_back(std::move(sp));
  return savepoints_.back().id;
}

bool SessionImpl::savepoint_open(std::uint64_t id) const noexcept {
  return index_of(savepoints_, id) < savepoints_.size();
}

void SessionImpl::release_savepoint(std::uint64_t id) {
  if (!savepoint_open(id)) {
    throw InvalidRequestError(
        "this savepoint has ended (committed, rolled back, or the session's transaction "
        "ended); it cannot be committed");
  }
  require_usable();
  flush();
  const std::size_t index = index_of(savepoints_, id);
  fail_on_database_error([&] {
    run_control(
        sql::savepoint_sql(sql::SavepointStep::release, savepoints_[index].name, dialect()));
  });
  // What it (and those opened after it) kept of the objects written belongs
  // to the enclosing savepoint now, after that one's own records.
  if (index > 0) {
    SavepointState& parent = savepoints_[index - 1];
    for (std::size_t i = index; i < savepoints_.size(); ++i) {
      for (auto& [object, copy] : savepoints_[i].saved) {
        if (parent.saved_objects.insert(object).second)
          parent.saved.emplace_back(object, std::move(copy));
      }
    }
  }
  savepoints_.resize(index);
}

void SessionImpl::rollback_savepoint(std::uint64_t id) {
  const std::size_t index = index_of(savepoints_, id);
  if (index == savepoints_.size()) return;
  SavepointState& sp = savepoints_[index];
  // A failure rolled back to it already (and undid memory then).
  const bool done = index + 1 == savepoints_.size() && !sp.failure.empty();
  if (!done) {
    try {
      run_control(sql::savepoint_sql(sql::SavepointStep::rollback, sp.name, dialect()));
    } catch (const std::exception& e) {
      abandon_transaction(e.what());
      throw;
    }
    undo_to_savepoint(index);
  }
  savepoints_.resize(index);
}

void SessionImpl::fail_statement(std::string_view failure) noexcept {
  if (savepoints_.empty() || !transaction_) {
    abandon_transaction(failure);
    return;
  }
  SavepointState& innermost = savepoints_.back();
  if (!innermost.failure.empty()) return;  // it refused the statement
  try {
    run_control(sql::savepoint_sql(sql::SavepointStep::rollback, innermost.name, dialect()));
  } catch (const std::exception& e) {
    abandon_transaction(e.what());
    return;
  }
  undo_to_savepoint(savepoints_.size() - 1);
  innermost.failure = failure.empty() ? std::string("an unknown error") : std::string(failure);
}

void SessionImpl::undo_to_savepoint(std::size_t index) noexcept {
  const SavepointState& sp = savepoints_[index];
  forget_inserted_since(sp.inserted_mark);
  restore_deleted_since(sp.deleted_mark);
  // Unflushed changes were all made after it (it began with a flush).
  for (ObjectState* o : touched_) {
    if (o->status == ObjectStatus::persistent) o->model().ops.restore_snapshot(*o);
  }
  drop_unflushed();
  // The values at the savepoint, the earliest record last (an inner
  // savepoint's records come after its parent's).
  for (std::size_t i = savepoints_.size(); i-- > index;) {
    SavepointState& inner = savepoints_[i];
    for (auto it = inner.saved.rbegin(); it != inner.saved.rend(); ++it) {
      ObjectState& o = *it->first;
      if (o.status != ObjectStatus::persistent) continue;
      o.model().ops.put_snapshot(o, it->second.get());
      o.model().ops.restore_snapshot(o);
    }
    inner.saved.clear();
    inner.saved_objects.clear();
  }
  // Relationships load again from what the database holds now.
  identity_.for_each([](ObjectState* o) {
    o->links.clear();
    expire_relations(*o);
  });
}

}  // namespace relate::detail
