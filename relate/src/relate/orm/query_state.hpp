#pragma once
// What a Query<T> holds (relate/orm/query.hpp). Private to relate.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "relate/orm/query.hpp"
#include "relate/sql/select.hpp"

namespace relate::sql {
class Dialect;
}

namespace relate::detail {

// A loading strategy asked for by one query, for one relationship.
struct LoadRequest {
  const RelationInfo* relation;
  Load strategy;
  // For a joined load that fills the relationship from the query's
  // filter_any (contains_eager): only the related rows that match.
  std::optional<sql::Condition> only;
  // selectin with a per-parent limit: the first `per_parent` in `order`.
  std::int64_t per_parent = 0;
  std::vector<sql::OrderTerm> per_parent_order;
};

struct QueryState {
  SessionImpl* session;
  const ModelInfo* model;
  sql::Select select;
  std::vector<LoadRequest> loads;
  // filter_any(member, filter) calls, for contains_eager(member).
  struct Joined {
    std::uintptr_t member;
    sql::Condition filter;
  };
  std::vector<Joined> joins;
  bool populate_existing = false;
};

// Autoflushes, runs `select` and the eager loads `loads` ask for. With
// `populate_existing`, the rows read overwrite the objects the session holds.
std::vector<ObjectState*> session_select(SessionImpl& session, const ModelInfo& model,
                                         const sql::Select& select,
                                         std::span<const LoadRequest> loads,
                                         bool populate_existing = false);
// Autoflushes, runs a count(*) statement and returns its number.
std::int64_t session_count(SessionImpl& session, const sql::Select& select);
// Autoflushes, then runs UPDATE (DELETE) of `model`'s rows matching `where`
// in the write transaction; the objects the session holds for the rows
// written take their new values (leave as deleted). Returns the rows written.
std::int64_t session_bulk_update(SessionImpl& session, const ModelInfo& model,
                                 const std::vector<sql::Condition>& where,
                                 std::span<const sql::ColumnValue> sets);
std::int64_t session_bulk_delete(SessionImpl& session, const ModelInfo& model,
                                 const std::vector<sql::Condition>& where);
const sql::Dialect& session_dialect(const SessionImpl& session) noexcept;
// Ends the session's batch `batch` and runs rows() as the next one (see
// SessionImpl::read_batch); `batch` becomes its id.
std::vector<ObjectState*> session_read_batch(
    SessionImpl& session, std::uint64_t& batch,
    const std::function<std::vector<ObjectState*>()>& rows);

// The joins that reach the target of `owner`'s relationship in `member`
// (named `alias`): one, or the association table's and the target's for a
// many-to-many. JOIN, or LEFT OUTER JOIN when `outer`; selecting no columns.
// Throws InvalidRequestError for a member no relationship maps.
std::vector<sql::Join> relation_joins(const ModelInfo& owner, std::uintptr_t member,
                                      std::string_view alias, bool outer);
// JOIN (LEFT OUTER JOIN) table [AS alias] ON on: the query's own join.
sql::Join explicit_join(const sql::TableInfo& table, std::string_view alias,
                        const sql::Condition& on, bool outer);

}  // namespace relate::detail
