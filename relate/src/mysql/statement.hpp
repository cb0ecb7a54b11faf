#pragma once
// A server-side prepared statement (the binary protocol). Parameters are
// bound by type; a statement's rows are all read into the client on its
// first step (mysql_stmt_store_result), so that the connection is free for
// the next statement while a cursor is open, as on the other backends.

#include <mysql.h>

#include <cstdint>
#include <string>
#include <vector>

#include "connection.hpp"
#include "relate/connection/driver.hpp"

namespace relate::mysql {

class Statement final : public driver::Statement {
 public:
  // `stmt` was prepared on `connection` for `sql`; the statement owns it and
  // the connection must outlive it.
  Statement(Connection& connection, MYSQL_STMT* stmt, std::string sql);
  ~Statement() override;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(std::size_t index, const Param& value) override;
  bool step() override;
  void reset() noexcept override;

  bool is_null(std::size_t column) const override;
  std::int64_t get_int64(std::size_t column) const override;
  double get_double(std::size_t column) const override;
  std::string_view get_text(std::size_t column) const override;
  Timestamp get_timestamp(std::size_t column) const override;
  std::size_t column_count() const override { return columns_.size(); }
  std::string_view column_name(std::size_t column) const override;
  std::int64_t rows_affected() const override { return rows_affected_; }

 private:
  // A bound parameter's storage: the MYSQL_BIND points into it.
  struct Parameter {
    std::int64_t integer = 0;
    double real = 0;
    std::string text;
    MYSQL_TIME time{};
    my_bool null = 1;
  };
  // A result column's buffer, read as its own kind.
  struct Column {
    enum class Kind { integer, real, time, text } kind = Kind::text;
    std::string name;
    std::int64_t integer = 0;
    double real = 0;
    MYSQL_TIME time{};
    std::vector<char> text;
    unsigned long length = 0;
    my_bool null = 0;
    my_bool error = 0;
    mutable std::string shown;  // get_text of a non-text column
  };

  void run();
  void bind_results();
  bool fetch();
  [[noreturn]] void fail();
  [[noreturn]] void unreadable(std::size_t column, std::string_view as) const;

  Connection& connection_;
  MYSQL_STMT* stmt_;
  std::string sql_;
  std::vector<Parameter> params_;
  std::vector<MYSQL_BIND> param_binds_;
  std::vector<Column> columns_;
  std::vector<MYSQL_BIND> result_binds_;
  std::int64_t rows_affected_ = 0;
  bool ran_ = false;
  bool has_row_ = false;
  bool failed_ = false;  // a run failed: reset() resets the server's side too
};

}  // namespace relate::mysql
