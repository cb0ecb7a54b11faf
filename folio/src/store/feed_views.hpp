#pragma once
// Plain data for the Atom feeds and the sitemap (store/feeds.cpp), read
// like the pages' views (store/views.hpp).

#include <cstdint>
#include <string>
#include <vector>

#include "store/views.hpp"

namespace folio {

// A published post as a feed entry shows it.
struct FeedEntry {
  PostView post{};  // with its author and tags; content is Markdown
  TimePoint updated_at{};
};

// A page the sitemap lists and the last edit of the newest-edited published
// post it shows.
struct SitemapPost {
  std::int64_t id{};
  TimePoint updated_at{};
};
struct SitemapPage {
  std::string key{};  // a tag's slug, an author's username
  TimePoint updated_at{};
};

struct SitemapData {
  std::vector<SitemapPost> posts{};    // published, newest published first
  std::vector<SitemapPage> tags{};     // tags with a published post, by slug
  std::vector<SitemapPage> authors{};  // authors with a published post, by username
};

}  // namespace folio
