// Session::explain: a statement's plan, on the connection where the session's
// queries run (its transaction's, so that what it wrote is planned too).

#include "../sql/named_params.hpp"
#include "session_impl.hpp"

namespace relate::detail {

QueryPlan SessionImpl::explain(std::string_view sql, std::span<const Param> params) {
  require_usable();
  autoflush();
  return with_connection([&](Connection& connection) { return connection.explain(sql, params); });
}

QueryPlan SessionImpl::explain_named(std::string_view sql, std::span<const NamedValue> values) {
  const sql::BoundSql bound = sql::bind_named(sql, values, dialect());
  return explain(bound.text, bound.params);
}

QueryPlan session_explain(SessionImpl& session, const sql::CompiledSql& statement) {
  const std::vector<Param> params = to_params(statement.params);
  return session.explain(statement.text, params);
}

QueryPlan session_explain(SessionImpl& session, std::string_view sql,
                          std::span<const NamedValue> values) {
  return session.explain_named(sql, values);
}

}  // namespace relate::detail
