#pragma once
// Reading the backends' plans: which tables a plan reads whole where an index
// would serve. Pure functions of the plan's rows, tested without a database.
// Private to relate.

#include <string>
#include <string_view>
#include <vector>

namespace relate::plan {

// One row of SQLite's EXPLAIN QUERY PLAN: its id, its parent's id (0 at the
// top) and its detail ("SCAN post", "SEARCH comment USING INDEX
// ix_comment_post_id (post_id=?)", "USE TEMP B-TREE FOR ORDER BY",
// "CORRELATED SCALAR SUBQUERY 1").
struct SqliteStep {
  int id = 0;
  int parent = 0;
  std::string detail;
};

// The tables a SQLite plan scans without an index where one would serve: at
// each level of the plan (the statement, each subquery), a table scanned
// whole that is joined to an earlier one, or that is the first of a level
// that sorts to keep the first rows (a temporary B-tree for ORDER BY, with
// a LIMIT), or that filters (the statement's WHERE,
// when no subquery carries it; a correlated subquery's condition) unless
// the statement has a LIMIT and no sort (a scan in key order that stops).
std::vector<std::string> sqlite_full_scans(const std::vector<SqliteStep>& steps,
                                           std::string_view sql);

// The tables of a PostgreSQL text plan (EXPLAIN (COSTS OFF), planned with
// enable_seqscan off, so that a Seq Scan left means no index could serve)
// whose "Seq Scan on t" node has a Filter, is the inner side of a join, or
// feeds a Sort under a Limit.
std::vector<std::string> postgres_full_scans(const std::vector<std::string>& lines);

// One row of MySQL's / MariaDB's EXPLAIN: the SELECT it belongs to, the
// table, the access type ("ALL" is a full scan, "ref", "eq_ref", "range",
// "index"...), the indexes that could serve and the Extra notes ("Using
// where", "Using filesort").
struct MysqlRow {
  std::string select_id;
  std::string table;
  std::string access;
  std::string possible_keys;
  std::string extra;
};

// The tables of a MySQL plan read with access type ALL where no index could
// serve (no possible key) although the statement filters them ("Using
// where") or joins them to an earlier table of the same SELECT. The
// optimizer picks ALL over a usable index for small tables, so a possible
// key counts as served; for the same reason a sort ("Using filesort") says
// nothing about the indexes, and is not judged.
std::vector<std::string> mysql_full_scans(const std::vector<MysqlRow>& rows);

// Whether `sql` is a query the index check explains: SELECT or WITH, in any
// case, after leading white space.
bool is_query(std::string_view sql) noexcept;

}  // namespace relate::plan
