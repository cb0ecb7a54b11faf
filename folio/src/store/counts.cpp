// The numbers pages show beside lists: each is one BlogStore call for a
// whole page, so that its body can become one grouped statement
// (SELECT post_id, count(*) ... GROUP BY post_id) without touching a caller.

#include "relate/relate.hpp"
#include "store/blog_store.hpp"
#include "store/models.hpp"
#include "store/store_support.hpp"

namespace folio {

using relate::col;

std::map<std::int64_t, std::int64_t> BlogStore::comment_counts(
    const std::vector<std::int64_t>& post_ids) {
  // TODO(queries): one grouped statement (count per post_id, GROUP BY) once relate has it.
  auto s = db_->session();
  std::map<std::int64_t, std::int64_t> counts;
  for (const std::int64_t id : post_ids) {
    counts[id] = s.query<Comment>()
                     .filter(col(&Comment::post_id) == id &&
                             col(&Comment::status) == comment_status::visible)
                     .count();
  }
  return counts;
}

std::map<std::int64_t, std::int64_t> BlogStore::tag_post_counts(
    const std::vector<std::int64_t>& tag_ids) {
  // TODO(queries): one grouped statement (count per tag_id over post_tag, GROUP BY) once relate
  // has it.
  auto s = db_->session();
  std::map<std::int64_t, std::int64_t> counts;
  for (const std::int64_t id : tag_ids) {
    counts[id] = s.query<Post>()
                     .filter(col(&Post::status) == post_status::published)
                     .filter(relate::any(&Post::tags, col(&Tag::id) == id))
                     .count();
  }
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
  // TODO(queries): one grouped statement (count per status, GROUP BY) once relate has it.
  auto s = db_->session();
  auto posts = s.query<Post>();
  if (!user.is_admin) posts = posts.filter(col(&Post::author_id) == user.id);
  DashboardCounts out;
  out.published = posts.filter(col(&Post::status) == post_status::published).count();
  out.drafts = posts.filter(col(&Post::status) == post_status::draft).count();
  out.comments =
      s.query<Comment>().filter(col(&Comment::status) == comment_status::visible).count();
  out.pending_comments =
      s.query<Comment>().filter(col(&Comment::status) == comment_status::pending).count();
  return out;
}

}  // namespace folio
