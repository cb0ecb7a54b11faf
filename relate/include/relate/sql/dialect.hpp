#pragma once
// A dialect is a SQL flavour: quoting, placeholders, type names, how new keys
// come back. It does no I/O; a driver (the connection layer) does that.

#include <cstddef>
#include <string>
#include <string_view>

#include "relate/sql/schema.hpp"
#include "relate/value.hpp"

namespace relate::sql {

class Dialect {
 public:
  virtual ~Dialect() = default;

  // "sqlite", "postgresql".
  virtual std::string_view name() const noexcept = 0;

  // Appends `identifier`, quoted only when it must be (a reserved word, or
  // characters other than lower-case letters, digits and '_').
  void append_identifier(std::string& out, std::string_view identifier) const;

  // Appends the placeholder of the `index`-th parameter (1-based): ? or $1.
  virtual void append_placeholder(std::string& out, std::size_t index) const = 0;

  // The column's type and key clause in CREATE TABLE, without its name:
  // "INTEGER PRIMARY KEY", "VARCHAR(100) NOT NULL", "BIGINT GENERATED ...".
  virtual std::string column_definition(const ColumnInfo& column) const = 0;

  // True when INSERT ... RETURNING is how new primary keys come back; false
  // when the driver's last-insert-id is used.
  virtual bool returns_new_keys() const noexcept = 0;

  // Appends `v` as a SQL literal: only for DDL (DEFAULT clauses), where
  // parameters cannot be bound. Strings are quoted with quotes doubled.
  virtual void append_literal(std::string& out, const Value& v) const;

 protected:
  virtual bool is_reserved_word(std::string_view lower_identifier) const noexcept;
};

// The SQLite dialect (shared, stateless, thread-safe).
const Dialect& sqlite_dialect();

}  // namespace relate::sql
