// What the Atom feeds and the sitemap read: published posts only, in a
// fixed number of statements whatever the number of posts.

#include <algorithm>

#include "relate/relate.hpp"
#include "store/blog_store.hpp"
#include "store/models.hpp"
#include "store/store_support.hpp"

namespace folio {

using relate::asc;
using relate::col;
using relate::desc;
using namespace store_support;

namespace {

// The `limit` newest published posts of `query` (newest published first,
// as on /), with their authors and tags: three statements.
std::vector<FeedEntry> newest_entries(relate::Query<Post> query, int limit) {
  std::vector<FeedEntry> out;
  for (const auto& p :
       query.options(relate::selectinload(&Post::author), relate::selectinload(&Post::tags))
           .filter(col(&Post::status) == post_status::published)
           .order_by(desc(&Post::published_at), desc(&Post::id))
           .limit(limit)
           .all()) {
    out.push_back(FeedEntry{.post = post_view(p, true), .updated_at = p->updated_at});
  }
  return out;
}

}  // namespace

std::vector<FeedEntry> BlogStore::feed_entries(int limit) {
  auto s = db_->session();
  return newest_entries(s.query<Post>(), limit);
}

std::optional<std::pair<TagView, std::vector<FeedEntry>>> BlogStore::tag_feed_entries(
    std::string_view slug, int limit) {
  auto s = db_->session();
  auto tag = s.query<Tag>().filter(col(&Tag::slug) == slug).first();
  if (!tag) return std::nullopt;
  return std::pair{
      tag_view(tag),
      newest_entries(s.query<Post>().filter(relate::any(&Post::tags, col(&Tag::id) == tag->id)),
                     limit)};
}

SitemapData BlogStore::sitemap(int max_pages) {
  auto s = db_->session();
  SitemapData out;
  const auto published = col(&Post::status) == post_status::published;
  // Tags and authors with a published post, each with its newest edit: one
  // grouped statement each.
  for (const auto& [slug, updated] : s.select(col(&Tag::slug), relate::max(col(&Post::updated_at)))
                                         .join(&Tag::posts)
                                         .filter(published)
                                         .group_by(col(&Tag::slug))
                                         .order_by(asc(&Tag::slug))
                                         .all()) {
    if (updated) out.tags.push_back(SitemapPage{.key = slug, .updated_at = *updated});
  }
  for (const auto& [username, updated] :
       s.select(col(&User::username), relate::max(col(&Post::updated_at)))
           .join(&User::posts)
           .filter(published)
           .group_by(col(&User::username))
           .order_by(asc(&User::username))
           .all()) {
    if (updated) out.authors.push_back(SitemapPage{.key = username, .updated_at = *updated});
  }
  // The posts fill what is left: ids and dates only, never their content.
  const auto room = std::max<std::int64_t>(
      0, max_pages - static_cast<std::int64_t>(out.tags.size() + out.authors.size()));
  if (room == 0) return out;
  for (const auto& [id, updated] : s.select(col(&Post::id), col(&Post::updated_at))
                                       .filter(published)
                                       .order_by(desc(&Post::published_at), desc(&Post::id))
                                       .limit(room)
                                       .all()) {
    out.posts.push_back(SitemapPost{.id = id, .updated_at = updated});
  }
  return out;
}

}  // namespace folio
