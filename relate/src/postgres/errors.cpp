#include "errors.hpp"

#include <cstring>

#include "relate/error.hpp"

namespace relate::postgres {

namespace {

constexpr std::size_t kLongestSqlShown = 300;

std::string field(const PGresult* result, int code) {
  const char* value = result ? PQresultErrorField(result, code) : nullptr;
  return value ? value : "";
}

// The statement as shown in messages: long batches are cut short.
std::string shown(std::string_view sql) {
  if (sql.size() <= kLongestSqlShown) return std::string(sql);
  return std::string(sql.substr(0, kLongestSqlShown)) + "...";
}

}  // namespace

std::string one_line(const char* message) {
  std::string out = message ? message : "";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
    out.pop_back();
  std::string flat;
  for (char c : out) {
    if (c == '\t') continue;
    flat += c == '\n' ? ' ' : c;
  }
  return flat;
}

bool says_goodbye(const PGresult* result) noexcept {
  const char* severity =
      result ? PQresultErrorField(result, PG_DIAG_SEVERITY_NONLOCALIZED) : nullptr;
  return severity && (std::strcmp(severity, "FATAL") == 0 || std::strcmp(severity, "PANIC") == 0);
}

void throw_statement_error(const PGresult* result, PGconn* connection, std::string_view sql,
                           const std::string& target) {
  const std::string state = field(result, PG_DIAG_SQLSTATE);
  std::string primary = field(result, PG_DIAG_MESSAGE_PRIMARY);
  if (primary.empty()) primary = one_line(PQerrorMessage(connection));
  const std::string detail = field(result, PG_DIAG_MESSAGE_DETAIL);
  std::string message = "postgresql: " + primary;
  if (!detail.empty()) message += " (" + detail + ")";
  message += " (while running: " + shown(sql) + ")";

  const bool lost = result == nullptr || PQstatus(connection) == CONNECTION_BAD ||
                    state.starts_with("08") || state == "57P01" || state == "57P02" ||
                    state == "57P03" || says_goodbye(result);
  if (lost) {
    throw ConnectionError("postgresql: lost the connection to the server at " + target + ": " +
                          primary + " (while running: " + shown(sql) + ")");
  }

  const std::string table = field(result, PG_DIAG_TABLE_NAME);
  std::string constraint = field(result, PG_DIAG_CONSTRAINT_NAME);
  if (state == "23505") throw UniqueViolation(message, table, constraint, detail);
  if (state == "23503") throw ForeignKeyViolation(message, table, constraint, detail);
  if (state == "23502") {
    // PostgreSQL names the column, not a constraint: say "table.column" as
    // SQLite does.
    const std::string column = field(result, PG_DIAG_COLUMN_NAME);
    if (constraint.empty() && !column.empty()) constraint = table + "." + column;
    throw NotNullViolation(message, table, constraint, detail);
  }
  if (state == "23514") throw CheckViolation(message, table, constraint, detail);
  if (state.starts_with("23")) throw IntegrityError(message, table, constraint, detail);
  if (state.starts_with("22")) throw DataError(message);
  if (state == "55P03") throw LockTimeout(message);
  if (state == "53100") throw StorageFull(message);
  if (state == "25006") throw ReadOnlyDatabase(message);
  if (state == "40001" || state == "40P01" || state == "55P03" || state == "57014" ||
      state.starts_with("53")) {
    throw OperationalError(message);
  }
  throw DatabaseError(message);
}

}  // namespace relate::postgres
