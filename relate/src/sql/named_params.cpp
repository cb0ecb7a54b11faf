#include "named_params.hpp"

#include <algorithm>

#include "relate/error.hpp"

namespace relate::sql {

namespace {

bool is_name_start(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_name_char(char c) noexcept {
  return is_name_start(c) || (c >= '0' && c <= '9');
}

// The end of the quoted text, comment or plain character that starts at `i`
// (one past it): quotes end at the next matching quote (a doubled quote is
// two quoted texts back to back, which is the same), "--" at the line's end,
// "/*" at "*/". An unterminated one runs to the end: the database reports it.
std::size_t skip_unbindable(std::string_view sql, std::size_t i) noexcept {
  const char c = sql[i];
  if (c == '\'' || c == '"' || c == '`') {
    const std::size_t close = sql.find(c, i + 1);
    return close == std::string_view::npos ? sql.size() : close + 1;
  }
  if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
    const std::size_t eol = sql.find('\n', i);
    return eol == std::string_view::npos ? sql.size() : eol + 1;
  }
  if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
    const std::size_t close = sql.find("*/", i + 2);
    return close == std::string_view::npos ? sql.size() : close + 2;
  }
  return i + 1;
}

const NamedValue* find_value(std::span<const NamedValue> values, std::string_view name) noexcept {
  const auto it = std::find_if(values.begin(), values.end(),
                               [&](const NamedValue& v) { return v.name == name; });
  return it == values.end() ? nullptr : &*it;
}

std::string shown(std::string_view sql) {
  return sql.size() > 200 ? std::string(sql.substr(0, 200)) + "..." : std::string(sql);
}

}  // namespace

BoundSql bind_named(std::string_view sql, std::span<const NamedValue> values,
                    const Dialect& dialect) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (find_value(values.subspan(0, i), values[i].name) != nullptr) {
      throw InvalidRequestError("the value of :" + values[i].name + " is given twice");
    }
  }
  BoundSql out;
  out.text.reserve(sql.size() + 8);
  std::vector<bool> used(values.size(), false);
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (c == ':' && i + 1 < sql.size() && sql[i + 1] == ':') {  // a cast: x::text
      out.text.append("::");
      i += 2;
      continue;
    }
    if (c == ':' && i + 1 < sql.size() && is_name_start(sql[i + 1])) {
      std::size_t end = i + 2;
      while (end < sql.size() && is_name_char(sql[end]))
        ++end;
      const std::string_view name = sql.substr(i + 1, end - i - 1);
      const NamedValue* value = find_value(values, name);
      if (value == nullptr) {
        throw InvalidRequestError("no value was given for :" + std::string(name) + " in " +
                                  shown(sql));
      }
      used[static_cast<std::size_t>(value - values.data())] = true;
      out.params.push_back(to_param(value->value));
      dialect.append_placeholder(out.text, out.params.size());
      i = end;
      continue;
    }
    if (c == '?') {
      throw InvalidRequestError("raw SQL takes :name placeholders, not '?' (at offset " +
                                std::to_string(i) + " of " + shown(sql) + ")");
    }
    const std::size_t next = skip_unbindable(sql, i);
    out.text.append(sql.substr(i, next - i));
    i = next;
  }
  for (std::size_t v = 0; v < values.size(); ++v) {
    if (!used[v]) {
      throw InvalidRequestError("a value was given for :" + values[v].name +
                                ", which the statement does not use: " + shown(sql));
    }
  }
  return out;
}

bool reads_only(std::string_view sql) noexcept {
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(') {
      ++i;
    } else if ((c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') ||
               (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*')) {
      i = skip_unbindable(sql, i);
    } else {
      break;
    }
  }
  std::size_t end = i;
  while (end < sql.size() && is_name_char(sql[end]))
    ++end;
  const std::string_view word = sql.substr(i, end - i);
  const auto is = [&](std::string_view keyword) {
    return std::equal(word.begin(), word.end(), keyword.begin(), keyword.end(),
                      [](char a, char b) { return (a >= 'a' && a <= 'z' ? a - 32 : a) == b; });
  };
  return is("SELECT") || is("VALUES");
}

}  // namespace relate::sql
