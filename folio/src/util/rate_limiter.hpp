#pragma once
// A per-client rate limit: at most `limit` events in a sliding `window`.
// Counters live in this process (documented: several Folio processes behind
// a load balancer each keep their own). Thread-safe.

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace folio {

struct RateLimit {
  std::size_t limit = 0;  // 0: unlimited
  std::chrono::seconds window{60};

  // Parses "N/SECONDS" (e.g. "10/180"), or "0"/"off" for unlimited. Throws
  // std::invalid_argument naming the text.
  static RateLimit parse(std::string_view text);
};

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  explicit RateLimiter(RateLimit limit) : limit_(limit) {}

  // When `client` has used its allowance: how long until it may try again.
  // nullopt: allowed (nothing is recorded; call record() for that).
  std::optional<std::chrono::seconds> blocked(std::string_view client,
                                              Clock::time_point now = Clock::now());
  // Counts one event for `client`.
  void record(std::string_view client, Clock::time_point now = Clock::now());
  // Forgets `client` (e.g. after a successful login).
  void reset(std::string_view client);

  bool enabled() const noexcept { return limit_.limit > 0; }

 private:
  void forget_old(std::deque<Clock::time_point>& events, Clock::time_point now) const;

  RateLimit limit_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<Clock::time_point>> events_;
  std::size_t calls_since_sweep_ = 0;
};

}  // namespace folio
