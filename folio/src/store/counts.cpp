// The numbers pages show beside lists: each is one grouped statement for a
// whole page (SELECT post_id, count(*) ... GROUP BY post_id), whatever the
// number of rows it counts.

#include "relate/relate.hpp"
#include "store/blog_store.hpp"
#include "store/models.hpp"
#include "store/store_support.hpp"

namespace folio {

using relate::col;

std::map<std::int64_t, std::int64_t> BlogStore::comment_counts(
    const std::vector<std::int64_t>& post_ids) {
  std::map<std::int64_t, std::int64_t> counts;
  for (const std::int64_t id : post_ids)
    counts[id] = 0;
  if (post_ids.empty()) return counts;
  auto s = db_->session();
  const auto rows = s.select(col(&Comment::post_id), relate::count())
                        .filter(col(&Comment::post_id).in(post_ids) &&
                                col(&Comment::status) == comment_status::visible)
                        .group_by(col(&Comment::post_id))
                        .all();
  for (const auto& [post_id, n] : rows)
    counts[post_id] = n;
  return counts;
}

std::map<std::int64_t, std::int64_t> BlogStore::tag_post_counts(
    const std::vector<std::int64_t>& tag_ids) {
  std::map<std::int64_t, std::int64_t> counts;
  for (const std::int64_t id : tag_ids)
    counts[id] = 0;
  if (tag_ids.empty()) return counts;
  auto s = db_->session();
  const auto rows =
      s.select(col(&Tag::id), relate::count(col(&Post::id)))
          .join(&Tag::posts)
          .filter(col(&Tag::id).in(tag_ids) && col(&Post::status) == post_status::published)
          .group_by(col(&Tag::id))
          .all();
  for (const auto& [tag_id, n] : rows)
    counts[tag_id] = n;
  return counts;
}

void BlogStore::fill_comment_counts(std::vector<PostView>& posts) {
  std::vector<std::int64_t> ids;
  ids.reserve(posts.size());
  for (const PostView& p : posts)
    ids.push_back(p.id);
  const auto counts = comment_counts(ids);
  for (PostView& p : posts)
    p.comment_count = counts.at(p.id);
}

DashboardCounts BlogStore::dashboard_counts(const UserView& user) {
  auto s = db_->session();
  DashboardCounts out;
  // Posts by status (the user's own, unless an admin), then comments by status.
  auto posts = s.select(col(&Post::status), relate::count()).group_by(col(&Post::status));
  const auto post_rows =
      user.is_admin ? posts.all() : posts.filter(col(&Post::author_id) == user.id).all();
  for (const auto& [status, n] : post_rows) {
    if (status == post_status::published) out.published = n;
    if (status == post_status::draft) out.drafts = n;
  }
  const auto comment_rows =
      s.select(col(&Comment::status), relate::count()).group_by(col(&Comment::status)).all();
  for (const auto& [status, n] : comment_rows) {
    if (status == comment_status::visible) out.comments = n;
    if (status == comment_status::pending) out.pending_comments = n;
  }
  return out;
}

}  // namespace folio
