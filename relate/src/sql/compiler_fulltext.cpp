// The full-text parts of the compiler: a match and its rank, per dialect.

#include <stdexcept>

#include "builder.hpp"
#include "relate/sql/fulltext_sql.hpp"

namespace relate::sql::detail {

namespace {

struct FulltextUse {
  const FulltextIndexInfo& index;
  std::vector<std::string> columns;
  std::string_view qualifier;  // the table's name or alias in the statement
};

FulltextUse fulltext_use(const ColumnRef& key, std::size_t index) {
  const FulltextIndexInfo& info = key.table->fulltext_indexes.at(index);
  FulltextUse use{info, {}, key.alias.empty() ? std::string_view(key.table->name) : key.alias};
  for (std::size_t c : info.columns)
    use.columns.push_back(key.table->columns.at(c).name);
  return use;
}

}  // namespace

// Every search text is one bound parameter (two or more on PostgreSQL, one
// per term), made of the words search_terms() keeps: no user text reaches
// the SQL, and no operator of the database's query syntax reaches it either.
void Builder::fulltext_match(const ColumnRef& key, std::size_t index, const std::string& text) {
  const FulltextUse use = fulltext_use(key, index);
  const std::vector<SearchTerm> terms = search_terms(text);
  switch (dialect_.fulltext_syntax()) {
    case FulltextSyntax::fts5:
      if (terms.empty()) break;
      column(key).sql(" IN (SELECT rowid FROM ").identifier(use.index.name).sql(" WHERE ");
      identifier(use.index.name).sql(" MATCH ").param(fts5_query(terms)).sql(")");
      return;
    case FulltextSyntax::tsvector:
      if (terms.empty()) break;
      sql(tsvector_document(use.columns, dialect_, use.qualifier)).sql(" @@ (");
      tsqueries(terms);
      sql(")");
      return;
    case FulltextSyntax::match_against: {
      const std::string query = mysql_boolean_query(terms);
      if (query.empty()) break;
      match_against(use.columns, use.qualifier, query);
      return;
    }
    case FulltextSyntax::none:
      throw std::invalid_argument("relate has no full-text search for " +
                                  std::string(dialect_.name()) + " databases");
  }
  sql("1 = 0");  // no word to look for: nothing matches
}

void Builder::fulltext_rank(const ColumnRef& key, std::size_t index, const std::string& text) {
  const FulltextUse use = fulltext_use(key, index);
  const std::vector<SearchTerm> terms = search_terms(text);
  switch (dialect_.fulltext_syntax()) {
    case FulltextSyntax::fts5:
      if (terms.empty()) break;
      // bm25() is lower for better matches; negated, higher is better as
      // elsewhere. The matches are scored once, in a materialized CTE, and
      // each row's score looked up by key: bm25() in a subquery correlated
      // with each row re-reads the terms' whole doclists per row (5,000
      // matches: 1 s against 15 ms).
      sql("(WITH relate_scores AS MATERIALIZED (SELECT rowid AS id, -bm25(");
      identifier(use.index.name).sql(") AS score FROM ").identifier(use.index.name);
      sql(" WHERE ").identifier(use.index.name).sql(" MATCH ").param(fts5_query(terms));
      sql(") SELECT score FROM relate_scores WHERE relate_scores.id = ");
      column(key).sql(")");
      return;
    case FulltextSyntax::tsvector:
      if (terms.empty()) break;
      sql("ts_rank(").sql(tsvector_document(use.columns, dialect_, use.qualifier)).sql(", (");
      tsqueries(terms);
      sql("))");
      return;
    case FulltextSyntax::match_against: {
      const std::string query = mysql_boolean_query(terms);
      if (query.empty()) break;
      match_against(use.columns, use.qualifier, query);
      return;
    }
    case FulltextSyntax::none:
      throw std::invalid_argument("relate has no full-text search for " +
                                  std::string(dialect_.name()) + " databases");
  }
  // No word to look for: a constant (a bare 0 in ORDER BY would name a column).
  sql("CAST(0 AS ").sql(dialect_.cast_type(SqlType::real)).sql(")");
}

void Builder::tsqueries(const std::vector<SearchTerm>& terms) {
  for (std::size_t i = 0; i < terms.size(); ++i) {
    sql(i ? " && phraseto_tsquery('simple', " : "phraseto_tsquery('simple', ");
    param(term_texts({terms[i]}).front()).sql(")");
  }
}

void Builder::match_against(const std::vector<std::string>& columns, std::string_view qualifier,
                            const std::string& query) {
  sql("MATCH (");
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i) sql(", ");
    identifier(qualifier).sql(".").identifier(columns[i]);
  }
  sql(") AGAINST (").param(query).sql(" IN BOOLEAN MODE)");
}

}  // namespace relate::sql::detail
