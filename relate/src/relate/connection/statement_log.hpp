#pragma once
// Where statements are reported: echo and the engine's listener. Private to relate.

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
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

  // The index check: off, or what to do with a SELECT that scans a table
  // whole where an index would serve (relate/connection/plan.hpp).
  std::atomic<ScanCheck> scan_check{ScanCheck::off};
  void set_scan_check(ScanCheck mode, std::function<void(std::string_view)> on_warning);
  // Reports a finding of the check in warn mode: to its handler, else stderr.
  void warn_scan(const std::string& message) const;

 private:
  mutable std::mutex scan_mutex_;
  std::shared_ptr<const std::function<void(std::string_view)>> scan_warning_;
};

}  // namespace relate
