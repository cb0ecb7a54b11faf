// HTTP request methods and sets of them.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace web {

// The request methods web routes. Any other method is answered with 501 by the server.
enum class Method : std::uint8_t { get, head, post, put, patch, delete_, options };

// Returns the method's token as sent on the wire ("GET", "DELETE", ...).
std::string_view to_string(Method method) noexcept;

// Parses an exact, case-sensitive method token ("GET"); nullopt for anything else.
std::optional<Method> parse_method(std::string_view token) noexcept;

// True for the methods that change state and so need a CSRF token: POST, PUT, PATCH, DELETE.
constexpr bool is_unsafe(Method method) noexcept {
  return method == Method::post || method == Method::put || method == Method::patch ||
         method == Method::delete_;
}

// A small value set of methods. Cheap to copy; all operations are constexpr.
class MethodSet {
 public:
  constexpr MethodSet() = default;
  constexpr MethodSet(std::initializer_list<Method> methods) {
    for (Method m : methods)
      insert(m);
  }

  constexpr void insert(Method m) { bits_ = static_cast<std::uint8_t>(bits_ | bit(m)); }
  constexpr void insert(MethodSet other) { bits_ = static_cast<std::uint8_t>(bits_ | other.bits_); }
  constexpr bool contains(Method m) const { return (bits_ & bit(m)) != 0; }
  constexpr bool intersects(MethodSet other) const { return (bits_ & other.bits_) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr bool operator==(const MethodSet&) const = default;

  // Returns the methods in a fixed order, comma separated: "GET, HEAD, POST" (the Allow format).
  std::string to_string() const;

 private:
  static constexpr std::uint8_t bit(Method m) {
    return static_cast<std::uint8_t>(1u << static_cast<unsigned>(m));
  }
  std::uint8_t bits_ = 0;
};

}  // namespace web
