#pragma once
// A server-side prepared statement: parameters are sent as text (the server
// infers their types from the statement) and rows are read as text.

#include <cstdint>
#include <string>
#include <vector>

#include "connection.hpp"
#include "relate/connection/driver.hpp"

namespace relate::postgres {

class Statement final : public driver::Statement {
 public:
  // `name` was prepared on `connection` for `sql`; the connection must
  // outlive this statement.
  Statement(Connection& connection, std::string name, std::string sql);
  ~Statement() override;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(std::size_t index, const Param& value) override;
  // The first step runs the statement and keeps all of its rows.
  bool step() override;
  void reset() noexcept override;

  bool is_null(std::size_t column) const override;
  std::int64_t get_int64(std::size_t column) const override;
  double get_double(std::size_t column) const override;
  std::string_view get_text(std::size_t column) const override;
  Timestamp get_timestamp(std::size_t column) const override;
  std::size_t column_count() const override;
  std::string_view column_name(std::size_t column) const override;
  std::int64_t rows_affected() const override;

 private:
  const char* value(std::size_t column) const;
  [[noreturn]] void unreadable(std::size_t column, std::string_view as) const;

  Connection& connection_;
  std::string name_;
  std::string sql_;
  std::vector<std::string> texts_;  // bound values, as text
  std::vector<char> is_null_;       // 1 where the bound value is NULL
  std::size_t bound_ = 0;           // parameters bound since the last reset
  std::vector<const char*> pointers_;
  Result result_;
  int row_ = -1;
  int rows_ = 0;
};

}  // namespace relate::postgres
