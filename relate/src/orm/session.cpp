#include "relate/orm/session.hpp"

#include "database_core.hpp"

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
void Session::set_n_plus_one(NPlusOne mode, std::uint32_t threshold) noexcept {
  impl_->set_n_plus_one(mode, threshold);
}
std::uint64_t Session::statement_count() const noexcept {
  return impl_->statement_count();
}

}  // namespace relate
