// The parts of Query<T> that need no type (detail::QueryBase).

#include <algorithm>
#include <limits>
#include <string>
#include <unordered_set>

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

void QueryBase::join_relation(const ModelInfo& owner, std::uintptr_t member, std::string_view alias,
                              bool outer) {
  std::vector<sql::Join>& joins = unshared().select.joins;
  for (sql::Join& j : relation_joins(owner, member, alias, outer))
    joins.push_back(std::move(j));
}

void QueryBase::join_on(const ModelInfo& target, std::string_view alias, const sql::Condition& on,
                        bool outer) {
  unshared().select.joins.push_back(explicit_join(target.table, alias, on, outer));
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
  std::vector<ObjectState*> found =
      session_select(*s.session, *s.model, s.select, s.loads, s.populate_existing);
  if (std::any_of(s.select.joins.begin(), s.select.joins.end(),
                  [](const sql::Join& j) { return j.explicit_join; })) {
    // A join repeats a row for each joined row: each object once, where it first came.
    std::unordered_set<const ObjectState*> seen;
    std::erase_if(found, [&](const ObjectState* o) { return !seen.insert(o).second; });
  }
  return found;
}

void QueryBase::check_batches(std::int64_t n) const {
  const QueryState& s = *state_;
  if (n < 1) {
    throw InvalidRequestError("yield_per(" + std::to_string(n) + ") of " + s.model->type_name +
                              ": a batch holds at least one row");
  }
  if (s.select.limit || s.select.offset || !s.select.order_by.empty() || !s.select.joins.empty()) {
    throw InvalidRequestError("yield_per() of " + s.model->type_name +
                              " reads in primary key order: the query must have no order_by, "
                              "limit, offset or join (filter_any() filters without one)");
  }
}

std::vector<ObjectState*> QueryBase::batch_after(std::int64_t n, const ObjectState* last,
                                                 std::uint64_t& batch) const {
  QueryBase next = *this;
  QueryState& s = next.unshared();
  const sql::ColumnRef key{&s.model->table, s.model->table.primary_key};
  if (last != nullptr) {
    s.select.where.push_back(
        sql::Condition::compare(key, sql::CompareOp::gt, Value{s.model->ops.primary_key(*last)}));
  }
  s.select.order_by.push_back(sql::OrderTerm{key, false});
  s.select.limit = n;
  return session_read_batch(*s.session, batch, [&] { return next.rows(); });
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

std::vector<ObjectState*> QueryBase::page_rows(std::int64_t page, std::int64_t per_page,
                                               std::int64_t max_per_page,
                                               PageNumbers& numbers) const {
  const QueryState& s = *state_;
  const std::string what = "paginate() of " + s.model->type_name + ": ";
  if (page < 1) throw InvalidRequestError(what + "page " + std::to_string(page) + " < 1");
  if (per_page < 1 || max_per_page < 1) {
    throw InvalidRequestError(what + "per_page " + std::to_string(per_page) + " and max_per_page " +
                              std::to_string(max_per_page) + " must be at least 1");
  }
  if (s.select.limit || s.select.offset) {
    throw InvalidRequestError(what + "the query has a limit() or offset(); the page sets them");
  }
  per_page = std::min(per_page, max_per_page);
  QueryBase limited = *this;
  limited.set_limit(per_page);
  // Past the last representable offset no row can match anyway.
  constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
  limited.set_offset(page - 1 > max / per_page ? max : (page - 1) * per_page);
  std::vector<ObjectState*> rows = limited.rows();
  numbers.total = count();
  numbers.page = page;
  numbers.per_page = per_page;
  numbers.pages = numbers.total / per_page + (numbers.total % per_page != 0 ? 1 : 0);
  numbers.has_prev = page > 1;
  numbers.has_next = page < numbers.pages;
  if (numbers.has_prev) numbers.prev_num = page - 1;
  if (numbers.has_next) numbers.next_num = page + 1;
  return rows;
}

void QueryBase::require_plain_filter(std::string_view what) const {
  const QueryState& s = *state_;
  if (s.select.limit || s.select.offset || !s.select.order_by.empty() || !s.loads.empty() ||
      s.populate_existing) {
    throw InvalidRequestError(std::string(what) + " of " + s.model->type_name +
                              " rows takes a query with filters only (no limit, offset, "
                              "order_by, options or populate_existing)");
  }
}

std::int64_t QueryBase::update_rows(std::span<const sql::ColumnValue> sets) const {
  require_plain_filter("update()");
  const QueryState& s = *state_;
  for (const sql::ColumnValue& set : sets) {
    if (set.column == s.model->table.primary_key) {
      throw InvalidRequestError("update() of " + s.model->type_name +
                                " rows cannot set the primary key");
    }
  }
  return session_bulk_update(*s.session, *s.model, s.select.where, sets);
}

std::int64_t QueryBase::delete_rows() const {
  require_plain_filter("delete_rows()");
  return session_bulk_delete(*state_->session, *state_->model, state_->select.where);
}

sql::CompiledSql QueryBase::statement() const {
  return sql::compile(state_->select, session_dialect(*state_->session));
}

}  // namespace relate::detail
