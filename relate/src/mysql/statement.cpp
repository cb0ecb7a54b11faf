#include "statement.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>

#include "errors.hpp"
#include "relate/error.hpp"

namespace relate::mysql {

namespace {

MYSQL_TIME to_mysql_time(Timestamp t) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<microseconds> time{t - day};
  MYSQL_TIME out{};
  out.year = static_cast<unsigned>(static_cast<int>(ymd.year()));
  out.month = static_cast<unsigned>(ymd.month());
  out.day = static_cast<unsigned>(ymd.day());
  out.hour = static_cast<unsigned>(time.hours().count());
  out.minute = static_cast<unsigned>(time.minutes().count());
  out.second = static_cast<unsigned>(time.seconds().count());
  out.second_part = static_cast<unsigned long>(time.subseconds().count());
  out.time_type = MYSQL_TIMESTAMP_DATETIME;
  return out;
}

Timestamp from_mysql_time(const MYSQL_TIME& t) {
  using namespace std::chrono;
  const sys_days day{year{static_cast<int>(t.year)} / month{t.month} / std::chrono::day{t.day}};
  return Timestamp{day} + hours{t.hour} + minutes{t.minute} + seconds{t.second} +
         microseconds{t.second_part};
}

bool is_integer_type(enum_field_types type) {
  return type == MYSQL_TYPE_TINY || type == MYSQL_TYPE_SHORT || type == MYSQL_TYPE_LONG ||
         type == MYSQL_TYPE_INT24 || type == MYSQL_TYPE_LONGLONG || type == MYSQL_TYPE_YEAR;
}

bool is_time_type(enum_field_types type) {
  return type == MYSQL_TYPE_DATETIME || type == MYSQL_TYPE_TIMESTAMP || type == MYSQL_TYPE_DATE;
}

}  // namespace

Statement::Statement(Connection& connection, MYSQL_STMT* stmt, std::string sql)
    : connection_(connection), stmt_(stmt), sql_(std::move(sql)) {
  const unsigned long count = mysql_stmt_param_count(stmt_);
  params_.resize(count);
  param_binds_.resize(count);
}

Statement::~Statement() {
  mysql_stmt_close(stmt_);
}

void Statement::fail() {
  connection_.fail(mysql_stmt_errno(stmt_), mysql_stmt_error(stmt_), sql_);
}

void Statement::bind(std::size_t index, const Param& value) {
  if (index >= params_.size()) {
    throw InvalidRequestError("mysql: parameter " + std::to_string(index + 1) +
                              " bound, but the statement takes " + std::to_string(params_.size()) +
                              " (" + shown(sql_) + ")");
  }
  Parameter& p = params_[index];
  MYSQL_BIND& b = param_binds_[index];
  b = MYSQL_BIND{};
  p.null = 0;
  b.is_null = &p.null;
  std::visit(
      [&](const auto& v) {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::monostate>) {
          p.null = 1;
          b.buffer_type = MYSQL_TYPE_NULL;
        } else if constexpr (std::is_same_v<V, std::int64_t> || std::is_same_v<V, bool>) {
          p.integer = static_cast<std::int64_t>(v);
          b.buffer_type = MYSQL_TYPE_LONGLONG;
          b.buffer = &p.integer;
        } else if constexpr (std::is_same_v<V, double>) {
          if (!std::isfinite(v)) {
            throw DataError("mysql: cannot store " + std::to_string(v) +
                            ": MySQL has no NaN or infinity");
          }
          p.real = v;
          b.buffer_type = MYSQL_TYPE_DOUBLE;
          b.buffer = &p.real;
        } else if constexpr (std::is_same_v<V, std::string_view>) {
          p.text.assign(v);
          b.buffer_type = MYSQL_TYPE_STRING;
          b.buffer = p.text.data();
          b.buffer_length = p.text.size();
        } else {
          p.time = to_mysql_time(v);
          b.buffer_type = MYSQL_TYPE_DATETIME;
          b.buffer = &p.time;
        }
      },
      value);
}

void Statement::run() {
  for (MYSQL_BIND& b : param_binds_) {
    if (b.buffer_type == MYSQL_TYPE_DECIMAL && b.is_null == nullptr) {
      b.buffer_type = MYSQL_TYPE_NULL;  // never bound: NULL, as on the other backends
    }
  }
  failed_ = true;  // until the rows are in
  if (!param_binds_.empty() && mysql_stmt_bind_param(stmt_, param_binds_.data()) != 0) fail();
  if (mysql_stmt_execute(stmt_) != 0) fail();
  ran_ = true;
  if (mysql_stmt_field_count(stmt_) == 0) {
    rows_affected_ = static_cast<std::int64_t>(mysql_stmt_affected_rows(stmt_));
    connection_.note_insert_id(mysql_stmt_insert_id(stmt_));
    failed_ = false;
    return;
  }
  // All rows into the client, with each column's longest value measured, so
  // that the buffers are sized once and another statement may run while
  // this one's rows are read.
  const my_bool update_max_length = 1;
  mysql_stmt_attr_set(stmt_, STMT_ATTR_UPDATE_MAX_LENGTH, &update_max_length);
  if (mysql_stmt_store_result(stmt_) != 0) fail();
  rows_affected_ = static_cast<std::int64_t>(mysql_stmt_num_rows(stmt_));
  // INSERT ... RETURNING also gives an insert id.
  connection_.note_insert_id(mysql_stmt_insert_id(stmt_));
  bind_results();
  failed_ = false;
}

void Statement::bind_results() {
  MYSQL_RES* meta = mysql_stmt_result_metadata(stmt_);
  if (meta == nullptr) fail();
  const unsigned count = mysql_num_fields(meta);
  const MYSQL_FIELD* fields = mysql_fetch_fields(meta);
  columns_.resize(count);
  result_binds_.assign(count, MYSQL_BIND{});
  for (unsigned i = 0; i < count; ++i) {
    Column& c = columns_[i];
    MYSQL_BIND& b = result_binds_[i];
    c.name.assign(fields[i].name, fields[i].name_length);
    b.is_null = &c.null;
    b.error = &c.error;
    b.length = &c.length;
    if (is_integer_type(fields[i].type)) {
      c.kind = Column::Kind::integer;
      b.buffer_type = MYSQL_TYPE_LONGLONG;
      b.buffer = &c.integer;
    } else if (fields[i].type == MYSQL_TYPE_DOUBLE || fields[i].type == MYSQL_TYPE_FLOAT) {
      c.kind = Column::Kind::real;
      b.buffer_type = MYSQL_TYPE_DOUBLE;
      b.buffer = &c.real;
    } else if (is_time_type(fields[i].type)) {
      c.kind = Column::Kind::time;
      b.buffer_type = MYSQL_TYPE_DATETIME;
      b.buffer = &c.time;
    } else {
      c.kind = Column::Kind::text;
      c.text.resize(std::max<unsigned long>(fields[i].max_length, 1) + 1);
      b.buffer_type = MYSQL_TYPE_STRING;
      b.buffer = c.text.data();
      b.buffer_length = c.text.size();
    }
  }
  mysql_free_result(meta);
  if (mysql_stmt_bind_result(stmt_, result_binds_.data()) != 0) fail();
}

bool Statement::fetch() {
  const int status = mysql_stmt_fetch(stmt_);
  if (status == MYSQL_NO_DATA) return false;
  if (status == 1) fail();
  if (status == MYSQL_DATA_TRUNCATED) {
    // A text longer than the longest measured (it should not happen):
    // read it again into a buffer that fits.
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      Column& c = columns_[i];
      if (c.kind != Column::Kind::text || c.length < c.text.size()) continue;
      c.text.resize(c.length + 1);
      MYSQL_BIND& b = result_binds_[i];
      b.buffer = c.text.data();
      b.buffer_length = c.text.size();
      if (mysql_stmt_fetch_column(stmt_, &b, static_cast<unsigned>(i), 0) != 0) fail();
    }
    if (mysql_stmt_bind_result(stmt_, result_binds_.data()) != 0) fail();
  }
  return true;
}

bool Statement::step() {
  if (!ran_) run();
  has_row_ = !columns_.empty() && fetch();
  return has_row_;
}

void Statement::reset() noexcept {
  // After a run that worked, only the client's copy of the rows goes:
  // mysql_stmt_reset would also send COM_STMT_RESET, a round trip per run,
  // which a statement that sends no long data and keeps no server cursor
  // does not need before mysql_stmt_execute runs it again. After a failed
  // run the statement is reset on both sides (Connector/C then waits for a
  // reply that never comes when it is run again).
  if (ran_) mysql_stmt_free_result(stmt_);
  if (failed_) (void)mysql_stmt_reset(stmt_);
  failed_ = false;
  ran_ = false;
  has_row_ = false;
  columns_.clear();
  for (MYSQL_BIND& b : param_binds_)
    b = MYSQL_BIND{};
  for (Parameter& p : params_)
    p.null = 1;
}

void Statement::unreadable(std::size_t column, std::string_view as) const {
  throw DataError("mysql: cannot read '" + std::string(get_text(column)) + "' (column " +
                  std::to_string(column) + ") as " + std::string(as) +
                  " (while running: " + shown(sql_) + ")");
}

bool Statement::is_null(std::size_t column) const {
  return columns_.at(column).null != 0;
}

std::int64_t Statement::get_int64(std::size_t column) const {
  const Column& c = columns_.at(column);
  if (c.null) return 0;
  switch (c.kind) {
    case Column::Kind::integer:
      return c.integer;
    case Column::Kind::real:
      return static_cast<std::int64_t>(c.real);
    case Column::Kind::time:
      unreadable(column, "an integer");
    case Column::Kind::text:
      break;
  }
  // DECIMAL (SUM, AVG) and text arrive as text.
  const char* text = c.text.data();
  std::int64_t out = 0;
  auto [end, ec] = std::from_chars(text, text + c.length, out);
  if (ec == std::errc{} && end == text + c.length) return out;
  // "3.0000" from a DECIMAL: the whole part, if that is all there is.
  if (ec == std::errc{} && *end == '.') {
    const bool whole = std::all_of(end + 1, text + c.length, [](char d) { return d == '0'; });
    if (whole) return out;
  }
  unreadable(column, "an integer");
}

double Statement::get_double(std::size_t column) const {
  const Column& c = columns_.at(column);
  if (c.null) return 0.0;
  switch (c.kind) {
    case Column::Kind::integer:
      return static_cast<double>(c.integer);
    case Column::Kind::real:
      return c.real;
    case Column::Kind::time:
      unreadable(column, "a number");
    case Column::Kind::text:
      break;
  }
  double out = 0.0;
  const char* text = c.text.data();
  auto [end, ec] = std::from_chars(text, text + c.length, out);
  if (ec != std::errc{} || end != text + c.length) unreadable(column, "a number");
  return out;
}

std::string_view Statement::get_text(std::size_t column) const {
  const Column& c = columns_.at(column);
  if (c.null) return {};
  switch (c.kind) {
    case Column::Kind::text:
      return {c.text.data(), c.length};
    case Column::Kind::integer:
      c.shown = std::to_string(c.integer);
      break;
    case Column::Kind::real: {
      char buf[32];
      const auto end = std::to_chars(buf, buf + sizeof buf, c.real).ptr;
      c.shown.assign(buf, end);
      break;
    }
    case Column::Kind::time:
      c.shown = format_timestamp(from_mysql_time(c.time));
      break;
  }
  return c.shown;
}

Timestamp Statement::get_timestamp(std::size_t column) const {
  const Column& c = columns_.at(column);
  if (c.kind == Column::Kind::time && !c.null) return from_mysql_time(c.time);
  return parse_timestamp(get_text(column));
}

std::string_view Statement::column_name(std::size_t column) const {
  return column < columns_.size() ? std::string_view{columns_[column].name} : std::string_view{};
}

}  // namespace relate::mysql
