#pragma once
// Schema objects: the run-time description of tables that the SQL compiler
// reads. relate's ORM builds these from model declarations; they can also be
// built by hand (the compiler tests do). Private to relate.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "relate/sql/schema.hpp"
#include "relate/value.hpp"

namespace relate::sql {

struct ForeignKeyInfo {
  std::string name;                   // constraint name, e.g. "fk_comment_post_id"
  const TableInfo* target = nullptr;  // referenced table (set once models are configured)
  std::size_t target_column = 0;      // index into target->columns
  OnDelete on_delete = OnDelete::no_action;
};

struct ColumnInfo {
  std::string name;
  SqlType type = SqlType::text;
  std::size_t varchar_length = 0;  // 0: no length limit (TEXT)
  bool nullable = false;
  bool primary_key = false;  // an integer primary key is auto-assigned on insert
  bool unique = false;
  bool indexed = false;                // a single-column index (foreign keys always get one)
  std::optional<Value> default_value;  // rendered as a DDL DEFAULT literal
  bool default_now = false;            // DEFAULT CURRENT_TIMESTAMP
  std::optional<ForeignKeyInfo> foreign_key;
};

struct IndexInfo {
  std::string name;  // e.g. "ix_comment_post_id"
  std::vector<std::size_t> columns;
  bool unique = false;
};

// A full-text index over text columns (relate::fulltext_index): an FTS5
// table kept in step by triggers (SQLite), a GIN index on their tsvector
// (PostgreSQL), a FULLTEXT index (MySQL). See the dialects' fulltext_*.
struct FulltextIndexInfo {
  std::string name;  // e.g. "ix_post_search"
  std::vector<std::size_t> columns;
};

struct TableInfo {
  std::string name;
  std::vector<ColumnInfo> columns;
  std::size_t primary_key = 0;  // index into columns
  // A primary key of several columns (an association table), instead of
  // `primary_key`'s one; empty otherwise.
  std::vector<std::size_t> composite_key;
  // The column declared version_id, if any: UPDATEs set it one higher and
  // require the value the session read.
  std::optional<std::size_t> version_column;
  // Declared with relate::fulltext_index; created with the table.
  std::vector<FulltextIndexInfo> fulltext_indexes;

  // Indexes to create with the table: every column marked indexed or holding
  // a foreign key (SQLite does not index foreign keys by itself).
  std::vector<IndexInfo> indexes() const;

  // The name relate gives the UNIQUE constraint of a column: "uq_<table>_<column>".
  std::string unique_constraint_name(std::size_t column) const;

  // The column called `name`, or nullopt.
  std::optional<std::size_t> find_column(std::string_view name) const;
};

}  // namespace relate::sql
