#pragma once
// Turns schema objects and Select trees into SQL text for a dialect, with the
// parameters to bind in order. Pure functions: no I/O, no shared state, so
// every statement relate runs can be checked without a database.

#include <cstdint>
#include <string>
#include <vector>

#include "relate/sql/condition_node.hpp"
#include "relate/sql/dialect.hpp"
#include "relate/sql/expression.hpp"
#include "relate/sql/select.hpp"
#include "relate/sql/table.hpp"

namespace relate::sql {

// SELECT <table's columns> FROM ... WHERE ... ORDER BY ... LIMIT ... OFFSET ...
// (or SELECT count(*) for Shape::count).
CompiledSql compile(const Select& select, const Dialect& dialect);

// "t.a, t.b, ..." in column order (t: `alias` if given, else the table's name).
std::string column_list(const TableInfo& table, const Dialect& dialect,
                        std::string_view alias = {});

// Columns written by an INSERT: every column but an integer primary key
// whose value is 0 is left to the database.
// INSERT INTO t (a, b) VALUES (?, ?) [RETURNING id]
std::string insert_sql(const TableInfo& table, bool include_primary_key, const Dialect& dialect);

// How many rows one insert_many_sql statement of `table` may carry: the
// dialect's max_rows_per_insert(), kept under 65535 parameters. 1 means the
// dialect inserts one row per statement.
std::size_t max_rows_per_insert(const TableInfo& table, const Dialect& dialect) noexcept;

// One INSERT of `rows` rows (each binding every column but the primary key,
// in column order, row after row) that returns the new keys:
//   INSERT INTO t (a, b) SELECT p0, p1 FROM (VALUES ($1::T, $2::T, 0), ...)
//     AS batch (p0, p1, sentinel) ORDER BY sentinel RETURNING id
// The keys come back in no promised order, but are drawn from the key's
// sequence in row order: sorted ascending, the i-th key is the i-th row's.
// Preconditions: rows >= 1; the table has a column besides its integer
// primary key; dialect.returns_new_keys().
std::string insert_many_sql(const TableInfo& table, std::size_t rows, const Dialect& dialect);

// UPDATE t SET a = ?, c = ? WHERE id = ?  -- the columns whose bit is set in
// `changed` (bit i: column i), then the primary key.
std::string update_sql(const TableInfo& table, std::uint64_t changed, const Dialect& dialect);

// INSERT INTO link (a, b) VALUES (?, ?) and DELETE FROM link WHERE a = ? AND
// b = ?: the rows of an association table (its two columns).
std::string link_insert_sql(const TableInfo& table, const Dialect& dialect);
std::string link_delete_sql(const TableInfo& table, const Dialect& dialect);

// DELETE FROM t WHERE id = ?
std::string delete_sql(const TableInfo& table, const Dialect& dialect);

// UPDATE t SET a = ?, b = ? WHERE <where, joined with AND> [RETURNING <t's
// columns>]: a bulk update by filter (Query::update). `sets` name columns of
// `table`; the conditions may refer to it by its name.
CompiledSql compile_update(const TableInfo& table, const std::vector<ColumnValue>& sets,
                           const std::vector<Condition>& where, bool returning,
                           const Dialect& dialect);
// DELETE FROM t WHERE <where> [RETURNING t.<primary key>] (Query::delete_rows).
CompiledSql compile_delete(const TableInfo& table, const std::vector<Condition>& where,
                           bool returning, const Dialect& dialect);

// SAVEPOINT name, RELEASE SAVEPOINT name, ROLLBACK TO SAVEPOINT name.
enum class SavepointStep { begin, release, rollback };
std::string savepoint_sql(SavepointStep step, std::string_view name, const Dialect& dialect);

// CREATE TABLE IF NOT EXISTS ..., then CREATE INDEX IF NOT EXISTS for each of
// table.indexes(): the statements create_all runs for one table, in order.
std::vector<std::string> create_table_sql(const TableInfo& table, const Dialect& dialect);

// DROP TABLE IF EXISTS t
std::string drop_table_sql(const TableInfo& table, const Dialect& dialect);

}  // namespace relate::sql
