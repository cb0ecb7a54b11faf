#pragma once
// A dialect is a SQL flavour: quoting, placeholders, type names, how new keys
// come back. It does no I/O; a driver (the connection layer) does that.

#include <cstddef>
#include <string>
#include <string_view>

#include "relate/sql/expression.hpp"
#include "relate/sql/table.hpp"
#include "relate/value.hpp"

namespace relate::sql {

// How a database searches text (see fulltext_sql.hpp).
enum class FulltextSyntax {
  none,
  fts5,          // SQLite: an FTS5 table, MATCH, bm25()
  tsvector,      // PostgreSQL: to_tsvector @@ phraseto_tsquery, ts_rank
  match_against  // MySQL, MariaDB: FULLTEXT, MATCH (...) AGAINST (... IN BOOLEAN MODE)
};

class Dialect {
 public:
  virtual ~Dialect() = default;

  // "sqlite", "postgresql", "mysql", "mariadb".
  virtual std::string_view name() const noexcept = 0;

  // Appends `identifier`, quoted only when it must be (a reserved word, or
  // characters other than lower-case letters, digits and '_').
  void append_identifier(std::string& out, std::string_view identifier) const;

  // The character that quotes an identifier: '"' (SQL), '`' (MySQL).
  virtual char identifier_quote() const noexcept { return '"'; }

  // Appends the placeholder of the `index`-th parameter (1-based): ? or $1.
  virtual void append_placeholder(std::string& out, std::size_t index) const = 0;

  // The column's type and key clause in CREATE TABLE, without its name:
  // "INTEGER PRIMARY KEY", "VARCHAR(100) NOT NULL", "BIGINT GENERATED ...".
  virtual std::string column_definition(const ColumnInfo& column) const = 0;

  // True when INSERT ... RETURNING is how new primary keys come back; false
  // when the driver's last-insert-id is used.
  virtual bool returns_new_keys() const noexcept = 0;

  // True when OFFSET is only allowed after a LIMIT (SQLite): an offset
  // without a limit is then compiled as "LIMIT -1 OFFSET ?".
  virtual bool requires_limit_with_offset() const noexcept { return false; }

  // The LIMIT that stands for "no limit" before an OFFSET (see above).
  virtual std::int64_t no_limit() const noexcept { return -1; }

  // Whether UPDATE ... RETURNING and DELETE ... RETURNING exist (the bulk
  // writes keep held objects in step with them). Where they do not, the
  // session selects the rows' keys first, in the same transaction.
  virtual bool update_returning() const noexcept { return true; }
  virtual bool delete_returning() const noexcept { return true; }

  // True when a multi-row INSERT is a plain "VALUES (...), (...) RETURNING"
  // whose rows come back in the order given (MariaDB); false for the
  // SELECT ... FROM (VALUES ...) ORDER BY sentinel form (PostgreSQL).
  virtual bool plain_multi_row_insert() const noexcept { return false; }

  // What follows "INSERT INTO t" for a row with nothing but generated
  // columns: " DEFAULT VALUES", or " () VALUES ()" (MySQL).
  virtual std::string_view default_values_clause() const noexcept { return " DEFAULT VALUES"; }

  // The DDL default of a column set to the time of the insert.
  virtual std::string_view current_timestamp_default() const noexcept {
    return "CURRENT_TIMESTAMP";
  }

  // Whether schema changes (CREATE, ALTER, DROP) roll back with their
  // transaction; MySQL commits each one as it runs.
  virtual bool transactional_ddl() const noexcept { return true; }

  // What follows a CREATE TABLE's closing parenthesis: "" or
  // " ENGINE=InnoDB ..." (MySQL).
  virtual std::string_view table_options() const noexcept { return ""; }

  // How many rows one INSERT may carry when a flush writes several new
  // objects of one model (see insert_many_sql). 1 means one statement per
  // row. A dialect returning more must also return new keys.
  virtual std::size_t max_rows_per_insert() const noexcept { return 1; }

  // Appends the `index`-th placeholder (1-based) with a cast to the SQL type
  // of `type` where the database cannot infer it (multi-row inserts):
  // "$3::BIGINT". The default is the bare placeholder.
  virtual void append_typed_placeholder(std::string& out, std::size_t index, SqlType type) const {
    (void)type;
    append_placeholder(out, index);
  }

  // The name of `f` in SQL ("count", "lower", ...). The default is the
  // standard's name, which SQLite and PostgreSQL share.
  virtual std::string_view function_name(SqlFunction f) const noexcept;

  // Appends the operator between two operands of `op` giving `type`: " + ",
  // " || " (string concatenation). A dialect whose concatenation or integer
  // division differs overrides it.
  virtual std::string_view arithmetic_operator(ArithmeticOp op, SqlType type) const noexcept;
  // Whether strings are concatenated by a function, CONCAT(a, b), rather
  // than an operator (MySQL, where || is OR).
  virtual bool concat_is_function() const noexcept { return false; }

  // The type named in CAST(x AS <type>): BIGINT, DOUBLE PRECISION, TEXT,
  // BOOLEAN, TIMESTAMP.
  virtual std::string_view cast_type(SqlType type) const noexcept;

  // How full-text indexes and searches are spelled.
  virtual FulltextSyntax fulltext_syntax() const noexcept { return FulltextSyntax::none; }

  // Appends `v` as a SQL literal: only for DDL (DEFAULT clauses), where
  // parameters cannot be bound. Strings are quoted with quotes doubled.
  virtual void append_literal(std::string& out, const Value& v) const;

 protected:
  virtual bool is_reserved_word(std::string_view lower_identifier) const noexcept;
};

// The SQLite dialect (shared, stateless, thread-safe).
const Dialect& sqlite_dialect();

// The PostgreSQL dialect (shared, stateless, thread-safe): $n placeholders,
// BIGINT identity keys returned with RETURNING, BOOLEAN, TIMESTAMPTZ (UTC),
// DOUBLE PRECISION, multi-row inserts on flush.
const Dialect& postgres_dialect();

// The MySQL dialect (shared, stateless, thread-safe), for MySQL servers and
// MariaDB before 10.5: ? placeholders, `backquoted` identifiers, BIGINT
// AUTO_INCREMENT keys read with LAST_INSERT_ID (the OK packet's insert id),
// TINYINT(1) booleans, DATETIME(6) in UTC, InnoDB tables; one row per
// INSERT and no RETURNING.
const Dialect& mysql_dialect();

// The MariaDB >= 10.5 dialect: mysql_dialect() with INSERT ... RETURNING
// (new keys, multi-row inserts) and DELETE ... RETURNING; no UPDATE ...
// RETURNING (MariaDB has none).
const Dialect& mariadb_dialect();

}  // namespace relate::sql
