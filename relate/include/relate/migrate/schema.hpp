#pragma once
// A database schema as migrations see it, the same for every backend: what
// the models declare, what a chain of revisions builds, and what reflection
// reads from a live database. Plain values: no I/O, no SQL.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relate/sql/schema.hpp"
#include "relate/value.hpp"

namespace relate::migrate {

using sql::OnDelete;
using sql::SqlType;

struct Column {
  std::string name{};
  SqlType type = SqlType::text;
  std::size_t length = 0;  // VARCHAR(length); 0: TEXT
  bool nullable = false;
  std::optional<Value> default_value{};  // a constant DEFAULT
  bool default_now = false;              // DEFAULT CURRENT_TIMESTAMP
  bool operator==(const Column&) const = default;
};

struct Index {
  std::string name{};
  std::vector<std::string> columns{};
  bool unique = false;
  // A full-text index of text columns (relate::fulltext_index; see
  // Operations::create_fulltext_index), never unique.
  bool fulltext = false;
  bool operator==(const Index&) const = default;
};

struct UniqueConstraint {
  std::string name{};
  std::vector<std::string> columns{};
  bool operator==(const UniqueConstraint&) const = default;
};

struct ForeignKey {
  std::string name{};
  std::vector<std::string> columns{};
  std::string target_table{};
  std::vector<std::string> target_columns{};
  OnDelete on_delete = OnDelete::no_action;
  bool operator==(const ForeignKey&) const = default;
};

struct Table {
  std::string name{};
  std::vector<Column> columns{};
  // The primary key's columns. One integer column is assigned by the
  // database on insert (SQLite's rowid alias, PostgreSQL's identity).
  std::vector<std::string> primary_key{};
  std::vector<UniqueConstraint> uniques{};
  std::vector<ForeignKey> foreign_keys{};
  std::vector<Index> indexes{};

  const Column* column(std::string_view column_name) const noexcept;
  Column* column(std::string_view column_name) noexcept;
  bool operator==(const Table&) const = default;
};

struct Schema {
  std::vector<Table> tables{};  // in creation order (parents first)

  const Table* table(std::string_view table_name) const noexcept;
  Table* table(std::string_view table_name) noexcept;
  bool operator==(const Schema&) const = default;
};

// How two schemas differ, one line per difference ("post.views: only in
// the models"), ignoring what backends do not keep: column order, and the
// names of unique and foreign-key constraints (SQLite forgets them). Empty
// when they match.
std::vector<std::string> differences(const Schema& from, const Schema& to);

}  // namespace relate::migrate
