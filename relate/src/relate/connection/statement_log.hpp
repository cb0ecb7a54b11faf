#pragma once
// Where statements are reported: echo and the engine's listener. Private to relate.

#include <atomic>
#include <functional>
#include <span>
#include <string_view>

#include "relate/connection/connection.hpp"

namespace relate {

// Shared by an engine and its connections: where statements are reported.
// `echo` may be flipped at any time; `listener` is fixed at engine creation.
struct StatementLog {
  std::atomic<bool> echo{false};
  std::function<void(const StatementEvent&)> listener;

  // Reports one statement: to the listener if any, and to stderr if echo is on.
  void report(std::string_view sql, std::span<const Param> params) const;
  bool active() const noexcept { return listener || echo.load(std::memory_order_relaxed); }
};

}  // namespace relate
