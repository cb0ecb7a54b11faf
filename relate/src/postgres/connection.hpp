#pragma once
// One libpq connection and its server-side prepared statements.

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "relate/connection/driver.hpp"
#include "settings.hpp"

namespace relate::postgres {

// Frees a PGresult.
struct ResultDeleter {
  void operator()(PGresult* result) const noexcept { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

class Connection final : public driver::Connection {
 public:
  // Opens a connection. Throws ConnectionError naming `settings.target`
  // (never the password) if the server cannot be reached or refuses.
  explicit Connection(const Settings& settings);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // PQprepare under a name of its own; the statement runs with
  // PQexecPrepared and is deallocated when the Statement is destroyed.
  std::unique_ptr<driver::Statement> prepare(std::string_view sql) override;
  void execute(std::string_view sql) override;
  std::int64_t last_insert_id() const override;
  // EXPLAIN (COSTS OFF) with sequential scans disabled for the call, so that
  // a Seq Scan left in the plan means no index could serve.
  QueryPlan explain(std::string_view sql, std::span<const Param> params) override;
  // False once a statement lost the connection.
  bool healthy() const noexcept override {
    return !broken_ && PQstatus(connection_) == CONNECTION_OK;
  }
  // Also false when the server closed the connection while it was idle: the
  // socket holds its goodbye or the end of the stream. No round trip.
  bool alive() noexcept override;

  // Runs prepared statement `name` with text parameters (null pointers are
  // NULL). Returns the result of a statement that succeeded; throws the
  // relate error of one that failed.
  Result run_prepared(const std::string& name, const std::vector<const char*>& values,
                      std::string_view sql);
  // Called by a Statement being destroyed: its server-side statement is
  // deallocated before the next one is prepared.
  void release(std::string name) noexcept;

 private:
  static void on_notice(void* self, const PGresult* notice) noexcept;
  [[noreturn]] void fail(const PGresult* result, std::string_view sql);
  void deallocate_released();

  PGconn* connection_ = nullptr;
  std::string target_;
  std::uint64_t statements_named_ = 0;
  std::vector<std::string> released_;
  bool broken_ = false;
};

}  // namespace relate::postgres
