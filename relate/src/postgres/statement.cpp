#include "statement.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include "relate/error.hpp"

namespace relate::postgres {

namespace {

constexpr Oid kBoolOid = 16;  // pg_type.oid of boolean

// Appends `v` as PostgreSQL reads it in text form.
void format_param(std::string& out, const Param& value) {
  std::visit(
      [&](const auto& v) {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::monostate>) {
          // NULL: no text.
        } else if constexpr (std::is_same_v<V, std::int64_t>) {
          char buf[24];
          const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
          out.assign(buf, end);
        } else if constexpr (std::is_same_v<V, double>) {
          if (std::isnan(v)) {
            out = "NaN";
          } else if (std::isinf(v)) {
            out = v > 0 ? "Infinity" : "-Infinity";
          } else {
            char buf[32];
            const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
            out.assign(buf, end);
          }
        } else if constexpr (std::is_same_v<V, bool>) {
          out = v ? "true" : "false";
        } else if constexpr (std::is_same_v<V, std::string_view>) {
          if (v.find('\0') != std::string_view::npos) {
            throw DataError("postgresql: text cannot contain a NUL character");
          }
          out.assign(v);
        } else {
          // An explicit UTC offset: the instant does not depend on the
          // session's time zone.
          out = format_timestamp(v);
          out += "+00";
        }
      },
      value);
}

}  // namespace

Statement::Statement(Connection& connection, std::string name, std::string sql)
    : connection_(connection), name_(std::move(name)), sql_(std::move(sql)) {}

Statement::~Statement() {
  connection_.release(std::move(name_));
}

void Statement::bind(std::size_t index, const Param& value) {
  if (index >= texts_.size()) {
    texts_.resize(index + 1);
    is_null_.resize(index + 1, 1);
  }
  is_null_[index] = std::holds_alternative<std::monostate>(value) ? 1 : 0;
  format_param(texts_[index], value);
  bound_ = std::max(bound_, index + 1);
}

bool Statement::step() {
  if (!result_) {
    pointers_.resize(bound_);
    for (std::size_t i = 0; i < bound_; ++i)
      pointers_[i] = is_null_[i] ? nullptr : texts_[i].c_str();
    result_ = connection_.run_prepared(name_, pointers_, sql_);
    rows_ = PQntuples(result_.get());
    row_ = 0;
  } else if (row_ < rows_) {
    ++row_;
  }
  return row_ < rows_;
}

void Statement::reset() noexcept {
  result_.reset();
  row_ = -1;
  rows_ = 0;
  bound_ = 0;
  std::fill(is_null_.begin(), is_null_.end(), 1);
}

const char* Statement::value(std::size_t column) const {
  return PQgetvalue(result_.get(), row_, static_cast<int>(column));
}

void Statement::unreadable(std::size_t column, std::string_view as) const {
  throw DataError("postgresql: cannot read '" + std::string(value(column)) + "' (column " +
                  std::to_string(column) + ") as " + std::string(as) +
                  " (while running: " + sql_.substr(0, 300) + ")");
}

bool Statement::is_null(std::size_t column) const {
  return PQgetisnull(result_.get(), row_, static_cast<int>(column)) != 0;
}

std::int64_t Statement::get_int64(std::size_t column) const {
  // Read the text first: only NULL (or an empty string, which no number
  // is) needs the NULL flag. Booleans read as t / f.
  const int c = static_cast<int>(column);
  const char* text = PQgetvalue(result_.get(), row_, c);
  const auto length = static_cast<std::size_t>(PQgetlength(result_.get(), row_, c));
  if (length == 0) {
    if (is_null(column)) return 0;
    unreadable(column, "an integer");
  }
  if (text[0] == 't' || text[0] == 'f') {
    if (PQftype(result_.get(), c) == kBoolOid) return text[0] == 't' ? 1 : 0;
  }
  std::int64_t out = 0;
  auto [end, ec] = std::from_chars(text, text + length, out);
  if (ec != std::errc{} || end != text + length) unreadable(column, "an integer");
  return out;
}

double Statement::get_double(std::size_t column) const {
  if (is_null(column)) return 0.0;
  const char* text = value(column);
  double out = 0.0;
  const char* end = text + std::strlen(text);
  auto [ptr, ec] = std::from_chars(text, end, out);
  if (ec != std::errc{} || ptr != end) unreadable(column, "a number");
  return out;
}

std::string_view Statement::get_text(std::size_t column) const {
  const int c = static_cast<int>(column);
  const auto length = static_cast<std::size_t>(PQgetlength(result_.get(), row_, c));
  // NULL reads as a view with no data; "" as an empty view with data.
  if (length == 0 && is_null(column)) return {};
  return {PQgetvalue(result_.get(), row_, c), length};
}

Timestamp Statement::get_timestamp(std::size_t column) const {
  // TIMESTAMPTZ reads as "2026-01-02 03:04:05.678+00" in the UTC session.
  return parse_timestamp(get_text(column));
}

std::size_t Statement::column_count() const {
  return result_ ? static_cast<std::size_t>(PQnfields(result_.get())) : 0;
}

std::string_view Statement::column_name(std::size_t column) const {
  const char* name = result_ ? PQfname(result_.get(), static_cast<int>(column)) : nullptr;
  return name == nullptr ? std::string_view{} : std::string_view{name};
}

std::int64_t Statement::rows_affected() const {
  if (!result_) return 0;
  const char* text = PQcmdTuples(result_.get());
  std::int64_t out = 0;
  std::from_chars(text, text + std::strlen(text), out);
  return out;
}

}  // namespace relate::postgres
