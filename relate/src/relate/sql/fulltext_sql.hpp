#pragma once
// Full-text indexes and searches as each database spells them (the
// compiler's and migrations' shared part). Private to relate.

#include <string>
#include <string_view>
#include <vector>

#include "relate/sql/dialect.hpp"
#include "relate/sql/fulltext.hpp"

namespace relate::sql {

// A full-text index of `columns` of `table`, whose integer primary key is
// `key` (SQLite's FTS5 table keeps it as its rowid).
struct FulltextTarget {
  std::string_view table;
  std::string_view name;
  std::vector<std::string> columns;
  std::string_view key;
};

// The statements that create the index and fill it from the table's rows:
// SQLite, an external-content FTS5 table, its insert/update/delete triggers
// and a rebuild; PostgreSQL, a GIN index on the columns' tsvector;
// MySQL, a FULLTEXT index. `if_not_exists`: leave one that exists.
std::vector<std::string> create_fulltext_sql(const FulltextTarget& index, const Dialect& dialect,
                                             bool if_not_exists);
std::vector<std::string> drop_fulltext_sql(const FulltextTarget& index, const Dialect& dialect);

// The search terms as an FTS5 query: each term an FTS5 string ("word" or
// "two words", a phrase), all required.
std::string fts5_query(const std::vector<SearchTerm>& terms);
// As a MySQL boolean-mode query: +(word Word WORD) for each word, in its
// usual spellings, since relate's MySQL columns (and so their FULLTEXT
// index) are case-sensitive (utf8mb4_bin); a phrase's words each required,
// in any order (InnoDB's phrase search fails on such columns). Words InnoDB
// does not index by default (shorter than 3 characters, its default
// stopwords) are left out: a required word the index lacks matches nothing.
std::string mysql_boolean_query(const std::vector<SearchTerm>& terms);
// The document a PostgreSQL full-text index holds: to_tsvector('simple',
// coalesce(a, '') || ' ' || coalesce(b, '')), columns read from `qualifier`
// (a table name or alias; none in the index's own DDL).
std::string tsvector_document(const std::vector<std::string>& columns, const Dialect& dialect,
                              std::string_view qualifier);
// Each term's words joined by spaces (one phraseto_tsquery each).
std::vector<std::string> term_texts(const std::vector<SearchTerm>& terms);

// The names of an FTS5 index's triggers: "<name>_ai", "_ad", "_au".
std::vector<std::string> fts5_trigger_names(std::string_view name);
// Whether `table` is one of the shadow tables FTS5 keeps for `index`.
bool is_fts5_shadow_table(std::string_view table, std::string_view index) noexcept;

}  // namespace relate::sql
