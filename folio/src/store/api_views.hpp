#pragma once
// Plain data the JSON API reads from the store (see views.hpp): counted
// pages, list filters, and API tokens (never their secret).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/views.hpp"

namespace folio {

// One page of a list and how many items the whole list holds (the API
// says how many pages there are; the site's pages only link to the next).
template <class T>
struct CountedPage {
  std::vector<T> items{};
  int page = 1;
  int per_page = 1;
  std::int64_t total{};
};

// Which published posts a list shows: all, or those with the tag and/or by
// the author named.
struct PostFilter {
  std::optional<std::string> tag_slug{};
  std::optional<std::string> author_username{};
};

// An API token as listed: who owns it and when it was used, not its hash.
struct ApiTokenView {
  std::int64_t id{};
  std::int64_t user_id{};
  std::string username{};
  std::string name{};
  TimePoint created_at{};
  std::optional<TimePoint> last_used_at{};
};

}  // namespace folio
