#include "errors.hpp"

#include "relate/error.hpp"

namespace relate::mysql {

namespace {

constexpr std::size_t kLongestSqlShown = 300;

// Server error numbers (mysqld_error.h) and client ones (errmsg.h), by name.
enum Code : unsigned {
  kNoDefaultForField = 1364,
  kBadNull = 1048,
  kDupEntry = 1062,
  kDupEntryWithKeyName = 1586,
  kRowIsReferenced = 1217,
  kNoReferencedRow = 1216,
  kRowIsReferenced2 = 1451,
  kNoReferencedRow2 = 1452,
  kCheckFailedMysql = 3819,
  kConstraintFailedMariadb = 4025,
  kLockWaitTimeout = 1205,
  kLockDeadlock = 1213,
  kLockNowait = 3572,
  kQueryInterrupted = 1317,
  kStatementTimeout = 1969,
  kDiskFull = 1021,
  kRecordFileFull = 1114,
  kOutOfResources = 1041,
  kTooManyConnections = 1040,
  kReadOnly = 1290,
  kReadOnlyTransaction = 1792,
  kDataTooLong = 1406,
  kOutOfRange = 1264,
  kTruncatedWrongValue = 1292,
  kIncorrectValue = 1366,
  kDivisionByZero = 1365,
  kInvalidCharacter = 1300,
  kServerShutdown = 1053,
  kConnectionKilled = 1927,
  kIdleSessionTimeout = 4031,
  kClientFirst = 2000,
  kServerGone = 2006,
  kServerLost = 2013,
  kServerLostExtended = 2055,
  kConnectionError = 2002,
  kConnHostError = 2003,
  kCommandsOutOfSync = 2014,
};

// The text between the first pair of quotes (', ` or ", the last under
// ANSI_QUOTES) after `marker`.
std::string quoted_after(std::string_view message, std::string_view marker) {
  std::size_t at = message.find(marker);
  if (at == std::string_view::npos) return {};
  at += marker.size();
  const std::size_t open = message.find_first_of("'`\"", at);
  if (open == std::string_view::npos) return {};
  const std::size_t close = message.find(message[open], open + 1);
  if (close == std::string_view::npos) return {};
  return std::string(message.substr(open + 1, close - open - 1));
}

// MySQL 8 names a key "table.key"; MariaDB names it "key".
std::string without_table(std::string name) {
  const std::size_t dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(dot + 1);
}

// The table an INSERT, UPDATE or DELETE writes, as its text names it.
std::string written_table(std::string_view sql) {
  for (std::string_view lead : {"INSERT INTO ", "UPDATE ", "DELETE FROM "}) {
    if (!sql.starts_with(lead)) continue;
    std::string_view rest = sql.substr(lead.size());
    if (!rest.empty() && rest.front() == '`') {
      const std::size_t close = rest.find('`', 1);
      return close == std::string_view::npos ? std::string{}
                                             : std::string(rest.substr(1, close - 1));
    }
    return std::string(rest.substr(0, rest.find_first_of(" (")));
  }
  return {};
}

}  // namespace

std::string shown(std::string_view sql) {
  if (sql.size() <= kLongestSqlShown) return std::string(sql);
  return std::string(sql.substr(0, kLongestSqlShown)) + "...";
}

bool is_connection_lost(unsigned code) noexcept {
  return code == kServerGone || code == kServerLost || code == kServerLostExtended ||
         code == kConnectionError || code == kConnHostError || code == kServerShutdown ||
         code == kConnectionKilled || code == kIdleSessionTimeout || code == kCommandsOutOfSync;
}

void throw_statement_error(unsigned code, std::string_view server_message, std::string_view sql,
                           const std::string& target, std::string_view table_name) {
  const std::string primary(server_message);
  const std::string message = "mysql: " + primary + " (error " + std::to_string(code) +
                              ") (while running: " + shown(sql) + ")";
  if (is_connection_lost(code)) {
    throw ConnectionError("mysql: lost the connection to the server at " + target + ": " + primary +
                          " (while running: " + shown(sql) + ")");
  }
  const std::string table = table_name.empty() ? written_table(sql) : std::string(table_name);
  switch (code) {
    case kDupEntry:
    case kDupEntryWithKeyName: {
      // "Duplicate entry 'ada' for key 'uq_user_username'"; the detail in
      // PostgreSQL's form, which the ORM reads the value from.
      const std::string key = without_table(quoted_after(primary, "for key"));
      throw UniqueViolation(
          message, table, key,
          "Key (" + key + ")=(" + quoted_after(primary, "entry") + ") already exists.");
    }
    case kRowIsReferenced:
    case kNoReferencedRow:
    case kRowIsReferenced2:
    case kNoReferencedRow2: {
      // "... (`db`.`comment`, CONSTRAINT `fk_comment_post_id` FOREIGN KEY ..."
      // (names in double quotes under ANSI_QUOTES, which relate sets)
      std::string child = quoted_after(primary, "`.");
      if (child.empty()) child = quoted_after(primary, "\".");
      throw ForeignKeyViolation(message, table.empty() ? child : table,
                                quoted_after(primary, "CONSTRAINT"), primary);
    }
    case kBadNull:
    case kNoDefaultForField: {
      // "Column 'title' cannot be null" / "Field 'title' doesn't have a default value"
      const std::string column = quoted_after(primary, "");
      throw NotNullViolation(message, table, table.empty() ? column : table + "." + column,
                             primary);
    }
    case kCheckFailedMysql:
    case kConstraintFailedMariadb:
      throw CheckViolation(message, table, quoted_after(primary, "constraint"), primary);
    case kLockWaitTimeout:
    case kLockNowait:
      throw LockTimeout(message);
    case kDiskFull:
    case kRecordFileFull:
      throw StorageFull(message);
    case kReadOnly:
    case kReadOnlyTransaction:
      throw ReadOnlyDatabase(message);
    case kLockDeadlock:
    case kQueryInterrupted:
    case kStatementTimeout:
    case kOutOfResources:
    case kTooManyConnections:
      throw OperationalError(message);
    case kDataTooLong:
    case kOutOfRange:
    case kTruncatedWrongValue:
    case kIncorrectValue:
    case kDivisionByZero:
    case kInvalidCharacter:
      throw DataError(message);
    default:
      break;
  }
  if (code >= kClientFirst) throw OperationalError(message);
  throw DatabaseError(message);
}

}  // namespace relate::mysql
