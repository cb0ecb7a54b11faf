#pragma once
// What a backend's planner does with a statement: Session::explain() returns
// it, and the index check (Database::set_scan_check) reads it before each
// SELECT. No SQL runs here.

#include <cstdint>
#include <string>
#include <vector>

namespace relate {

// One statement's plan, as the backend reports it (SQLite's EXPLAIN QUERY
// PLAN, PostgreSQL's EXPLAIN with sequential scans disabled, so that any
// index that could serve is shown serving).
struct QueryPlan {
  // The plan's steps, one per line, as the backend prints them.
  std::vector<std::string> lines;
  // The tables the statement reads whole although it filters, joins or
  // orders their rows: where an index on those columns would serve. A plain
  // listing of a table (no WHERE, no join, no sort) is not one.
  std::vector<std::string> full_scans;
  // Whether a sort that no index serves counts among full_scans. False on
  // MySQL / MariaDB, whose EXPLAIN shows a sort of a small table ("Using
  // filesort") whether or not an index could serve it.
  bool judges_sorts = true;

  // The lines joined with '\n'.
  std::string text() const;
};

// The index check (Database::set_scan_check, Session::set_scan_check): each
// SELECT a session runs is explained first, once per connection and
// statement text, and a full scan is reported as a warning or refused with
// FullScanError. Costs one EXPLAIN per new statement text: for tests and
// development, like the N+1 detector.
enum class ScanCheck : std::uint8_t { off, warn, raise };

}  // namespace relate
