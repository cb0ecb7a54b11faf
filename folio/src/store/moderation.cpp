// Comment moderation: which comments wait, and approving them.

#include "relate/relate.hpp"
#include "store/blog_store.hpp"
#include "store/models.hpp"
#include "store/store_support.hpp"

namespace folio {

using relate::asc;
using relate::col;
using namespace store_support;

bool BlogStore::must_wait(Moderation moderation, const std::optional<std::string>& key) {
  switch (moderation) {
    case Moderation::off:
      return false;
    case Moderation::all:
      return true;
    case Moderation::first:
      break;
  }
  if (!key || key->empty()) return true;
  // A commenter is trusted once an admin approved one of their comments:
  // one of theirs is visible (an indexed query).
  auto s = db_->session();
  return s.query<Comment>()
             .filter(col(&Comment::commenter_key) == *key &&
                     col(&Comment::status) == comment_status::visible)
             .limit(1)
             .count() == 0;
}

std::vector<CommentView> BlogStore::pending_comments(int limit) {
  auto s = db_->session();
  std::vector<CommentView> out;
  for (const auto& c : s.query<Comment>()
                           .options(relate::selectinload(&Comment::post))
                           .filter(col(&Comment::status) == comment_status::pending)
                           .order_by(asc(&Comment::id))
                           .limit(limit)
                           .all()) {
    out.push_back(comment_view(c, c->post->title));
  }
  return out;
}

bool BlogStore::approve_comment(std::int64_t comment_id) {
  return unless_unavailable([&] {
    auto s = db_->session();
    auto c = s.get<Comment>(comment_id);
    if (!c) return false;
    c->status = comment_status::visible;
    s.commit();
    return true;
  });
}

}  // namespace folio
