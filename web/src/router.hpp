// Router: matches a decoded path and a method against route patterns (route_pattern.hpp).
// Pure: no I/O. Build it single-threaded; match() is const and safe to call concurrently.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "web/handler_traits.hpp"
#include "web/method.hpp"
#include "web/route_pattern.hpp"

namespace web::detail {

struct RouteMatch {
  enum class Kind {
    found,               // route and values are set
    method_not_allowed,  // the path matches routes, none for this method; allowed is set
    redirect,            // no match, but path + "/" matches: redirect there (308)
    not_found,
  };
  Kind kind = Kind::not_found;
  std::size_t route = 0;
  // Views into the path given to match(): valid as long as it is.
  PathValues values;
  // For method_not_allowed: what the matching routes accept, plus HEAD for GET, and OPTIONS.
  MethodSet allowed;
};

class Router {
 public:
  // Adds a route and returns its index (0, 1, ... in registration order). Throws
  // std::invalid_argument for a malformed pattern, or when a route of the same shape (same
  // literals and converters) already takes one of these methods.
  std::size_t add(std::string_view pattern, MethodSet methods);

  // Matches a percent-decoded path starting with '/'. The most specific pattern wins (per
  // segment: literal, then int, then string, then path), whatever the registration order.
  // HEAD matches GET routes. OPTIONS matches only routes that list it.
  // raw_path is the path as received (percent-encoded; "" means the same as path): an int
  // segment matches only a number's one canonical spelling, plain digits without leading
  // zeros, so that each resource has one URL.
  RouteMatch match(Method method, std::string_view path, std::string_view raw_path = {}) const;

  std::size_t size() const noexcept { return routes_.size(); }
  const std::string& pattern(std::size_t route) const { return routes_[route].pattern; }
  MethodSet methods(std::size_t route) const { return routes_[route].methods; }
  std::span<const Converter> converters(std::size_t route) const {
    return routes_[route].converters;
  }

 private:
  struct Segment {
    bool is_param = false;
    Converter converter = Converter::string;
    std::string text;  // literal text, or the parameter's name
  };
  struct Route {
    std::string pattern;
    std::vector<Segment> segments;
    std::vector<Converter> converters;
    MethodSet methods;
  };

  static bool matches(const Route& route, std::string_view path, std::string_view raw,
                      PathValues& values);
  static bool same_shape(const Route& a, const Route& b);

  std::vector<Route> routes_;
  std::vector<std::size_t> by_specificity_;  // indexes into routes_, most specific first
};

}  // namespace web::detail
