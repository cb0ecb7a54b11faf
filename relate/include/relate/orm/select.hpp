#pragma once
// Typed expressions over columns (aggregates, functions, arithmetic, CASE,
// CAST) and the building blocks of select() (relate/orm/select_query.hpp):
//
//   count(col(&Comment::id))            -> std::int64_t
//   sum(col(&Account::logins))          -> std::optional<std::int64_t> (NULL without rows)
//   coalesce(sum(col(&Account::logins)), 0) -> std::int64_t
//   lower(col(&Post::title)) == "hello" -> a condition
//
// Each expression knows the C++ type of its value and the models it reads;
// a comparison with a value of the wrong kind, sum() of a string, or a
// column of a model the query does not read does not compile. Values are
// bound parameters, never SQL text. Building expressions runs no SQL and
// throws only std::bad_alloc. Immutable values: safe to share between threads.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "relate/orm/expressions.hpp"

namespace relate {

// The name of a relate::Alias, as a template argument: Alias<Post, "other">.
template <std::size_t N>
struct AliasName {
  char text[N]{};
  consteval AliasName(const char (&s)[N]) {  // NOLINT: implicit from a literal
    for (std::size_t i = 0; i < N; ++i)
      text[i] = s[i];
  }
  constexpr std::string_view view() const noexcept { return {text, N - 1}; }
};

// Model T under another name in one statement, for a model joined with
// itself (SQLAlchemy's aliased()):
//   using Other = relate::Alias<Post, "other">;
//   s.select(col(&Post::id), col<Other>(&Post::id))
//       .join<Other>(col<Other>(&Post::content) == col(&Post::content) && ...)
template <class T, AliasName Name>
struct Alias {
  using model_type = T;
  static constexpr std::string_view name() noexcept { return Name.view(); }
};

namespace detail {

// A source of rows in a statement: a model, or an Alias of one.
template <class S>
struct SourceOf {
  using model = S;
  static constexpr std::string_view alias{};
};
template <class T, AliasName N>
struct SourceOf<Alias<T, N>> {
  using model = T;
  static constexpr std::string_view alias = N.view();
};

template <class S, class Ms>
struct Contains;
template <class S, class... Ms>
struct Contains<S, Models<Ms...>> : std::bool_constant<(std::is_same_v<S, Ms> || ...)> {};
template <class Sub, class Set>
struct Subset;
template <class... Ss, class Set>
struct Subset<Models<Ss...>, Set> : std::bool_constant<(Contains<Ss, Set>::value && ...)> {};
// The sources of A that are not in B: what a subquery reads of the outer query.
template <class A, class B>
struct Without;
template <class B>
struct Without<Models<>, B> {
  using type = Models<>;
};
template <class S, class... Rest, class B>
struct Without<Models<S, Rest...>, B> {
  using rest = typename Without<Models<Rest...>, B>::type;
  using type =
      std::conditional_t<Contains<S, B>::value, rest, typename ConcatModels<Models<S>, rest>::type>;
};
template <class... Ls>
struct Union {
  using type = Models<>;
};
template <class L, class... Ls>
struct Union<L, Ls...> {
  using type = typename ConcatModels<L, typename Union<Ls...>::type>::type;
};
template <class... Ls>
using union_t = typename Union<Ls...>::type;

// What join<As>(R S::*member) adds to a statement reading From: Source (the
// relationship's target, or the alias As of it) and the new From.
template <class From, class As, class S, class R>
struct JoinAlong {
  using target = typename RelationMemberTraits<R>::target;
  using source = std::conditional_t<std::is_void_v<As>, target, As>;
  static_assert(Contains<S, From>::value,
                "relate: join() along a relationship of a model the statement neither selects "
                "from nor has joined");
  static_assert(std::is_same_v<typename SourceOf<source>::model, target>,
                "relate: the alias is of another model than the relationship's");
  static_assert(!Contains<source, From>::value,
                "relate: this model is already in the statement: join it again under a "
                "relate::Alias (join<Alias<T, \"name\">>(...))");
  using from = typename ConcatModels<From, Models<source>>::type;
};
// What join<Target>(on) adds: the new From, once `on` reads only its models.
template <class From, class Target, class Ms>
struct JoinOn {
  static_assert(!Contains<Target, From>::value,
                "relate: this model is already in the statement: join it again under a "
                "relate::Alias (join<Alias<T, \"name\">>(...))");
  using from = typename ConcatModels<From, Models<Target>>::type;
  static_assert(Subset<Ms, from>::value,
                "relate: the join's condition reads a model that is not in the statement");
};

template <class S>
sql::ColumnRef column_ref(std::size_t column) {
  return {&table_of(model_info<typename SourceOf<S>::model>()), column, SourceOf<S>::alias};
}

}  // namespace detail

// An expression of C++ type V over the models Ms (see the header's comment).
template <class V, class Ms>
class Expr {
 public:
  using value_type = V;
  explicit Expr(sql::Expression e) : expression_(std::move(e)) {}
  const sql::Expression& expression() const noexcept { return expression_; }

 private:
  sql::Expression expression_;
};

// A column of an Alias (col<Other>(&Post::title)).
template <class A, class M>
class AliasCol {
 public:
  consteval explicit AliasCol(M A::model_type::*member)
      : column_(detail::column_index_of<typename A::model_type>(member)) {}
  sql::ColumnRef ref() const { return detail::column_ref<A>(column_); }

 private:
  std::size_t column_;
};
template <class A, class M>
consteval AliasCol<A, M> col(M A::model_type::*member) {
  return AliasCol<A, M>{member};
}

// An ordering by any expression: asc(count(...)), desc(col<Other>(&Post::id)).
template <class Ms>
struct Ordering {
  sql::OrderTerm term;
};

namespace detail {

template <class E>
struct ExprTraits;
template <class T, class M>
struct ExprTraits<Col<T, M>> {
  using value = M;
  using models = Models<T>;
  static sql::Expression get(const Col<T, M>& c) { return sql::Expression::column(c.ref()); }
};
template <class A, class M>
struct ExprTraits<AliasCol<A, M>> {
  using value = M;
  using models = Models<A>;
  static sql::Expression get(const AliasCol<A, M>& c) { return sql::Expression::column(c.ref()); }
};
template <class V, class Ms>
struct ExprTraits<Expr<V, Ms>> {
  using value = V;
  using models = Ms;
  static const sql::Expression& get(const Expr<V, Ms>& e) { return e.expression(); }
};

// A column or an expression (not a plain C++ value).
template <class E>
concept ExprLike = requires {
  typename ExprTraits<std::remove_cvref_t<E>>::value;
};
// An expression that has no comparison operators of its own (Col has).
template <class E>
concept GenericExpr = ExprLike<E> && !is_a<std::remove_cvref_t<E>, Col>;

// The C++ type a plain value stands for inside an expression.
template <class W>
auto literal_type() {
  using X = std::remove_cvref_t<W>;
  if constexpr (std::is_same_v<X, std::nullopt_t>) {
    return std::nullopt;
  } else if constexpr (IsOptional<X>::value) {
    return std::optional<decltype(literal_type<typename X::value_type>())>{};
  } else if constexpr (std::is_same_v<X, bool>) {
    return bool{};
  } else if constexpr (std::is_integral_v<X>) {
    return std::int64_t{};
  } else if constexpr (std::is_floating_point_v<X>) {
    return double{};
  } else if constexpr (std::is_convertible_v<const X&, std::string_view>) {
    return std::string{};
  } else {
    return X{};
  }
}

// The value type, models and SQL of an operand: an expression, or a value
// (no models, a bound parameter).
template <class X>
struct Operand {
  using value = decltype(literal_type<X>());
  using models = Models<>;
  static sql::Expression get(const X& x) { return sql::Expression::value(to_value<value>(x)); }
};
template <ExprLike X>
struct Operand<X> {
  using value = typename ExprTraits<X>::value;
  using models = typename ExprTraits<X>::models;
  static sql::Expression get(const X& x) { return ExprTraits<X>::get(x); }
};
template <class X>
using value_of = typename Operand<std::remove_cvref_t<X>>::value;
template <class X>
using models_of = typename Operand<std::remove_cvref_t<X>>::models;
template <class X>
sql::Expression expression_of(const X& x) {
  return Operand<std::remove_cvref_t<X>>::get(x);
}

template <class M>
inline constexpr bool is_number = (std::is_integral_v<unwrap_t<M>> &&
                                   !std::is_same_v<unwrap_t<M>, bool>) ||
                                  std::is_floating_point_v<unwrap_t<M>>;
template <class M>
inline constexpr bool is_string = std::is_same_v<unwrap_t<M>, std::string>;

// Whether operand B may be compared with an expression of type VA.
template <class VA, class B>
constexpr bool comparable_operand() {
  if constexpr (ExprLike<B>) {
    using VB = value_of<B>;
    return std::is_same_v<unwrap_t<VA>, unwrap_t<VB>> || (is_number<VA> && is_number<VB>);
  } else {
    return comparable<VA, B>();
  }
}

template <class A, class B>
concept ComparableOperands = ExprLike<A> &&
    (GenericExpr<A> || GenericExpr<B>)&&comparable_operand<value_of<A>, B>();

// A keeps B's NULL: optional<R> when A or B may be NULL.
template <class R, class A, class B>
using nullable_if_t =
    std::conditional_t<IsOptional<A>::value || IsOptional<B>::value, std::optional<R>, R>;

template <class A, class B>
using arithmetic_t = nullable_if_t<std::conditional_t<std::is_floating_point_v<unwrap_t<A>> ||
                                                          std::is_floating_point_v<unwrap_t<B>>,
                                                      double, std::int64_t>,
                                   A, B>;

template <class A, class B>
concept NumericOperands = (ExprLike<A> ||
                           ExprLike<B>)&&is_number<value_of<A>>&& is_number<value_of<B>>;

template <class A, class B>
Where<union_t<models_of<A>, models_of<B>>> compare(const A& a, sql::CompareOp op, const B& b) {
  return Where<union_t<models_of<A>, models_of<B>>>(
      sql::Condition::compare(expression_of(a), op, expression_of(b)));
}

template <class A, class B>
Expr<arithmetic_t<value_of<A>, value_of<B>>, union_t<models_of<A>, models_of<B>>> arithmetic(
    sql::ArithmeticOp op, const A& a, const B& b) {
  using R = arithmetic_t<value_of<A>, value_of<B>>;
  return Expr<R, union_t<models_of<A>, models_of<B>>>(sql::Expression::arithmetic(
      op, expression_of(a), expression_of(b),
      std::is_same_v<unwrap_t<R>, double> ? sql::SqlType::real : sql::SqlType::integer));
}

template <class R, class E>
Expr<R, models_of<E>> call(sql::SqlFunction f, const E& e, bool distinct = false) {
  return Expr<R, models_of<E>>(sql::Expression::function(f, {expression_of(e)}, distinct));
}

}  // namespace detail

// ---- comparisons of expressions: lower(col(&Post::title)) == "x", count(...) > 2
template <class A, class B>
requires detail::ComparableOperands<A, B>
auto operator==(const A& a, const B& b) {
  return detail::compare(a, sql::CompareOp::eq, b);
}
template <class A, class B>
requires detail::ComparableOperands<A, B>
auto operator!=(const A& a, const B& b) {
  return detail::compare(a, sql::CompareOp::ne, b);
}
template <class A, class B>
requires detail::ComparableOperands<A, B>
auto operator<(const A& a, const B& b) {
  return detail::compare(a, sql::CompareOp::lt, b);
}
template <class A, class B>
requires detail::ComparableOperands<A, B>
auto operator<=(const A& a, const B& b) {
  return detail::compare(a, sql::CompareOp::le, b);
}
template <class A, class B>
requires detail::ComparableOperands<A, B>
auto operator>(const A& a, const B& b) {
  return detail::compare(a, sql::CompareOp::gt, b);
}
template <class A, class B>
requires detail::ComparableOperands<A, B>
auto operator>=(const A& a, const B& b) {
  return detail::compare(a, sql::CompareOp::ge, b);
}

// ---- arithmetic on numbers: int with int is std::int64_t, with a double
// double; NULL in, NULL out (std::optional). Integer division truncates.
template <class A, class B>
requires detail::NumericOperands<A, B>
auto operator+(const A& a, const B& b) {
  return detail::arithmetic(sql::ArithmeticOp::add, a, b);
}
template <class A, class B>
requires detail::NumericOperands<A, B>
auto operator-(const A& a, const B& b) {
  return detail::arithmetic(sql::ArithmeticOp::subtract, a, b);
}
template <class A, class B>
requires detail::NumericOperands<A, B>
auto operator*(const A& a, const B& b) {
  return detail::arithmetic(sql::ArithmeticOp::multiply, a, b);
}
template <class A, class B>
requires detail::NumericOperands<A, B>
auto operator/(const A& a, const B& b) {
  return detail::arithmetic(sql::ArithmeticOp::divide, a, b);
}

// ---- aggregates (with group_by: per group; without: over every row)
// count(*): std::int64_t.
inline Expr<std::int64_t, Models<>> count() {
  return Expr<std::int64_t, Models<>>(sql::Expression::count_rows());
}
// count(e): the rows where e is not NULL (an outer join's missing rows are not counted).
template <detail::ExprLike E>
Expr<std::int64_t, detail::models_of<E>> count(const E& e) {
  return detail::call<std::int64_t>(sql::SqlFunction::count, e);
}
// count(DISTINCT e).
template <detail::ExprLike E>
Expr<std::int64_t, detail::models_of<E>> count_distinct(const E& e) {
  return detail::call<std::int64_t>(sql::SqlFunction::count, e, true);
}
// sum(e) of a number: std::optional<std::int64_t> (or <double>), empty when
// no row has a value (SQL's NULL); coalesce(sum(e), 0) for a plain number.
template <detail::ExprLike E>
auto sum(const E& e) {
  using V = detail::value_of<E>;
  static_assert(detail::is_number<V>, "relate: sum() takes a number column or expression");
  using R = std::conditional_t<std::is_floating_point_v<detail::unwrap_t<V>>, double, std::int64_t>;
  return detail::call<std::optional<R>>(sql::SqlFunction::sum, e);
}
// avg(e) of a number: std::optional<double>.
template <detail::ExprLike E>
auto avg(const E& e) {
  static_assert(detail::is_number<detail::value_of<E>>,
                "relate: avg() takes a number column or expression");
  return detail::call<std::optional<double>>(sql::SqlFunction::avg, e);
}
// min(e), max(e): std::optional of e's type, empty without rows.
template <detail::ExprLike E>
auto min(const E& e) {
  return detail::call<std::optional<detail::unwrap_t<detail::value_of<E>>>>(sql::SqlFunction::min,
                                                                            e);
}
template <detail::ExprLike E>
auto max(const E& e) {
  return detail::call<std::optional<detail::unwrap_t<detail::value_of<E>>>>(sql::SqlFunction::max,
                                                                            e);
}

// ---- functions
// coalesce(e, fallback): e, or fallback where e is NULL; of e's type, NULL
// only if the fallback may be.
template <detail::ExprLike E, class F>
requires(detail::comparable_operand<detail::value_of<E>, F>()) auto coalesce(const E& e,
                                                                             const F& fallback) {
  using R = detail::nullable_if_t<detail::unwrap_t<detail::value_of<E>>, detail::value_of<F>,
                                  detail::value_of<F>>;
  return Expr<R, detail::union_t<detail::models_of<E>, detail::models_of<F>>>(
      sql::Expression::function(sql::SqlFunction::coalesce,
                                {detail::expression_of(e), detail::expression_of(fallback)}));
}
template <detail::ExprLike E>
requires detail::is_string<detail::value_of<E>>
auto lower(const E& e) {
  return detail::call<detail::value_of<E>>(sql::SqlFunction::lower, e);
}
template <detail::ExprLike E>
requires detail::is_string<detail::value_of<E>>
auto upper(const E& e) {
  return detail::call<detail::value_of<E>>(sql::SqlFunction::upper, e);
}
// The length of a string in characters.
template <detail::ExprLike E>
requires detail::is_string<detail::value_of<E>>
auto length(const E& e) {
  using V = detail::value_of<E>;
  return detail::call<detail::nullable_if_t<std::int64_t, V, V>>(sql::SqlFunction::length, e);
}
template <detail::ExprLike E>
requires detail::is_number<detail::value_of<E>>
auto abs(const E& e) {
  return detail::call<detail::value_of<E>>(sql::SqlFunction::abs, e);
}
// a || b: string concatenation (NULL if either is NULL).
template <class A, class B>
requires(detail::ExprLike<A> || detail::ExprLike<B>) &&
    detail::is_string<detail::value_of<A>>&& detail::is_string<detail::value_of<B>> auto concat(
        const A& a, const B& b) {
  using R = detail::nullable_if_t<std::string, detail::value_of<A>, detail::value_of<B>>;
  return Expr<R, detail::union_t<detail::models_of<A>, detail::models_of<B>>>(
      sql::Expression::arithmetic(sql::ArithmeticOp::concat, detail::expression_of(a),
                                  detail::expression_of(b), sql::SqlType::text));
}
// CAST(e AS To), To one of std::int64_t, double, std::string (NULL stays NULL).
template <class To, detail::ExprLike E>
requires(std::is_same_v<To, std::int64_t> || std::is_same_v<To, double> ||
         std::is_same_v<To, std::string>) auto cast(const E& e) {
  using V = detail::value_of<E>;
  return Expr<detail::nullable_if_t<To, V, V>, detail::models_of<E>>(
      sql::Expression::cast(detail::expression_of(e), detail::ColumnTraits<To>::type));
}

// CASE WHEN c1 THEN v1 [WHEN c2 THEN v2 ...] [ELSE v] END, built as
//   case_when(col(&Post::views) > 100, "hot").when(col(&Post::views) > 10, "warm").else_("cold")
// Every branch is of the first's type; without else_ (.end()) the result may be NULL.
template <class V, class Ms>
class Case {
 public:
  Case(std::vector<sql::Condition> whens, std::vector<sql::Expression> thens)
      : whens_(std::move(whens)), thens_(std::move(thens)) {}
  template <class Ns, class X>
  requires(detail::comparable_operand<V, X>())
      Case<V, detail::union_t<Ms, Ns, detail::models_of<X>>> when(const Where<Ns>& condition,
                                                                  const X& then)
  const {
    auto whens = whens_;
    auto thens = thens_;
    whens.push_back(condition.condition());
    thens.push_back(detail::expression_of(then));
    return {std::move(whens), std::move(thens)};
  }
  template <class X>
  requires(detail::comparable_operand<V, X>())
      Expr<detail::nullable_if_t<detail::unwrap_t<V>, V, detail::value_of<X>>,
           detail::union_t<Ms, detail::models_of<X>>> else_(const X& otherwise)
  const {
    const sql::Expression e = detail::expression_of(otherwise);
    return Expr<detail::nullable_if_t<detail::unwrap_t<V>, V, detail::value_of<X>>,
                detail::union_t<Ms, detail::models_of<X>>>(
        sql::Expression::case_when(whens_, thens_, &e));
  }
  Expr<std::optional<detail::unwrap_t<V>>, Ms> end() const {
    return Expr<std::optional<detail::unwrap_t<V>>, Ms>(
        sql::Expression::case_when(whens_, thens_, nullptr));
  }

 private:
  std::vector<sql::Condition> whens_;
  std::vector<sql::Expression> thens_;
};
template <class Ns, class X>
Case<detail::value_of<X>, detail::union_t<Ns, detail::models_of<X>>> case_when(
    const Where<Ns>& condition, const X& then) {
  return {{condition.condition()}, {detail::expression_of(then)}};
}

// ---- orderings by expressions
template <detail::ExprLike E>
Ordering<detail::models_of<E>> asc(const E& e) {
  return {sql::OrderTerm{{}, false, detail::expression_of(e)}};
}
template <detail::ExprLike E>
Ordering<detail::models_of<E>> desc(const E& e) {
  return {sql::OrderTerm{{}, true, detail::expression_of(e)}};
}

namespace detail {
template <class X>
sql::OrderTerm order_term(const X& x) {
  if constexpr (ExprLike<X>) {
    return asc(x).term;
  } else if constexpr (is_a<X, Ordering>) {
    return x.term;
  } else {
    return x.term();  // Order<T>
  }
}
template <class X>
struct OrderModels {
  using type = models_of<X>;
};
template <class T>
struct OrderModels<Order<T>> {
  using type = Models<T>;
};
template <class Ms>
struct OrderModels<Ordering<Ms>> {
  using type = Ms;
};

}  // namespace detail

// e IS NULL, e IS NOT NULL for any expression that may be NULL.
template <detail::GenericExpr E>
requires detail::IsOptional<detail::value_of<E>>::value Where<detail::models_of<E>> is_null(
    const E& e) {
  return Where<detail::models_of<E>>(sql::Condition::is_null(detail::expression_of(e)));
}
template <detail::GenericExpr E>
requires detail::IsOptional<detail::value_of<E>>::value Where<detail::models_of<E>> is_not_null(
    const E& e) {
  return Where<detail::models_of<E>>(sql::Condition::is_null(detail::expression_of(e), true));
}

}  // namespace relate
