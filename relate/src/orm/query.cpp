// The parts of Query<T> that need no type (detail::QueryBase).

#include <algorithm>

#include "relate/orm/model_info.hpp"
#include "relate/orm/query_state.hpp"
#include "relate/sql/compiler.hpp"

namespace relate::detail {

QueryBase::QueryBase(SessionImpl& session, const ModelInfo& model)
    : state_(std::make_shared<QueryState>(QueryState{&session, &model, {}, {}, {}, false})) {
  state_->select.table = &model.table;
}

QueryState& QueryBase::unshared() {
  if (state_.use_count() > 1) state_ = std::make_shared<QueryState>(*state_);
  return *state_;
}

void QueryBase::add_filter(const sql::Condition& condition) {
  unshared().select.where.push_back(condition);
}

void QueryBase::add_order(const sql::OrderTerm& term) {
  unshared().select.order_by.push_back(term);
}

void QueryBase::set_limit(std::int64_t n) {
  unshared().select.limit = n;
}

void QueryBase::set_offset(std::int64_t n) {
  unshared().select.offset = n;
}

void QueryBase::add_join(std::uintptr_t member, const sql::Condition& filter) {
  unshared().joins.push_back(QueryState::Joined{member, filter});
}

void QueryBase::add_option(std::uintptr_t member, Load strategy, bool from_join,
                           std::int64_t per_parent,
                           const std::vector<sql::OrderTerm>& per_parent_order) {
  QueryState& s = unshared();
  const RelationInfo* rel = find_relation(*s.model, member);
  if (rel == nullptr) throw_unmapped_option(*s.model);
  std::erase_if(s.loads, [&](const LoadRequest& r) { return r.relation == rel; });
  LoadRequest request{rel, strategy, std::nullopt, per_parent, per_parent_order};
  if (from_join) {
    for (const QueryState::Joined& j : s.joins) {
      if (j.member == member) request.only = j.filter;
    }
  }
  s.loads.push_back(std::move(request));
}

void QueryBase::set_populate_existing() {
  unshared().populate_existing = true;
}

std::vector<ObjectState*> QueryBase::rows() const {
  const QueryState& s = *state_;
  return session_select(*s.session, *s.model, s.select, s.loads, s.populate_existing);
}

ObjectState* QueryBase::first_row() const {
  QueryBase limited = *this;
  // At most one row, and none when the query's own limit is 0.
  limited.set_limit(std::min<std::int64_t>(state_->select.limit.value_or(1), 1));
  const std::vector<ObjectState*> found = limited.rows();
  return found.empty() ? nullptr : found.front();
}

ObjectState* QueryBase::only_row(bool required) const {
  QueryBase limited = *this;
  limited.set_limit(std::min<std::int64_t>(state_->select.limit.value_or(2), 2));
  const std::vector<ObjectState*> found = limited.rows();
  if (found.size() > 1) {
    throw MultipleResultsFound("more than one " + state_->model->type_name +
                               " matched a query that expects one (Query::one)");
  }
  if (found.empty() && required) {
    throw NoResultFound("no " + state_->model->type_name + " matched the query (Query::one)");
  }
  return found.empty() ? nullptr : found.front();
}

std::int64_t QueryBase::count() const {
  sql::Select select = state_->select;
  select.shape = sql::Select::Shape::count;
  select.order_by.clear();  // the number does not depend on the order
  return session_count(*state_->session, select);
}

sql::CompiledSql QueryBase::statement() const {
  return sql::compile(state_->select, session_dialect(*state_->session));
}

}  // namespace relate::detail
