#include "connection.hpp"

#include <poll.h>

#include <charconv>
#include <cstring>

#include "errors.hpp"
#include "relate/connection/plan_readers.hpp"
#include "relate/error.hpp"
#include "statement.hpp"

namespace relate::postgres {

namespace {

// Identity columns need PostgreSQL 10.
constexpr int kOldestServer = 100000;

}  // namespace

Connection::Connection(const Settings& settings) : target_(settings.target) {
  std::vector<const char*> keywords, values;
  for (std::size_t i = 0; i < settings.keywords.size(); ++i) {
    keywords.push_back(settings.keywords[i].c_str());
    values.push_back(settings.values[i].c_str());
  }
  keywords.push_back(nullptr);
  values.push_back(nullptr);
  connection_ = PQconnectdbParams(keywords.data(), values.data(), 0);
  if (connection_ == nullptr) {
    throw ConnectionError("cannot connect to PostgreSQL at " + target_ + ": out of memory");
  }
  if (PQstatus(connection_) != CONNECTION_OK) {
    const std::string why = one_line(PQerrorMessage(connection_));
    PQfinish(connection_);
    connection_ = nullptr;
    throw ConnectionError("cannot connect to PostgreSQL at " + target_ + ": " + why);
  }
  if (PQserverVersion(connection_) < kOldestServer) {
    const int version = PQserverVersion(connection_);
    PQfinish(connection_);
    connection_ = nullptr;
    throw ConnectionError("the PostgreSQL server at " + target_ + " is version " +
                          std::to_string(version) + "; relate needs 10 or newer");
  }
  PQsetNoticeReceiver(connection_, &Connection::on_notice, this);
}

Connection::~Connection() {
  PQfinish(connection_);
}

void Connection::on_notice(void* self, const PGresult* notice) noexcept {
  // Notices are dropped (client_min_messages keeps them few), but an error
  // that arrives while the connection is idle is the server saying why it
  // is about to close it (libpq hands it here): the connection is done.
  if (says_goodbye(notice)) static_cast<Connection*>(self)->broken_ = true;
}

bool Connection::alive() noexcept {
  if (!healthy()) return false;
  // Nothing should arrive on an idle connection; if something did, read it:
  // a server shutting down sends FATAL (see on_notice), then closes. Twice,
  // because one read may take the message and leave the end of the stream.
  for (int reads = 0; reads < 2 && !broken_; ++reads) {
    pollfd fd{PQsocket(connection_), POLLIN, 0};
    if (::poll(&fd, 1, 0) <= 0) break;
    // PQconsumeInput fails at the end of the stream; PQisBusy parses what
    // was read, handing an error to on_notice.
    if (PQconsumeInput(connection_) == 0) broken_ = true;
    (void)PQisBusy(connection_);
    if (PQstatus(connection_) != CONNECTION_OK) broken_ = true;
  }
  return !broken_;
}

void Connection::fail(const PGresult* result, std::string_view sql) {
  try {
    throw_statement_error(result, connection_, sql, target_);
  } catch (const ConnectionError&) {
    broken_ = true;
    throw;
  }
}

void Connection::release(std::string name) noexcept {
  try {
    released_.push_back(std::move(name));
  } catch (...) {
    // Out of memory: the server keeps the statement until the connection closes.
  }
}

void Connection::deallocate_released() {
  if (released_.empty()) return;
  // DEALLOCATE fails in a transaction aborted by an error: try again later.
  const PGTransactionStatusType status = PQtransactionStatus(connection_);
  if (status != PQTRANS_IDLE && status != PQTRANS_INTRANS) return;
  std::string sql;
  for (const auto& name : released_)
    sql += "DEALLOCATE " + name + ";";
  released_.clear();
  Result result{PQexec(connection_, sql.c_str())};
  if (result == nullptr || PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    fail(result.get(), sql);
  }
}

std::unique_ptr<driver::Statement> Connection::prepare(std::string_view sql) {
  deallocate_released();
  std::string name = "relate_" + std::to_string(++statements_named_);
  std::string text(sql);
  Result result{PQprepare(connection_, name.c_str(), text.c_str(), 0, nullptr)};
  if (result == nullptr || PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    fail(result.get(), sql);
  }
  return std::make_unique<Statement>(*this, std::move(name), std::move(text));
}

Result Connection::run_prepared(const std::string& name, const std::vector<const char*>& values,
                                std::string_view sql) {
  Result result{PQexecPrepared(connection_, name.c_str(), static_cast<int>(values.size()),
                               values.data(), nullptr, nullptr, 0)};
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) fail(result.get(), sql);
  return result;
}

void Connection::execute(std::string_view sql) {
  const std::string text(sql);
  Result result{PQexec(connection_, text.c_str())};
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(result.get(), sql);
  // COMMIT of a transaction that an error aborted does not fail: it rolls
  // back and says so in its tag. Nothing was kept, so say it loudly.
  if (sql == "COMMIT" && std::strcmp(PQcmdStatus(result.get()), "ROLLBACK") == 0) {
    throw OperationalError(
        "postgresql: COMMIT rolled the transaction back: an earlier statement in it had failed, "
        "so none of its changes were kept");
  }
}

QueryPlan Connection::explain(std::string_view sql, std::span<const Param> params) {
  QueryPlan out;
  execute("SET enable_seqscan = off");
  try {
    auto statement = prepare("EXPLAIN (COSTS OFF) " + std::string(sql));
    for (std::size_t i = 0; i < params.size(); ++i)
      statement->bind(i, params[i]);
    while (statement->step())
      out.lines.emplace_back(statement->get_text(0));
  } catch (...) {
    // In a transaction the failure has aborted it, and RESET would fail too.
    if (PQtransactionStatus(connection_) == PQTRANS_IDLE) execute("RESET enable_seqscan");
    throw;
  }
  execute("RESET enable_seqscan");
  out.full_scans = plan::postgres_full_scans(out.lines);
  return out;
}

std::int64_t Connection::last_insert_id() const {
  Result result{PQexec(connection_, "SELECT lastval()")};
  if (result == nullptr || PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
    throw_statement_error(result.get(), connection_, "SELECT lastval()", target_);
  }
  const char* text = PQgetvalue(result.get(), 0, 0);
  std::int64_t id = 0;
  std::from_chars(text, text + std::strlen(text), id);
  return id;
}

}  // namespace relate::postgres
