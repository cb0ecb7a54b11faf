#pragma once
// Columns and expressions as results (SQLAlchemy 2.0's select()), each row a
// std::tuple of the expressions' C++ types:
//
//   // each post of a page with its number of comments: ONE statement
//   std::vector<std::tuple<std::int64_t, std::string, std::int64_t>> rows =
//       s.select(col(&Post::id), col(&Post::title), count(col(&Comment::id)))
//           .outer_join(&Post::comments)
//           .group_by(col(&Post::id), col(&Post::title))
//           .order_by(desc(&Post::id))
//           .limit(10)
//           .all();
//
// The statement selects from the model of its first column; every other
// model it reads must be joined (join / outer_join along a relationship or
// on a condition), else all() does not compile. relate::select(...) makes
// the same statement without a session, to use as a subquery: in_(...),
// exists(...), scalar(...).
//
// A SelectQuery is a value: each refinement returns a new one. One made by
// Session::select must not outlive its session. all(), first(), one() and
// scalars() autoflush and run one statement (counted by StatementBudget);
// the rest run none. Not thread-safe (a session's).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

#include "relate/orm/column_traits.hpp"
#include "relate/orm/select.hpp"

namespace relate {
namespace detail {

struct SelectState;  // private: src/orm/select.cpp

// What SelectQuery does without its types.
class SelectBase {
 protected:
  // SELECT columns FROM root [AS alias]; session may be null (a subquery).
  SelectBase(SessionImpl* session, const ModelInfo& root, std::string_view alias,
             std::vector<sql::Expression> columns);

  void add_where(const sql::Condition& condition);
  void add_having(const sql::Condition& condition);
  void add_group(const sql::Expression& e);
  void add_order(const sql::OrderTerm& term);
  void set_limit(std::int64_t n);
  void set_offset(std::int64_t n);
  void set_distinct();
  // JOIN the target of `owner`'s relationship in `member` (as `alias`), or
  // LEFT OUTER JOIN when `outer`. Throws InvalidRequestError for a member
  // no relationship maps.
  void join_relation(const ModelInfo& owner, std::uintptr_t member, std::string_view alias,
                     bool outer);
  void join_on(const ModelInfo& target, std::string_view alias, const sql::Condition& on,
               bool outer);

  // Autoflushes, runs the statement and calls row(cursor) for each row,
  // which must have `columns` columns. Throws InvalidRequestError without a
  // session, and what the database throws.
  void run(std::size_t columns, const std::function<void(const Cursor&)>& row) const;
  // The rows of run() with at most `limit` rows (first(), one()).
  void run_limited(std::int64_t limit, std::size_t columns,
                   const std::function<void(const Cursor&)>& row) const;
  // Throws InvalidRequestError without a session.
  sql::CompiledSql statement() const;
  std::shared_ptr<const sql::Select> subquery() const;
  // MultipleResultsFound / NoResultFound for one().
  [[noreturn]] static void throw_rows(bool many);

 private:
  SelectState& unshared();
  std::shared_ptr<SelectState> state_;
};

// Reads column i of the cursor's row as M; DataError for NULL where M is no
// std::optional.
template <class M>
M read_result(const Cursor& row, std::size_t i) {
  M value{};
  if (!ColumnTraits<M>::read(value, row, i)) throw_null_result_column(row, i);
  return value;
}
template <class... Ts, std::size_t... I>
std::tuple<Ts...> read_result_row(const Cursor& row, std::index_sequence<I...>) {
  return std::tuple<Ts...>{read_result<Ts>(row, I)...};  // braces: read left to right
}

template <class Ms>
struct FirstSource;
template <class S, class... Rest>
struct FirstSource<Models<S, Rest...>> {
  using type = S;
};

}  // namespace detail

// A SELECT of expressions: From, the models it reads rows of (its first
// column's, then each joined one); Refs, the models its expressions read;
// Vs, the C++ types of a row's values.
template <class From, class Refs, class... Vs>
class SelectQuery : private detail::SelectBase {
 public:
  using row_type = std::tuple<Vs...>;
  // The models this statement reads but does not select from: the outer
  // query's, when it is a correlated subquery.
  using outer_models = typename detail::Without<Refs, From>::type;
  static constexpr std::size_t column_count = sizeof...(Vs);

  SelectQuery(detail::SessionImpl* session, std::vector<sql::Expression> columns)
      : SelectBase(session, detail::model_info<typename detail::SourceOf<Root>::model>(),
                   detail::SourceOf<Root>::alias, std::move(columns)) {}

  // WHERE (conditions add up with AND), over any model of the statement.
  template <class Ms>
  SelectQuery<From, detail::union_t<Refs, Ms>, Vs...> filter(const Where<Ms>& condition) const {
    return refine<From, detail::union_t<Refs, Ms>>(
        [&](auto& b) { b.add_where(condition.condition()); });
  }
  // HAVING: a condition on the groups (aggregates): having(count(col(&Comment::id)) > 2).
  template <class Ms>
  SelectQuery<From, detail::union_t<Refs, Ms>, Vs...> having(const Where<Ms>& condition) const {
    return refine<From, detail::union_t<Refs, Ms>>(
        [&](auto& b) { b.add_having(condition.condition()); });
  }
  template <detail::ExprLike... Es>
  SelectQuery<From, detail::union_t<Refs, detail::models_of<Es>...>, Vs...> group_by(
      const Es&... es) const {
    return refine<From, detail::union_t<Refs, detail::models_of<Es>...>>(
        [&](auto& b) { (b.add_group(detail::expression_of(es)), ...); });
  }
  // Each ordering: asc(&T::m) / desc(&T::m), asc(expr) / desc(expr), or an
  // expression (ascending).
  template <class... Os>
  SelectQuery<From, detail::union_t<Refs, typename detail::OrderModels<Os>::type...>, Vs...>
  order_by(const Os&... orders) const {
    return refine<From, detail::union_t<Refs, typename detail::OrderModels<Os>::type...>>(
        [&](auto& b) { (b.add_order(detail::order_term(orders)), ...); });
  }
  // SELECT DISTINCT.
  SelectQuery distinct() const {
    return refine<From, Refs>([](auto& b) { b.set_distinct(); });
  }
  SelectQuery limit(std::int64_t n) const {
    return refine<From, Refs>([&](auto& b) { b.set_limit(n); });
  }
  SelectQuery offset(std::int64_t n) const {
    return refine<From, Refs>([&](auto& b) { b.set_offset(n); });
  }

  // ---- joins. Along a relationship of a model already in the statement:
  // join(&Post::comments) (JOIN comment ON comment.post_id = post.id),
  // outer_join (LEFT OUTER JOIN: a post without comments stays, its
  // comment columns NULL). join<AliasType>(member) joins the target under
  // an alias (a model related to itself). On a condition:
  // join<Comment>(col(&Comment::post_id) == col(&Post::id)).
  template <class As = void, class S, class R>
  auto join(R S::*member) const {
    return join_along<As>(member, false);
  }
  template <class As = void, class S, class R>
  auto outer_join(R S::*member) const {
    return join_along<As>(member, true);
  }
  template <class Target, class Ms>
  auto join(const Where<Ms>& on) const {
    return join_condition<Target>(on, false);
  }
  template <class Target, class Ms>
  auto outer_join(const Where<Ms>& on) const {
    return join_condition<Target>(on, true);
  }

  // ---- results
  // Every row.
  std::vector<row_type> all() const {
    check_sources();
    std::vector<row_type> rows;
    run(column_count, [&](const Cursor& c) { rows.push_back(read(c)); });
    return rows;
  }
  // The first row (LIMIT 1), or nullopt.
  std::optional<row_type> first() const {
    check_sources();
    std::optional<row_type> found;
    run_limited(1, column_count, [&](const Cursor& c) { found = read(c); });
    return found;
  }
  // The one row; throws NoResultFound or MultipleResultsFound.
  row_type one() const {
    check_sources();
    std::vector<row_type> rows;
    run_limited(2, column_count, [&](const Cursor& c) { rows.push_back(read(c)); });
    if (rows.size() != 1) throw_rows(!rows.empty());
    return std::move(rows.front());
  }
  // The values of a one-column statement.
  auto scalars() const requires(sizeof...(Vs) == 1) {
    check_sources();
    std::vector<Vs...> values;
    run(1, [&](const Cursor& c) { values.push_back(detail::read_result<Vs...>(c, 0)); });
    return values;
  }
  // The statement all() runs (throws InvalidRequestError without a session).
  sql::CompiledSql statement() const {
    check_sources();
    return SelectBase::statement();
  }
  // The statement as a subquery (for relate::exists, in_, scalar).
  std::shared_ptr<const sql::Select> subquery() const { return SelectBase::subquery(); }

 private:
  template <class, class, class...>
  friend class SelectQuery;
  using Root = typename detail::FirstSource<From>::type;

  explicit SelectQuery(const SelectBase& base) : SelectBase(base) {}
  template <class F, class R, class Step>
  SelectQuery<F, R, Vs...> refine(Step&& step) const {
    SelectQuery<F, R, Vs...> q{static_cast<const SelectBase&>(*this)};
    step(q);
    return q;
  }

  template <class As, class S, class R>
  auto join_along(R S::*member, bool outer) const {
    using Join = detail::JoinAlong<From, As, S, R>;
    return refine<typename Join::from, Refs>([&](auto& b) {
      b.join_relation(detail::model_info<S>(), detail::member_offset(member),
                      detail::SourceOf<typename Join::source>::alias, outer);
    });
  }
  template <class Target, class Ms>
  auto join_condition(const Where<Ms>& on, bool outer) const {
    return refine<typename detail::JoinOn<From, Target, Ms>::from, Refs>([&](auto& b) {
      b.join_on(detail::model_info<typename detail::SourceOf<Target>::model>(),
                detail::SourceOf<Target>::alias, on.condition(), outer);
    });
  }

  static void check_sources() {
    static_assert(detail::Subset<Refs, From>::value,
                  "relate: select() reads a column of a model it neither selects from nor "
                  "joins: join() it first");
  }
  static row_type read(const Cursor& c) {
    return detail::read_result_row<Vs...>(c, std::index_sequence_for<Vs...>{});
  }
};

namespace detail {
template <class... Es>
auto make_select(SessionImpl* session, const Es&... columns) {
  using Refs = union_t<models_of<Es>...>;
  static_assert(!std::is_same_v<Refs, Models<>>, "relate: select() needs a column of a model");
  return SelectQuery<Models<typename FirstSource<Refs>::type>, Refs, value_of<Es>...>(
      session, {expression_of(columns)...});
}
}  // namespace detail

// SELECT columns... without a session: a subquery for exists(), in_(),
// scalar(). Selects from the model of the first column that reads one.
template <class... Es>
requires(detail::ExprLike<Es>&&...) auto select(const Es&... columns) {
  return detail::make_select(nullptr, columns...);
}

// EXISTS (subquery): over the outer query's models the subquery reads
// (a correlated subquery), e.g. posts with a comment by "ann":
//   exists(select(col(&Comment::id)).filter(col(&Comment::post_id) == col(&Post::id) &&
//                                           col(&Comment::author) == "ann"))
template <class F, class R, class... Vs>
Where<typename SelectQuery<F, R, Vs...>::outer_models> exists(
    const SelectQuery<F, R, Vs...>& subquery) {
  return Where<typename SelectQuery<F, R, Vs...>::outer_models>(
      sql::Condition::exists(subquery.subquery()));
}

// (SELECT e ...) as a value: a one-column subquery's first row, NULL (an
// empty std::optional) without one; usually correlated, e.g. each post's
// number of comments:
//   s.select(col(&Post::id), scalar(select(count(col(&Comment::id)))
//                                       .filter(col(&Comment::post_id) == col(&Post::id))))
template <class F, class R, class V>
Expr<std::optional<detail::unwrap_t<V>>, typename SelectQuery<F, R, V>::outer_models> scalar(
    const SelectQuery<F, R, V>& subquery) {
  return Expr<std::optional<detail::unwrap_t<V>>, typename SelectQuery<F, R, V>::outer_models>(
      sql::Expression::scalar(subquery.subquery()));
}

// e IN (SELECT x ...) / e NOT IN (...): x of e's type.
template <detail::ExprLike E, class F, class R, class V>
requires(detail::comparable_operand<detail::value_of<E>, Expr<V, F>>())
        Where < detail::union_t < detail::models_of<E>,
typename SelectQuery<F, R, V>::outer_models >>
    in_(const E& e, const SelectQuery<F, R, V>& subquery) {
  return Where<detail::union_t<detail::models_of<E>, typename SelectQuery<F, R, V>::outer_models>>(
      sql::Condition::in(detail::expression_of(e), subquery.subquery()));
}
template <detail::ExprLike E, class F, class R, class V>
requires(detail::comparable_operand<detail::value_of<E>, Expr<V, F>>())
        Where < detail::union_t < detail::models_of<E>,
typename SelectQuery<F, R, V>::outer_models >>
    not_in_(const E& e, const SelectQuery<F, R, V>& subquery) {
  return Where<detail::union_t<detail::models_of<E>, typename SelectQuery<F, R, V>::outer_models>>(
      sql::Condition::in(detail::expression_of(e), subquery.subquery(), true));
}

}  // namespace relate
