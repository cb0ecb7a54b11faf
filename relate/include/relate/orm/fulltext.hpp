#pragma once
// Full-text search over a relate::fulltext_index (docs/relate.md "Full-text
// search"), typed like any other condition and ordering:
//
//   s.query<Post>()
//       .filter(relate::matches(post_search, text) && col(&Post::status) == "published")
//       .order_by(relate::desc(relate::match_rank(post_search, text)))
//
// `text` is anything a user typed: it is cut into words and "quoted phrases"
// (relate::search_terms) and bound as a parameter, so quotes, operators
// (AND, OR, NOT, NEAR, *, -, :) and brackets are never syntax. Every term
// must occur. A text without words matches nothing. Building these runs no
// SQL; matches() and match_rank() throw InvalidRequestError when the index
// is not part of T's table<T>(...) declaration.

#include <string>
#include <string_view>

#include "relate/orm/expressions.hpp"
#include "relate/orm/mapping.hpp"
#include "relate/orm/select.hpp"
#include "relate/sql/fulltext.hpp"

namespace relate {

using sql::search_terms;
using sql::SearchTerm;

namespace detail {
// The position of the full-text index `name` among the model's; throws
// InvalidRequestError if its mapping does not declare one of that name.
std::size_t fulltext_index_of(const ModelInfo& model, std::string_view name);
}  // namespace detail

// Rows of T whose indexed columns hold every term of `text`.
template <class T, class... M>
Filter<T> matches(const FulltextIndexDef<T, M...>& index, std::string_view text) {
  const detail::ModelInfo& model = detail::model_info<T>();
  return Filter<T>(sql::Condition::fulltext_match(
      {&detail::table_of(model), detail::primary_key_column<T>},
      detail::fulltext_index_of(model, index.name), std::string(text)));
}

// How well a row matches `text` (higher is better: bm25 negated on SQLite,
// ts_rank on PostgreSQL, MATCH ... AGAINST's relevance on MySQL); the
// numbers differ between databases, the order is what they share. For
// desc(match_rank(...)) in order_by, beside a matches() filter.
template <class T, class... M>
Expr<double, Models<T>> match_rank(const FulltextIndexDef<T, M...>& index, std::string_view text) {
  const detail::ModelInfo& model = detail::model_info<T>();
  return Expr<double, Models<T>>(sql::Expression::fulltext_rank(
      {&detail::table_of(model), detail::primary_key_column<T>},
      detail::fulltext_index_of(model, index.name), std::string(text)));
}

}  // namespace relate
