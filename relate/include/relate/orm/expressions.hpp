#pragma once
// Typed conditions over mapped members, for Query<T>::filter:
//
//   s.query<Comment>().filter(col(&Comment::post_id) == 1 && col(&Comment::content).like("%C++%"))
//
// col() is resolved at compile time: a member that is not a mapped column,
// a comparison with a value of the wrong type, or a condition on another
// model's columns does not compile. Values are always bound parameters.

#include <chrono>
#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "relate/orm/mapping_traits.hpp"
#include "relate/orm/model_builder.hpp"
#include "relate/sql/expression.hpp"

namespace relate {

// The models (and aliases, relate::Alias) an expression or condition reads.
template <class... Sources>
struct Models {};

// A condition over columns of the models in Ms (a Models<...>): what a
// query with joins and select() filter with. Filter<T> is the one-model case.
template <class Ms>
class Where {
 public:
  explicit Where(sql::Condition condition) : condition_(std::move(condition)) {}
  const sql::Condition& condition() const noexcept { return condition_; }

 private:
  sql::Condition condition_;
};

// A condition on rows of model T.
template <class T>
class Filter : public Where<Models<T>> {
 public:
  using Where<Models<T>>::Where;

  friend Filter operator&&(const Filter& a, const Filter& b) {
    return Filter(a.condition() && b.condition());
  }
  friend Filter operator||(const Filter& a, const Filter& b) {
    return Filter(a.condition() || b.condition());
  }
  friend Filter operator!(const Filter& a) { return Filter(!a.condition()); }
};

namespace detail {
template <class A, class B>
struct ConcatModels;
template <class... A, class... B>
struct ConcatModels<Models<A...>, Models<B...>> {
  using type = Models<A..., B...>;
};
}  // namespace detail
// Two conditions over different models (a join's, select()'s).
template <class A, class B>
Where<typename detail::ConcatModels<A, B>::type> operator&&(const Where<A>& a, const Where<B>& b) {
  return Where<typename detail::ConcatModels<A, B>::type>(a.condition() && b.condition());
}
template <class A, class B>
Where<typename detail::ConcatModels<A, B>::type> operator||(const Where<A>& a, const Where<B>& b) {
  return Where<typename detail::ConcatModels<A, B>::type>(a.condition() || b.condition());
}
template <class A>
Where<A> operator!(const Where<A>& a) {
  return Where<A>(!a.condition());
}

// An ordering on a column of model T.
template <class T>
struct Order {
  std::size_t column;
  bool descending;

  sql::OrderTerm term() const {
    return sql::OrderTerm{{&detail::table_of(detail::model_info<T>()), column}, descending};
  }
};

namespace detail {

template <class V>
struct IsOptionalValue : IsOptional<std::remove_cvref_t<V>> {};

// Whether a value of type V may be compared with a column held in M.
template <class M, class V>
constexpr bool comparable() {
  using C = unwrap_t<M>;
  using W = std::remove_cvref_t<V>;
  if constexpr (std::is_same_v<W, std::nullopt_t>) {
    return IsOptional<M>::value;
  } else if constexpr (IsOptional<W>::value) {
    return comparable<M, typename W::value_type>();
  } else if constexpr (std::is_same_v<C, std::string>) {
    return std::is_convertible_v<const W&, std::string_view>;
  } else if constexpr (std::is_same_v<C, std::int64_t> || std::is_same_v<C, int>) {
    return std::is_integral_v<W> && !std::is_same_v<W, bool>;
  } else if constexpr (std::is_same_v<C, double>) {
    return std::is_arithmetic_v<W> && !std::is_same_v<W, bool>;
  } else if constexpr (std::is_same_v<C, bool>) {
    return std::is_same_v<W, bool>;
  } else if constexpr (IsTimePoint<C>::value) {
    return IsTimePoint<W>::value;
  } else {
    return false;
  }
}

template <class M, class V>
Value to_value(const V& v) {
  using C = unwrap_t<M>;
  using W = std::remove_cvref_t<V>;
  if constexpr (std::is_same_v<W, std::nullopt_t>) {
    return Value{};
  } else if constexpr (IsOptional<W>::value) {
    return v ? to_value<M>(*v) : Value{};
  } else if constexpr (std::is_same_v<C, std::string>) {
    return Value{std::string(std::string_view(v))};
  } else if constexpr (std::is_same_v<C, std::int64_t> || std::is_same_v<C, int>) {
    return Value{static_cast<std::int64_t>(v)};
  } else if constexpr (std::is_same_v<C, double>) {
    return Value{static_cast<double>(v)};
  } else if constexpr (std::is_same_v<C, bool>) {
    return Value{v};
  } else {
    return Value{std::chrono::floor<std::chrono::microseconds>(v)};
  }
}

}  // namespace detail

// A mapped column of model T held in a member of type M.
template <class T, class M>
class Col {
 public:
  consteval explicit Col(M T::*member) : column_(detail::column_index_of<T>(member)) {}

  sql::ColumnRef ref() const {
    return sql::ColumnRef{&detail::table_of(detail::model_info<T>()), column_};
  }
  constexpr std::size_t index() const noexcept { return column_; }

  template <class V>
  requires(detail::comparable<M, V>()) Filter<T>
  operator==(const V& v) const { return compare(sql::CompareOp::eq, v); }
  template <class V>
  requires(detail::comparable<M, V>()) Filter<T>
  operator!=(const V& v) const { return compare(sql::CompareOp::ne, v); }
  template <class V>
  requires(detail::comparable<M, V>()) Filter<T>
  operator<(const V& v) const { return compare(sql::CompareOp::lt, v); }
  template <class V>
  requires(detail::comparable<M, V>()) Filter<T>
  operator<=(const V& v) const { return compare(sql::CompareOp::le, v); }
  template <class V>
  requires(detail::comparable<M, V>()) Filter<T>
  operator>(const V& v) const { return compare(sql::CompareOp::gt, v); }
  template <class V>
  requires(detail::comparable<M, V>()) Filter<T>
  operator>=(const V& v) const { return compare(sql::CompareOp::ge, v); }

  // Column against column of the same model.
  template <class N>
  Filter<T> operator==(const Col<T, N>& other) const {
    static_assert(std::is_same_v<detail::unwrap_t<M>, detail::unwrap_t<N>>,
                  "relate: compared columns must hold the same type");
    return Filter<T>(sql::Condition::compare(ref(), sql::CompareOp::eq, other.ref()));
  }

  // SQL LIKE: % matches any run of characters, _ one character.
  Filter<T> like(
      std::string_view pattern) const requires std::is_same_v<detail::unwrap_t<M>, std::string> {
    return Filter<T>(sql::Condition::compare(ref(), sql::CompareOp::like, std::string(pattern)));
  }
  Filter<T> not_like(
      std::string_view pattern) const requires std::is_same_v<detail::unwrap_t<M>, std::string> {
    return Filter<T>(
        sql::Condition::compare(ref(), sql::CompareOp::not_like, std::string(pattern)));
  }

  // IN (...): true when the column equals one of `values`; an empty list matches nothing.
  template <std::ranges::input_range R>
  requires(detail::comparable<M, std::ranges::range_value_t<R>>()) Filter<T> in(const R& values)
  const { return Filter<T>(sql::Condition::in(ref(), values_of(values), false)); }
  template <class V>
  requires(detail::comparable<M, V>()) Filter<T> in(std::initializer_list<V> values)
  const { return Filter<T>(sql::Condition::in(ref(), values_of(values), false)); }
  template <std::ranges::input_range R>
  requires(detail::comparable<M, std::ranges::range_value_t<R>>()) Filter<T> not_in(const R& values)
  const { return Filter<T>(sql::Condition::in(ref(), values_of(values), true)); }
  template <class V>
  requires(detail::comparable<M, V>()) Filter<T> not_in(std::initializer_list<V> values)
  const { return Filter<T>(sql::Condition::in(ref(), values_of(values), true)); }

  Filter<T> is_null() const requires detail::IsOptional<M>::value {
    return Filter<T>(sql::Condition::is_null(ref(), false));
  }
  Filter<T> is_not_null() const requires detail::IsOptional<M>::value {
    return Filter<T>(sql::Condition::is_null(ref(), true));
  }

  constexpr Order<T> asc() const noexcept { return Order<T>{column_, false}; }
  constexpr Order<T> desc() const noexcept { return Order<T>{column_, true}; }

 private:
  template <class V>
  Filter<T> compare(sql::CompareOp op, const V& v) const {
    return Filter<T>(sql::Condition::compare(ref(), op, detail::to_value<M>(v)));
  }
  template <class R>
  static std::vector<Value> values_of(const R& values) {
    std::vector<Value> out;
    for (const auto& v : values)
      out.push_back(detail::to_value<M>(v));
    return out;
  }

  std::size_t column_;
};

// The column mapped to `member`, resolved at compile time.
template <class T, class M>
consteval Col<T, M> col(M T::*member) {
  return Col<T, M>{member};
}

// Column against column of another model: a join's condition.
template <class T, class M, class U, class N>
requires(!std::is_same_v<T, U>) Where<Models<T, U>>
operator==(const Col<T, M>& a, const Col<U, N>& b) {
  static_assert(std::is_same_v<detail::unwrap_t<M>, detail::unwrap_t<N>>,
                "relate: compared columns must hold the same type");
  return Where<Models<T, U>>(sql::Condition::compare(a.ref(), sql::CompareOp::eq, b.ref()));
}

// Ascending / descending order on the column mapped to `member`.
template <class T, class M>
consteval Order<T> asc(M T::*member) {
  return Col<T, M>{member}.asc();
}
template <class T, class M>
consteval Order<T> desc(M T::*member) {
  return Col<T, M>{member}.desc();
}

// ------------------------------------------------------- bulk updates

// column := value for Query<T>::update, made by relate::set.
template <class T>
class Assignment {
 public:
  explicit Assignment(sql::ColumnValue assignment) : assignment_(std::move(assignment)) {}
  const sql::ColumnValue& column_value() const noexcept { return assignment_; }

 private:
  sql::ColumnValue assignment_;
};

namespace detail {
// InvalidRequestError: set() named a member that is not a mapped column.
[[noreturn]] void throw_unmapped_assignment(const ModelInfo& model);
// The index of the column mapped to `member`, found at run time; throws
// InvalidRequestError for a member that is not a mapped column of `model`.
template <class T, class M>
std::size_t column_index_at_run_time(M T::*member) {
  std::size_t found = npos;
  for_each_column<T>([&](auto c) {
    constexpr std::size_t C = decltype(c)::value;
    if constexpr (std::is_same_v<typename column_t<T, C>::member_type, M>) {
      if (column_def<T, C>().member == member) found = C;
    }
  });
  if (found == npos) throw_unmapped_assignment(model_info<T>());
  return found;
}
}  // namespace detail

// SET column = value in a bulk update (Query<T>::update), a bound parameter:
//   s.query<Post>().filter(col(&Post::views) < 10).update(set(&Post::views, 0))
// The value must be of the member's kind, as in a comparison (a string for a
// string, an integer for an integer, std::nullopt only for an optional): any
// other does not compile. With a member pointer the column is looked up when
// set() runs (a member that is not a mapped column throws
// InvalidRequestError); set(col(&Post::views), 0) resolves it at compile time.
template <class T, class M, class V>
requires(detail::comparable<M, V>()) Assignment<T> set(M T::*member, const V& value) {
  return Assignment<T>(
      sql::ColumnValue{detail::column_index_at_run_time(member), detail::to_value<M>(value)});
}
template <class T, class M, class V>
requires(detail::comparable<M, V>()) Assignment<T> set(const Col<T, M>& column, const V& value) {
  return Assignment<T>(sql::ColumnValue{column.index(), detail::to_value<M>(value)});
}

// ------------------------------------------------- across relationships

namespace detail {
sql::Condition related_exists(const ModelInfo& owner, std::uintptr_t member,
                              const sql::Condition* filter);
}

// Rows of T with at least one related object along the to-many `member`
// (matching `filter`): seed 003's Author.books.any(title='Flask 101') is
//   s.query<Author>().filter(relate::any(&Author::books, col(&Book::title) == "Flask 101"))
// Compiled to EXISTS (SELECT 1 FROM book WHERE book.author_id = author.id AND ...).
template <class T, class R>
Filter<T> any(R T::*member,
              const Filter<typename detail::RelationMemberTraits<R>::target>& filter) {
  static_assert(!detail::RelationMemberTraits<R>::is_to_one,
                "relate: any() takes a to-many relationship; for a BelongsTo or HasOne use has()");
  return Filter<T>(detail::related_exists(detail::model_info<T>(), detail::member_offset(member),
                                          &filter.condition()));
}
template <class T, class R>
Filter<T> any(R T::*member) {
  static_assert(!detail::RelationMemberTraits<R>::is_to_one,
                "relate: any() takes a to-many relationship; for a BelongsTo or HasOne use has()");
  return Filter<T>(
      detail::related_exists(detail::model_info<T>(), detail::member_offset(member), nullptr));
}

// Rows of T whose to-one `member` is set (and its object matches `filter`):
//   s.query<Book>().filter(relate::has(&Book::author, col(&Author::name) == "Jane Doe"))
template <class T, class R>
Filter<T> has(R T::*member,
              const Filter<typename detail::RelationMemberTraits<R>::target>& filter) {
  static_assert(
      detail::RelationMemberTraits<R>::is_to_one,
      "relate: has() takes a to-one relationship (BelongsTo, HasOne); for a collection use any()");
  return Filter<T>(detail::related_exists(detail::model_info<T>(), detail::member_offset(member),
                                          &filter.condition()));
}
template <class T, class R>
Filter<T> has(R T::*member) {
  static_assert(
      detail::RelationMemberTraits<R>::is_to_one,
      "relate: has() takes a to-one relationship (BelongsTo, HasOne); for a collection use any()");
  return Filter<T>(
      detail::related_exists(detail::model_info<T>(), detail::member_offset(member), nullptr));
}

}  // namespace relate
