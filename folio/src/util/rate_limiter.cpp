#include "util/rate_limiter.hpp"

#include <charconv>
#include <stdexcept>

namespace folio {

RateLimit RateLimit::parse(std::string_view text) {
  if (text == "0" || text == "off" || text == "none") return RateLimit{0, std::chrono::seconds{60}};
  const auto slash = text.find('/');
  std::size_t count = 0;
  long long seconds = 0;
  bool ok = slash != std::string_view::npos;
  if (ok) {
    const std::string_view a = text.substr(0, slash);
    const std::string_view b = text.substr(slash + 1);
    auto [pa, ea] = std::from_chars(a.data(), a.data() + a.size(), count);
    auto [pb, eb] = std::from_chars(b.data(), b.data() + b.size(), seconds);
    ok = ea == std::errc{} && pa == a.data() + a.size() && eb == std::errc{} &&
         pb == b.data() + b.size() && seconds > 0;
  }
  if (!ok) {
    throw std::invalid_argument("invalid rate limit '" + std::string(text) +
                                "': expected COUNT/SECONDS (e.g. 10/180) or 0 for none");
  }
  return RateLimit{count, std::chrono::seconds{seconds}};
}

void RateLimiter::forget_old(std::deque<Clock::time_point>& events, Clock::time_point now) const {
  while (!events.empty() && now - events.front() >= limit_.window)
    events.pop_front();
}

std::optional<std::chrono::seconds> RateLimiter::blocked(std::string_view client,
                                                         Clock::time_point now) {
  if (!enabled()) return std::nullopt;
  std::lock_guard lock{mutex_};
  auto it = events_.find(std::string(client));
  if (it == events_.end()) return std::nullopt;
  forget_old(it->second, now);
  if (it->second.size() < limit_.limit) return std::nullopt;
  // Allowed again when the oldest event in the window leaves it.
  const auto wait = limit_.window - (now - it->second.front());
  return std::max(std::chrono::seconds{1}, std::chrono::ceil<std::chrono::seconds>(wait));
}

void RateLimiter::record(std::string_view client, Clock::time_point now) {
  if (!enabled()) return;
  std::lock_guard lock{mutex_};
  auto& events = events_[std::string(client)];
  forget_old(events, now);
  events.push_back(now);
  // Now and then drop clients whose events have all expired, so the map
  // does not grow with every address ever seen.
  if (++calls_since_sweep_ >= 1024) {
    calls_since_sweep_ = 0;
    for (auto e = events_.begin(); e != events_.end();) {
      forget_old(e->second, now);
      e = e->second.empty() ? events_.erase(e) : std::next(e);
    }
  }
}

void RateLimiter::reset(std::string_view client) {
  std::lock_guard lock{mutex_};
  events_.erase(std::string(client));
}

}  // namespace folio
