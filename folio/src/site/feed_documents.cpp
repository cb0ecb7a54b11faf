#include "site/feed_documents.hpp"

#include <chrono>

#include "site/view_data.hpp"
#include "util/text.hpp"
#include "util/xml_writer.hpp"

namespace folio {

namespace {

constexpr const char* kAtomNamespace = "http://www.w3.org/2005/Atom";
constexpr const char* kSitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
// Who an entry is by when its post has no author (the tutorial's posts):
// Atom wants a name on every entry.
constexpr const char* kSiteName = "Folio";

// An RFC 3339 time in UTC with the stored microseconds when there are any
// ("2026-12-02T14:50:01.250000Z"): an edit in the same second as the one
// before still changes the document, and so its ETag.
std::string feed_time(TimePoint t) {
  using namespace std::chrono;
  std::string out = iso_time(t);
  const auto micros = duration_cast<microseconds>(t - floor<seconds>(t)).count();
  if (micros == 0) return out;
  std::string fraction = std::to_string(micros);
  fraction.insert(0, 6 - fraction.size(), '0');
  out.insert(out.size() - 1, "." + fraction);
  return out;
}

void write_entry(XmlWriter& xml, const FeedEntry& entry, const std::string& base_url) {
  const PostView& post = entry.post;
  const std::string url = base_url + "/" + std::to_string(post.id) + "/";
  xml.open("entry");
  xml.element("id", url);
  xml.element("title", post.title, {{"type", "text"}});
  xml.element("link", "", {{"rel", "alternate"}, {"type", "text/html"}, {"href", url}});
  xml.element("published", feed_time(post.published_at.value_or(post.created_at)));
  xml.element("updated", feed_time(entry.updated_at));
  xml.open("author");
  xml.element("name", post.author.empty() ? kSiteName : post.author);
  if (!post.author_username.empty())
    xml.element("uri", base_url + "/authors/" + url_encode(post.author_username) + "/");
  xml.close();
  for (const TagView& tag : post.tags) {
    xml.element("category", "",
                {{"term", tag.slug}, {"label", tag.name}, {"scheme", base_url + "/tags/"}});
  }
  xml.element("content", post.content_html, {{"type", "html"}});
  xml.close();
}

void write_url(XmlWriter& xml, const std::string& loc, std::optional<TimePoint> lastmod) {
  xml.open("url");
  xml.element("loc", loc);
  if (lastmod) xml.element("lastmod", feed_time(*lastmod));
  xml.close();
}

}  // namespace

std::optional<TimePoint> newest_update(const std::vector<FeedEntry>& entries) {
  std::optional<TimePoint> newest;
  for (const FeedEntry& e : entries) {
    if (!newest || e.updated_at > *newest) newest = e.updated_at;
  }
  return newest;
}

std::optional<TimePoint> newest_update(const SitemapData& data) {
  std::optional<TimePoint> newest;
  for (const SitemapPost& p : data.posts) {
    if (!newest || p.updated_at > *newest) newest = p.updated_at;
  }
  return newest;
}

std::string atom_feed(const FeedHead& head, const std::vector<FeedEntry>& entries,
                      const std::string& base_url) {
  XmlWriter xml;
  xml.open("feed", {{"xmlns", kAtomNamespace}});
  xml.element("id", base_url + head.self_path);
  xml.element("title", head.title, {{"type", "text"}});
  xml.element("updated", feed_time(newest_update(entries).value_or(TimePoint{})));
  xml.element(
      "link", "",
      {{"rel", "self"}, {"type", "application/atom+xml"}, {"href", base_url + head.self_path}});
  xml.element("link", "",
              {{"rel", "alternate"}, {"type", "text/html"}, {"href", base_url + head.page_path}});
  xml.element("generator", kSiteName);
  for (const FeedEntry& entry : entries)
    write_entry(xml, entry, base_url);
  xml.close();
  return std::move(xml).finish();
}

std::string sitemap_xml(const SitemapData& data, const std::string& base_url) {
  XmlWriter xml;
  xml.open("urlset", {{"xmlns", kSitemapNamespace}});
  write_url(xml, base_url + "/", newest_update(data));
  for (const SitemapPost& p : data.posts)
    write_url(xml, base_url + "/" + std::to_string(p.id) + "/", p.updated_at);
  for (const SitemapPage& t : data.tags)
    write_url(xml, base_url + "/tags/" + url_encode(t.key) + "/", t.updated_at);
  for (const SitemapPage& a : data.authors)
    write_url(xml, base_url + "/authors/" + url_encode(a.key) + "/", a.updated_at);
  xml.close();
  return std::move(xml).finish();
}

}  // namespace folio
