// The Atom feeds and the sitemap: /feed.atom, /tags/<slug>/feed.atom and
// /sitemap.xml, each answering conditional GETs, so that a feed reader that
// polls gets 304 until a post it shows is published, edited or deleted.
//
// The ETag is a hash of the document itself: it changes exactly when the
// bytes do (an author's new display name too), at the price of building the
// document for every request, 304s included (a few bounded queries).
// Last-Modified is the newest edit among the posts shown; it has whole
// seconds and cannot see a deletion of a post that was not the newest, so
// a client sending only If-Modified-Since may keep a stale copy until the
// next edit: If-None-Match, which feed readers send, decides when present.

#include <stdexcept>

#include "site/feed_documents.hpp"
#include "site/site.hpp"
#include "util/public_url.hpp"

namespace folio {

namespace {

// The newest posts a feed shows.
constexpr int kFeedEntries = 20;
// What one sitemap file may list (sitemaps.org): past it the oldest posts
// are left out.
constexpr int kSitemapUrls = 50'000;

// Where the blog lives, for a request: FOLIO_PUBLIC_URL when set, else the
// request's Host header (400 when it is not a plain host[:port]).
struct BaseUrl {
  std::optional<std::string> configured{};
  bool https = false;

  std::string of(const web::Request& req) const {
    if (configured) return *configured;
    const std::optional<std::string_view> host = req.header("Host");
    std::optional<std::string> url;
    if (host) url = base_url_from_host(*host, https);
    if (!url)
      web::abort(web::Status::bad_request,
                 "The Host header must name this blog (a host name and an optional port).");
    return *url;
  }
};

// A document answering conditional GETs; feed readers and caches may keep
// it but must ask again each time (no-cache), which a 304 answers cheaply.
web::Response xml_document(const web::Request& req, std::string body, std::string content_type,
                           std::optional<TimePoint> last_modified) {
  web::Response r;
  r.set_content_type(std::move(content_type));
  r.set_body(std::move(body));
  r.set_header("Cache-Control", "public, no-cache");
  return web::conditional(req, std::move(r), last_modified);
}

web::Response atom_response(const web::Request& req, const FeedHead& head,
                            const std::vector<FeedEntry>& entries, const std::string& base) {
  return xml_document(req, atom_feed(head, entries, base), "application/atom+xml; charset=utf-8",
                      newest_update(entries));
}

}  // namespace

void Site::add_feed_routes(const SiteOptions& options) {
  // Checked once here: a bad FOLIO_PUBLIC_URL is refused by load_settings.
  BaseUrl base{.configured =
                   options.public_url.empty() ? std::nullopt : parse_public_url(options.public_url),
               .https = options.secure_cookies};
  if (!options.public_url.empty() && !base.configured)
    throw std::invalid_argument("SiteOptions::public_url is not a base URL: " + options.public_url);

  app_.get("/feed.atom",
           [this, base](web::Request& req) {
             const std::string url = base.of(req);
             return atom_response(req,
                                  {.title = "Folio", .self_path = "/feed.atom", .page_path = "/"},
                                  store_.feed_entries(kFeedEntries), url);
           },
           {.name = "feed"});

  app_.get("/tags/<slug>/feed.atom",
           [this, base](web::Request& req, std::string_view slug) {
             const std::string url = base.of(req);
             auto found = store_.tag_feed_entries(slug, kFeedEntries);
             if (!found) web::abort(web::Status::not_found, "There is no such tag.");
             const std::string page = "/tags/" + found->first.slug + "/";
             return atom_response(req,
                                  {.title = "Folio: posts tagged " + found->first.name,
                                   .self_path = page + "feed.atom",
                                   .page_path = page},
                                  found->second, url);
           },
           {.name = "tag_feed"});

  app_.get("/sitemap.xml",
           [this, base](web::Request& req) {
             const std::string url = base.of(req);
             const SitemapData data = store_.sitemap(kSitemapUrls - 1);  // and "/"
             return xml_document(req, sitemap_xml(data, url), "application/xml; charset=utf-8",
                                 newest_update(data));
           },
           {.name = "sitemap"});
}

}  // namespace folio
