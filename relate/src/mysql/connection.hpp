#pragma once
// One Connector/C connection (MYSQL handle) with its session settings.

#include <mysql.h>

#include <cstdint>
#include <memory>
#include <string>

#include "relate/connection/driver.hpp"
#include "settings.hpp"

namespace relate::mysql {

class Connection final : public driver::Connection {
 public:
  // Opens a connection and sets up its session (UTC, utf8mb4, strict
  // sql_mode, READ COMMITTED). Throws ConnectionError naming
  // `settings.target` (never the password) if the server cannot be reached,
  // refuses, or is a MySQL / MariaDB < 10.5 where settings.requires_returning.
  explicit Connection(const Settings& settings);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A server-side prepared statement (mysql_stmt_prepare), closed when the
  // Statement is destroyed.
  std::unique_ptr<driver::Statement> prepare(std::string_view sql) override;
  // Runs `sql` as text; several statements separated by ';' are allowed.
  void execute(std::string_view sql) override;
  // The key of the last INSERT a statement of this connection ran, from
  // the server's OK packet (no round trip).
  std::int64_t last_insert_id() const override { return last_insert_id_; }
  bool healthy() const noexcept override { return !broken_; }
  // Also false when the server closed the connection while it was idle:
  // readable bytes (an error packet) or the end of the stream on the socket.
  bool alive() noexcept override;
  // EXPLAIN of the statement: one row per table read (plan_readers.hpp).
  QueryPlan explain(std::string_view sql, std::span<const Param> params) override;

  MYSQL* handle() const noexcept { return mysql_; }
  const std::string& target() const noexcept { return target_; }
  // Called by statements after a run.
  void note_insert_id(std::uint64_t id) noexcept {
    if (id != 0) last_insert_id_ = static_cast<std::int64_t>(id);
  }
  // Throws the relate error for the connection's last failure (`code`,
  // `message` taken from the handle or a statement); a lost connection marks
  // this connection broken first.
  [[noreturn]] void fail(unsigned code, const char* message, std::string_view sql);

 private:
  MYSQL* mysql_ = nullptr;
  std::string target_;
  std::int64_t last_insert_id_ = 0;
  bool broken_ = false;
};

}  // namespace relate::mysql
