#include "relate/orm/session.hpp"

#include "database_core.hpp"
#include "session_impl.hpp"

namespace relate {

Session::Session(std::shared_ptr<detail::DatabaseCore> database)
    : impl_(std::make_unique<detail::SessionImpl>(std::move(database))) {}
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;
Session::~Session() = default;

void Session::flush() {
  impl_->flush();
}
void Session::commit() {
  impl_->commit();
}
void Session::rollback() {
  impl_->rollback();
}
void Session::close() {
  impl_->close();
}
void Session::set_autoflush(bool on) noexcept {
  impl_->autoflush_enabled = on;
}
void Session::set_expire_on_commit(bool on) noexcept {
  impl_->expire_on_commit = on;
}
void Session::expire_all() noexcept {
  impl_->expire_all();
}
void Session::set_n_plus_one(NPlusOne mode, std::uint32_t threshold) noexcept {
  impl_->set_n_plus_one(mode, threshold);
}
Savepoint Session::begin_nested() {
  return Savepoint(*impl_, impl_->begin_nested());
}

Savepoint::~Savepoint() {
  if (session_ == nullptr) return;
  try {
    session_->rollback_savepoint(id_);
  } catch (const std::exception&) {
    // The transaction was abandoned: the session says so from now on.
  }
}
void Savepoint::commit() {
  if (session_ == nullptr) throw InvalidRequestError("commit() of a moved-from Savepoint");
  session_->release_savepoint(id_);
}
void Savepoint::rollback() {
  if (session_ != nullptr) session_->rollback_savepoint(id_);
}
bool Savepoint::active() const noexcept {
  return session_ != nullptr && session_->savepoint_open(id_);
}

std::uint64_t Session::statement_count() const noexcept {
  return impl_->statement_count();
}
std::uint64_t Session::snapshot_comparisons() const noexcept {
  return impl_->snapshot_comparisons();
}

}  // namespace relate

namespace relate::detail {

Graph& session_graph(SessionImpl& session) noexcept {
  return session.graph();
}
void session_add(SessionImpl& session, ObjectState& object) {
  session.add(object);
}
void session_remove(SessionImpl& session, ObjectState& object) {
  session.remove(object);
}
void session_expunge(SessionImpl& session, ObjectState& object) {
  session.expunge(object);
}
ObjectState* session_get(SessionImpl& session, const ModelInfo& model, std::int64_t key) {
  return session.get(model, key);
}
std::vector<ObjectState*> session_select(SessionImpl& session, const ModelInfo& model,
                                         const sql::Select& select,
                                         std::span<const LoadRequest> loads,
                                         bool populate_existing) {
  return session.select(model, select, loads, populate_existing);
}
void session_refresh(SessionImpl& session, ObjectState& object) {
  session.refresh(object);
}
void session_expire(SessionImpl& session, ObjectState& object) {
  session.expire(object);
}
void session_expire_all(SessionImpl& session) noexcept {
  session.expire_all();
}
std::int64_t session_count(SessionImpl& session, const sql::Select& select) {
  return session.count(select);
}
const sql::Dialect& session_dialect(const SessionImpl& session) noexcept {
  return session.dialect();
}
sql::Condition children_condition(SessionImpl& session, const CollectionBase& collection) {
  return session.children_condition(collection);
}
std::size_t open_budget(SessionImpl& session, std::uint64_t max_statements) {
  return session.open_budget(max_statements);
}
void close_budget(SessionImpl& session, std::size_t id) noexcept {
  session.close_budget(id);
}
std::uint64_t budget_used(const SessionImpl& session, std::size_t id) noexcept {
  return session.budget_used(id);
}

}  // namespace relate::detail
