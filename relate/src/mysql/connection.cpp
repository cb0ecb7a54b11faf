#include "connection.hpp"

#include <poll.h>

#include <vector>

#include "errors.hpp"
#include "relate/connection/plan_readers.hpp"
#include "relate/error.hpp"
#include "statement.hpp"

namespace relate::mysql {

namespace {

// RETURNING on INSERT and DELETE arrived in MariaDB 10.5.
constexpr unsigned long kFirstReturningMariadb = 100500;

// Every connection's session: UTC instants, strings checked against their
// columns (strict mode) with quotes as the only escape, and PostgreSQL's
// isolation level (a transaction sees what others committed before each
// statement).
// (Two statements: the isolation level's variable has a different name on
// MySQL 8 and MariaDB < 11.1.)
std::vector<std::string> session_setup(const Settings& settings) {
  std::string sql =
      "SET time_zone = '+00:00', "
      "sql_mode = 'STRICT_ALL_TABLES,NO_BACKSLASH_ESCAPES,ANSI_QUOTES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
      "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'";
  if (settings.lock_wait_timeout_seconds) {
    sql += ", innodb_lock_wait_timeout = " + std::to_string(*settings.lock_wait_timeout_seconds);
  }
  return {std::move(sql), "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED"};
}

}  // namespace

Connection::Connection(const Settings& settings) : target_(settings.target) {
  mysql_ = mysql_init(nullptr);
  if (mysql_ == nullptr) {
    throw ConnectionError("cannot connect to MySQL at " + target_ + ": out of memory");
  }
  const unsigned timeout = settings.connect_timeout_seconds;
  mysql_optionsv(mysql_, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  mysql_optionsv(mysql_, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  // A host in the URL means TCP, even "localhost" (which the library would
  // otherwise take for its default socket).
  const unsigned protocol =
      settings.unix_socket.empty() ? MYSQL_PROTOCOL_TCP : MYSQL_PROTOCOL_SOCKET;
  mysql_optionsv(mysql_, MYSQL_OPT_PROTOCOL, &protocol);
  // No option files: the URL is the whole configuration.
  const unsigned long flags = CLIENT_FOUND_ROWS | CLIENT_MULTI_STATEMENTS;
  const char* socket = settings.unix_socket.empty() ? nullptr : settings.unix_socket.c_str();
  const char* host = settings.unix_socket.empty() ? settings.host.c_str() : nullptr;
  if (mysql_real_connect(mysql_, host, settings.user.c_str(), settings.password.c_str(),
                         settings.database.c_str(), settings.port, socket, flags) == nullptr) {
    const std::string why = mysql_error(mysql_);
    mysql_close(mysql_);
    mysql_ = nullptr;
    throw ConnectionError("cannot connect to MySQL at " + target_ + ": " + why);
  }
  const unsigned long version = mysql_get_server_version(mysql_);
  const bool mariadb = mariadb_connection(mysql_) != 0;
  if (settings.requires_returning && (!mariadb || version < kFirstReturningMariadb)) {
    const std::string server = mysql_get_server_info(mysql_);
    mysql_close(mysql_);
    mysql_ = nullptr;
    throw ConnectionError("the server at " + target_ + " is " + server +
                          "; mariadb:// URLs need MariaDB 10.5 or newer (RETURNING): use "
                          "mysql:// for this server");
  }
  for (const std::string& setup : session_setup(settings)) {
    if (mysql_real_query(mysql_, setup.data(), setup.size()) != 0) {
      const std::string why = mysql_error(mysql_);
      mysql_close(mysql_);
      mysql_ = nullptr;
      throw ConnectionError("cannot set up the session on MySQL at " + target_ + ": " + why);
    }
  }
}

Connection::~Connection() {
  mysql_close(mysql_);
}

void Connection::fail(unsigned code, const char* message, std::string_view sql) {
  if (is_connection_lost(code)) broken_ = true;
  throw_statement_error(code, message ? message : "", sql, target_);
}

bool Connection::alive() noexcept {
  if (broken_) return false;
  // An idle connection receives nothing unless the server is closing it
  // (an error packet, then the end of the stream).
  const my_socket fd = mysql_get_socket(mysql_);
  pollfd p{static_cast<int>(fd), POLLIN, 0};
  if (::poll(&p, 1, 0) > 0) broken_ = true;
  return !broken_;
}

std::unique_ptr<driver::Statement> Connection::prepare(std::string_view sql) {
  MYSQL_STMT* stmt = mysql_stmt_init(mysql_);
  if (stmt == nullptr) fail(mysql_errno(mysql_), mysql_error(mysql_), sql);
  if (mysql_stmt_prepare(stmt, sql.data(), sql.size()) != 0) {
    const unsigned code = mysql_stmt_errno(stmt);
    const std::string why = mysql_stmt_error(stmt);
    mysql_stmt_close(stmt);
    fail(code, why.c_str(), sql);
  }
  return std::make_unique<Statement>(*this, stmt, std::string(sql));
}

void Connection::execute(std::string_view sql) {
  if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0) {
    fail(mysql_errno(mysql_), mysql_error(mysql_), sql);
  }
  // Each statement of a batch has its result (or its error) to take.
  for (;;) {
    if (MYSQL_RES* result = mysql_store_result(mysql_))
      mysql_free_result(result);
    else if (mysql_field_count(mysql_) != 0)
      fail(mysql_errno(mysql_), mysql_error(mysql_), sql);
    note_insert_id(mysql_insert_id(mysql_));
    const int next = mysql_next_result(mysql_);
    if (next == -1) break;
    if (next > 0) fail(mysql_errno(mysql_), mysql_error(mysql_), sql);
  }
}

QueryPlan Connection::explain(std::string_view sql, std::span<const Param> params) {
  auto statement = prepare("EXPLAIN " + std::string(sql));
  for (std::size_t i = 0; i < params.size(); ++i)
    statement->bind(i, params[i]);
  QueryPlan out;
  std::vector<plan::MysqlRow> rows;
  // Columns: id, select_type, table, type, possible_keys, key, key_len, ref, rows, Extra.
  const auto text = [&](std::size_t c) {
    return statement->is_null(c) ? std::string() : std::string(statement->get_text(c));
  };
  while (statement->step()) {
    plan::MysqlRow row{text(0), text(2), text(3), text(4), text(9)};
    out.lines.push_back(
        "id " + row.select_id + ": " + row.table + " " + row.access +
        (row.possible_keys.empty() ? "" : " (possible keys " + row.possible_keys + ")") +
        (row.extra.empty() ? "" : "; " + row.extra));
    rows.push_back(std::move(row));
  }
  out.full_scans = plan::mysql_full_scans(rows);
  out.judges_sorts = false;
  return out;
}

}  // namespace relate::mysql
