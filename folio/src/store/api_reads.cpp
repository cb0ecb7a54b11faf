// The JSON API's reads: counted pages of posts (by tag, by author) and of a
// post's comments, and single comments. Relations are loaded in bulk, as
// blog_store.cpp does.

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

// Whether `reader` may see the post (a draft is for its author and admins),
// as BlogStore::post decides.
bool may_read(const relate::Ptr<Post>& p, const Reader& reader) {
  if (p->status != post_status::draft || reader.admin) return true;
  return reader.user_id && p->author_id == reader.user_id;
}

}  // namespace

CountedPage<PostView> BlogStore::published_posts(const PostFilter& filter, int page, int per_page) {
  auto s = db_->session();
  auto query = s.query<Post>().filter(col(&Post::status) == post_status::published);
  if (filter.tag_slug)
    query = query.filter(relate::any(&Post::tags, col(&Tag::slug) == *filter.tag_slug));
  if (filter.author_username) {
    query =
        query.filter(relate::has(&Post::author, col(&User::username) == *filter.author_username));
  }
  CountedPage<PostView> out{.page = page, .per_page = per_page, .total = query.count()};
  auto listed =
      page_of(query.options(relate::selectinload(&Post::author), relate::selectinload(&Post::tags))
                  .order_by(desc(&Post::published_at), desc(&Post::id)),
              page, per_page, [](const relate::Ptr<Post>& p) { return post_view(p, true); });
  out.items = std::move(listed.items);
  fill_comment_counts(out.items);
  return out;
}

std::optional<CountedPage<CommentView>> BlogStore::post_comments(std::int64_t post_id, int page,
                                                                 int per_page, Reader reader) {
  auto s = db_->session();
  auto p = s.get<Post>(post_id);
  if (!p || !may_read(p, reader)) return std::nullopt;
  auto comments = s.query<Comment>().filter(col(&Comment::post_id) == post_id);
  if (!reader.admin) comments = comments.filter(col(&Comment::status) == comment_status::visible);
  CountedPage<CommentView> out{.page = page, .per_page = per_page, .total = comments.count()};
  out.items = page_of(comments.order_by(asc(&Comment::id)), page, per_page,
                      [&](const relate::Ptr<Comment>& c) { return comment_view(c, p->title); })
                  .items;
  return out;
}

std::optional<CommentView> BlogStore::comment(std::int64_t comment_id, Reader reader) {
  auto s = db_->session();
  auto found = s.query<Comment>()
                   .options(relate::joinedload(&Comment::post))
                   .filter(col(&Comment::id) == comment_id)
                   .first();
  if (!found) return std::nullopt;
  if (found->status == comment_status::pending && !reader.admin) return std::nullopt;
  const relate::Ptr<Post> p = found->post;
  if (!may_read(p, reader)) return std::nullopt;
  return comment_view(found, p->title);
}

}  // namespace folio
