#pragma once
// The Atom 1.0 feeds (RFC 4287) and the sitemap (sitemaps.org 0.9) as XML
// text, from store views. Pure functions: no I/O, no SQL; every title,
// name and rendered post goes through util/xml_writer.hpp, so the
// documents parse whatever the posts hold.

#include <optional>
#include <string>
#include <vector>

#include "store/feed_views.hpp"

namespace folio {

// What names a feed: its own path ("/feed.atom"), the page it stands for
// ("/", "/tags/c/") and its title. Paths start with '/'.
struct FeedHead {
  std::string title{};
  std::string self_path{};
  std::string page_path{};
};

// The feed of `entries` (newest first) for the blog at `base_url`
// ("https://blog.example.com", no trailing '/'). Each entry's id and link
// is the post's absolute URL; its content the post's Markdown rendered as
// on the post page (safe HTML), escaped into <content type="html">. Times
// are RFC 3339 in UTC, with microseconds when they have any. The
// feed's <updated> is the newest entry's last edit (1970-01-01 when there
// are none: the same empty feed keeps the same bytes).
std::string atom_feed(const FeedHead& head, const std::vector<FeedEntry>& entries,
                      const std::string& base_url);

// The newest last edit among `entries`; nullopt when there are none.
std::optional<TimePoint> newest_update(const std::vector<FeedEntry>& entries);

// The sitemap: "/" (dated by the newest post's edit), every post, tag page
// and author page in `data`, each with its <lastmod>.
std::string sitemap_xml(const SitemapData& data, const std::string& base_url);

// The newest last edit in `data`; nullopt when it lists no post.
std::optional<TimePoint> newest_update(const SitemapData& data);

}  // namespace folio
