// Internal: how App turns a typed handler, e.g.
//   [](web::Request& req, std::int64_t post_id) -> web::Response {...}
// into one callable type, and checks its parameters against a pattern's converters.
// Not part of the API; included by app.hpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

#include "web/response.hpp"
#include "web/route_pattern.hpp"

namespace web {

class Request;

namespace detail {

// A path parameter after conversion: int converters give integers, the others text (a view of
// the request's decoded path, valid while the request is handled).
using PathValue = std::variant<std::int64_t, std::string_view>;

struct PathValues {
  std::array<PathValue, kMaxRouteParams> values{};
  std::size_t count = 0;
};

// What the router stores for every route.
using ErasedHandler = std::function<Response(Request&, const PathValues&)>;

enum class ParamKind : std::uint8_t { integer, text };

template <class T>
struct ParamKindOf {
  static_assert(sizeof(T) == 0,
                "a route handler's path parameters must be std::int64_t (for <int:...>) or "
                "std::string / std::string_view (for <name> and <path:...>)");
};
template <>
struct ParamKindOf<std::int64_t> {
  static constexpr ParamKind value = ParamKind::integer;
};
template <>
struct ParamKindOf<std::string> {
  static constexpr ParamKind value = ParamKind::text;
};
template <>
struct ParamKindOf<std::string_view> {
  static constexpr ParamKind value = ParamKind::text;
};

constexpr bool fits(Converter converter, ParamKind kind) {
  return (converter == Converter::int64) == (kind == ParamKind::integer);
}

template <class F>
struct CallableTraits : CallableTraits<decltype(&F::operator())> {};
template <class R, class... A>
struct CallableTraits<R (*)(A...)> {
  using Result = R;
  using Args = std::tuple<A...>;
};
template <class R, class... A>
struct CallableTraits<R (*)(A...) noexcept> : CallableTraits<R (*)(A...)> {};
template <class R, class... A>
struct CallableTraits<R(A...)> : CallableTraits<R (*)(A...)> {};
template <class C, class R, class... A>
struct CallableTraits<R (C::*)(A...) const> : CallableTraits<R (*)(A...)> {};
template <class C, class R, class... A>
struct CallableTraits<R (C::*)(A...) const noexcept> : CallableTraits<R (*)(A...)> {};
template <class C, class R, class... A>
struct CallableTraits<R (C::*)(A...)> : CallableTraits<R (*)(A...)> {
  static_assert(sizeof(C) == 0,
                "route handlers are called from several threads at once, so they must be "
                "const callables (a lambda without 'mutable')");
};

template <class Handler>
using HandlerArgs = typename CallableTraits<std::decay_t<Handler>>::Args;

template <class Handler>
constexpr std::size_t handler_param_count() {
  return std::tuple_size_v<HandlerArgs<Handler>> - 1;
}

// The kinds of a handler's path parameters (its arguments after the Request&).
template <class Handler>
constexpr auto handler_param_kinds() {
  using Args = HandlerArgs<Handler>;
  return []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<ParamKind, sizeof...(I)>{
        ParamKindOf<std::remove_cvref_t<std::tuple_element_t<I + 1, Args>>>::value...};
  }
  (std::make_index_sequence<handler_param_count<Handler>()>{});
}

template <class T>
decltype(auto) convert_param(const PathValue& value) {
  using Plain = std::remove_cvref_t<T>;
  if constexpr (std::is_same_v<Plain, std::int64_t>) {
    return std::get<std::int64_t>(value);
  } else if constexpr (std::is_same_v<Plain, std::string>) {
    return std::string(std::get<std::string_view>(value));
  } else {
    return std::get<std::string_view>(value);
  }
}

template <class Handler>
ErasedHandler erase_handler(Handler handler) {
  using Args = HandlerArgs<Handler>;
  static_assert(std::tuple_size_v<Args> >= 1, "a route handler takes web::Request& first");
  using First = std::tuple_element_t<0, Args>;
  static_assert(std::is_same_v<First, Request&> || std::is_same_v<First, const Request&>,
                "a route handler takes web::Request& (or const web::Request&) first");
  static_assert(
      std::is_convertible_v<typename CallableTraits<std::decay_t<Handler>>::Result, Response>,
      "a route handler returns web::Response");
  (void)handler_param_kinds<Handler>();  // rejects unsupported parameter types here
  return [handler = std::move(handler)](Request& request, const PathValues& values) -> Response {
    return [&]<std::size_t... I>(std::index_sequence<I...>)->Response {
      return handler(request,
                     convert_param<std::tuple_element_t<I + 1, Args>>(values.values[I])...);
    }
    (std::make_index_sequence<handler_param_count<Handler>()>{});
  };
}

// Throws std::invalid_argument naming the pattern and the parameter when a handler's path
// parameters do not fit the pattern's converters (count and kinds). Defined in app.cpp.
void check_handler_params(std::string_view pattern, std::span<const Converter> converters,
                          std::span<const ParamKind> params);

// True when the handler's parameters fit the converters; used by static_assert for _route.
template <class Handler, std::size_t N>
constexpr bool handler_fits(const std::array<Converter, N>& converters) {
  constexpr auto kinds = handler_param_kinds<Handler>();
  if (kinds.size() != N) return false;
  for (std::size_t i = 0; i < N; ++i) {
    if (!fits(converters[i], kinds[i])) return false;
  }
  return true;
}

}  // namespace detail
}  // namespace web
