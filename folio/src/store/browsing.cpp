// Reading by tag and by author.

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

// Published posts of `query`, newest published first, with authors and tags.
relate::Query<Post> published(relate::Query<Post> query) {
  return query.options(relate::selectinload(&Post::author), relate::selectinload(&Post::tags))
      .filter(col(&Post::status) == post_status::published)
      .order_by(desc(&Post::published_at), desc(&Post::id));
}

PostView with_tags(const relate::Ptr<Post>& p) {
  return post_view(p, true);
}

}  // namespace

std::vector<TagView> BlogStore::tags() {
  auto s = db_->session();
  std::vector<TagView> out;
  std::vector<std::int64_t> ids;
  for (const auto& t : s.query<Tag>().order_by(asc(&Tag::name)).all()) {
    out.push_back(tag_view(t));
    ids.push_back(t->id);
  }
  const auto counts = tag_post_counts(ids);
  for (TagView& t : out)
    t.post_count = counts.at(t.id);
  return out;
}

std::optional<std::pair<TagView, PageOf<PostView>>> BlogStore::tag_posts(std::string_view slug,
                                                                         int page, int per_page) {
  auto s = db_->session();
  auto tag = s.query<Tag>().filter(col(&Tag::slug) == slug).first();
  if (!tag) return std::nullopt;
  auto posts =
      page_of(published(s.query<Post>().filter(relate::any(&Post::tags, col(&Tag::id) == tag->id))),
              page, per_page, with_tags);
  fill_comment_counts(posts.items);
  return std::pair{tag_view(tag), std::move(posts)};
}

std::optional<AuthorView> BlogStore::author(std::string_view username) {
  auto s = db_->session();
  auto u = s.query<User>()
               .options(relate::joinedload(&User::profile))
               .filter(col(&User::username) == username)
               .first();
  if (!u) return std::nullopt;
  AuthorView out{.id = u->id, .username = u->username, .display_name = display_name(u)};
  if (const relate::Ptr<Profile> profile = u->profile) {
    out.bio = profile->bio;
    out.website = profile->website;
  }
  return out;
}

PageOf<PostView> BlogStore::author_posts(std::int64_t user_id, int page, int per_page) {
  auto s = db_->session();
  auto posts = page_of(published(s.query<Post>().filter(col(&Post::author_id) == user_id)), page,
                       per_page, with_tags);
  fill_comment_counts(posts.items);
  return posts;
}

}  // namespace folio
