// The parts of SelectQuery that need no type (detail::SelectBase).

#include <algorithm>

#include "relate/orm/query_state.hpp"
#include "relate/orm/select_query.hpp"
#include "session_impl.hpp"

namespace relate::detail {

struct SelectState {
  SessionImpl* session = nullptr;
  sql::Select select{};
};

SelectBase::SelectBase(SessionImpl* session, const ModelInfo& root, std::string_view alias,
                       std::vector<sql::Expression> columns)
    : state_(std::make_shared<SelectState>()) {
  state_->session = session;
  state_->select.table = &root.table;
  state_->select.alias = alias;
  state_->select.shape = sql::Select::Shape::columns;
  state_->select.columns = std::move(columns);
}

SelectState& SelectBase::unshared() {
  if (state_.use_count() > 1) state_ = std::make_shared<SelectState>(*state_);
  return *state_;
}

void SelectBase::add_where(const sql::Condition& condition) {
  unshared().select.where.push_back(condition);
}

void SelectBase::add_having(const sql::Condition& condition) {
  unshared().select.having.push_back(condition);
}

void SelectBase::add_group(const sql::Expression& e) {
  unshared().select.group_by.push_back(e);
}

void SelectBase::add_order(const sql::OrderTerm& term) {
  unshared().select.order_by.push_back(term);
}

void SelectBase::set_limit(std::int64_t n) {
  unshared().select.limit = n;
}

void SelectBase::set_offset(std::int64_t n) {
  unshared().select.offset = n;
}

void SelectBase::set_distinct() {
  unshared().select.distinct = true;
}

void SelectBase::join_relation(const ModelInfo& owner, std::uintptr_t member,
                               std::string_view alias, bool outer) {
  std::vector<sql::Join>& joins = unshared().select.joins;
  for (sql::Join& j : relation_joins(owner, member, alias, outer))
    joins.push_back(std::move(j));
}

void SelectBase::join_on(const ModelInfo& target, std::string_view alias, const sql::Condition& on,
                         bool outer) {
  unshared().select.joins.push_back(explicit_join(target.table, alias, on, outer));
}

namespace {

SessionImpl& session_of(const SelectState& s) {
  if (s.session == nullptr) {
    throw InvalidRequestError(
        "relate::select(...) has no session: run it as s.select(...), or use it as a subquery "
        "(exists, in_, scalar)");
  }
  return *s.session;
}

void run_select(const SelectState& s, const sql::Select& select, std::size_t columns,
                const std::function<void(const Cursor&)>& row) {
  SessionImpl& session = session_of(s);
  session.autoflush();
  session.for_each_row(select, [&](const Cursor& cursor) {
    if (cursor.column_count() != columns) throw_result_columns(cursor, columns);
    row(cursor);
  });
}

}  // namespace

void SelectBase::run(std::size_t columns, const std::function<void(const Cursor&)>& row) const {
  run_select(*state_, state_->select, columns, row);
}

void SelectBase::run_limited(std::int64_t limit, std::size_t columns,
                             const std::function<void(const Cursor&)>& row) const {
  sql::Select select = state_->select;
  select.limit = std::min(select.limit.value_or(limit), limit);
  run_select(*state_, select, columns, row);
}

sql::CompiledSql SelectBase::statement() const {
  return sql::compile(state_->select, session_dialect(session_of(*state_)));
}

std::shared_ptr<const sql::Select> SelectBase::subquery() const {
  return std::make_shared<const sql::Select>(state_->select);
}

void SelectBase::throw_rows(bool many) {
  if (many) throw MultipleResultsFound("more than one row matched a select() that expects one");
  throw NoResultFound("no row matched a select() that expects one");
}

}  // namespace relate::detail
