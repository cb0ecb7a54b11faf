#include "router.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace web::detail {
namespace {

int weight(bool is_param, Converter converter) {
  if (!is_param) return 0;
  switch (converter) {
    case Converter::int64:
      return 1;
    case Converter::string:
      return 2;
    case Converter::path:
      return 3;
  }
  return 3;
}

// One spelling per number: decimal digits, no sign, no leading zero (but "0" itself). Not
// redirected to the canonical URL instead: a 404 is what any other URL naming no page gets,
// caches and crawlers see one URL per post, and no redirect needs building from hostile
// input. The tutorial's URLs (/1/, /comments/7/delete) are all canonical.
bool parse_int_segment(std::string_view text, std::int64_t& value) {
  if (text.empty() || text.size() > 19) return false;
  if (text.size() > 1 && text.front() == '0') return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc{} && end == text.data() + text.size();
}

// The start of raw (percent-encoded) that decodes to `decoded` bytes: each "%XX" is one.
std::string_view raw_prefix(std::string_view raw, std::size_t decoded) {
  std::size_t i = 0;
  for (; decoded > 0 && i < raw.size(); --decoded)
    i += raw[i] == '%' ? 3u : 1u;
  return raw.substr(0, std::min(i, raw.size()));
}

}  // namespace

std::size_t Router::add(std::string_view pattern, MethodSet methods) {
  if (methods.empty()) {
    throw std::invalid_argument("route '" + std::string(pattern) + "' has no methods");
  }
  Route route;
  route.pattern = std::string(pattern);
  route.methods = methods;
  parse_pattern(pattern, [&route](const PatternSegment& s) {
    route.segments.push_back(Segment{s.is_param, s.converter, std::string(s.text)});
    if (s.is_param) route.converters.push_back(s.converter);
  });
  for (const Route& existing : routes_) {
    if (same_shape(existing, route) && existing.methods.intersects(methods)) {
      throw std::invalid_argument("route '" + route.pattern + "' conflicts with route '" +
                                  existing.pattern + "' for the same methods");
    }
  }
  routes_.push_back(std::move(route));
  const std::size_t index = routes_.size() - 1;

  // Keep the specificity order: compare segment weights left to right; a shorter pattern
  // whose segments tie comes first. stable_sort keeps registration order among equals.
  by_specificity_.push_back(index);
  std::stable_sort(by_specificity_.begin(), by_specificity_.end(),
                   [this](std::size_t a, std::size_t b) {
                     const auto& sa = routes_[a].segments;
                     const auto& sb = routes_[b].segments;
                     for (std::size_t i = 0; i < std::min(sa.size(), sb.size()); ++i) {
                       const int wa = weight(sa[i].is_param, sa[i].converter);
                       const int wb = weight(sb[i].is_param, sb[i].converter);
                       if (wa != wb) return wa < wb;
                     }
                     return sa.size() < sb.size();
                   });
  return index;
}

bool Router::same_shape(const Route& a, const Route& b) {
  if (a.segments.size() != b.segments.size()) return false;
  for (std::size_t i = 0; i < a.segments.size(); ++i) {
    const Segment& x = a.segments[i];
    const Segment& y = b.segments[i];
    if (x.is_param != y.is_param) return false;
    if (x.is_param ? x.converter != y.converter : x.text != y.text) return false;
  }
  return true;
}

bool Router::matches(const Route& route, std::string_view path, std::string_view raw,
                     PathValues& values) {
  if (path.empty() || path.front() != '/') return false;
  std::string_view rest = path.substr(1);
  // Walked beside rest: where each decoded segment came from. raw starts with '/' too (a
  // target must), unless the caller has none.
  std::string_view raw_rest = raw.empty() ? std::string_view{} : raw.substr(1);
  values.count = 0;
  const std::size_t n = route.segments.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Segment& segment = route.segments[i];
    if (segment.is_param && segment.converter == Converter::path) {
      // The last segment by construction: takes the rest, slashes and all.
      if (rest.empty()) return false;
      values.values[values.count++] = rest;
      return true;
    }
    const std::size_t slash = rest.find('/');
    const bool last = i + 1 == n;
    if (last != (slash == std::string_view::npos)) return false;
    const std::string_view piece = rest.substr(0, slash);
    if (!segment.is_param) {
      if (piece != segment.text) return false;
    } else if (segment.converter == Converter::int64) {
      std::int64_t number = 0;
      // Percent-encoded digits ("%31" for 1) are another spelling too.
      if (!raw.empty() && raw_prefix(raw_rest, piece.size()).size() != piece.size()) return false;
      if (!parse_int_segment(piece, number)) return false;
      values.values[values.count++] = number;
    } else {
      if (piece.empty()) return false;
      values.values[values.count++] = piece;
    }
    if (!last) raw_rest.remove_prefix(raw_prefix(raw_rest, piece.size() + 1).size());
    rest = last ? std::string_view{} : rest.substr(slash + 1);
  }
  return true;
}

RouteMatch Router::match(Method method, std::string_view path, std::string_view raw_path) const {
  RouteMatch result;
  PathValues values;
  bool path_matched = false;
  for (std::size_t index : by_specificity_) {
    const Route& route = routes_[index];
    if (!matches(route, path, raw_path, values)) continue;
    path_matched = true;
    const bool accepts = route.methods.contains(method) ||
                         (method == Method::head && route.methods.contains(Method::get));
    if (accepts) {
      result.kind = RouteMatch::Kind::found;
      result.route = index;
      result.values = values;
      return result;
    }
    result.allowed.insert(route.methods);
  }
  if (path_matched) {
    if (result.allowed.contains(Method::get)) result.allowed.insert(Method::head);
    result.allowed.insert(Method::options);
    result.kind = RouteMatch::Kind::method_not_allowed;
    return result;
  }
  if (!path.empty() && path.back() != '/') {
    std::string with_slash;
    with_slash.reserve(path.size() + 1);
    with_slash.append(path).push_back('/');
    std::string raw_with_slash;
    if (!raw_path.empty()) raw_with_slash.append(raw_path).push_back('/');
    for (std::size_t index : by_specificity_) {
      if (matches(routes_[index], with_slash, raw_with_slash, values)) {
        result.kind = RouteMatch::Kind::redirect;
        return result;
      }
    }
  }
  return result;
}

}  // namespace web::detail
