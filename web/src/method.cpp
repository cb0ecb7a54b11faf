#include "web/method.hpp"

#include <array>

namespace web {
namespace {
constexpr std::array<std::string_view, 7> kNames = {"GET",   "HEAD",   "POST",   "PUT",
                                                    "PATCH", "DELETE", "OPTIONS"};
}

std::string_view to_string(Method method) noexcept {
  return kNames[static_cast<std::size_t>(method)];
}

std::optional<Method> parse_method(std::string_view token) noexcept {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == token) return static_cast<Method>(i);
  }
  return std::nullopt;
}

std::string MethodSet::to_string() const {
  std::string out;
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (!contains(static_cast<Method>(i))) continue;
    if (!out.empty()) out += ", ";
    out += kNames[i];
  }
  return out;
}

}  // namespace web
