// Writing posts: creating, editing (tags created as they are named) and
// deleting them with their comments.

#include "relate/relate.hpp"
#include "store/blog_store.hpp"
#include "store/models.hpp"
#include "store/store_support.hpp"
#include "util/slug.hpp"

namespace folio {

using relate::col;
using relate::desc;
using namespace store_support;

namespace {

// The tags named in `names`: existing ones found by slug (one IN query),
// the others created.
std::vector<relate::Ptr<Tag>> tags_named(relate::Session& s,
                                         const std::vector<std::string>& names) {
  std::vector<std::string> slugs;
  for (const std::string& name : names)
    slugs.push_back(slugify(name, kTagMax));
  std::vector<relate::Ptr<Tag>> existing = s.query<Tag>().filter(col(&Tag::slug).in(slugs)).all();
  std::vector<relate::Ptr<Tag>> out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    relate::Ptr<Tag> tag;
    for (const auto& t : existing) {
      if (t->slug == slugs[i]) tag = t;
    }
    if (!tag) tag = s.add(Tag{.name = names[i], .slug = slugs[i]});
    out.push_back(tag);
  }
  return out;
}

// A draft's fields onto `p`; published_at set the first time it is published.
void apply(relate::Session& s, relate::Ptr<Post> p, const PostDraft& draft) {
  p->title = draft.title;
  set_content(*p, draft.content);
  p->status = draft.draft ? post_status::draft : post_status::published;
  if (!draft.draft && !p->published_at) p->published_at = Clock::now();
  p->updated_at = Clock::now();
  p->tags.assign(tags_named(s, draft.tags));
}

// Runs `write` (a whole transaction of its own) again when it lost a race
// for a unique row to another writer, a new tag's or a new slug's: the next
// attempt finds the winner's row. Bounded: a conflict that is not a race
// (a bug) still fails, after the last attempt; each lost race means another
// writer succeeded, so a few attempts serve a crowd of writers.
constexpr int kAttempts = 10;
template <class Write>
auto retrying_unique_races(Write&& write) -> decltype(write()) {
  for (int attempt = 1;; ++attempt) {
    try {
      return write();
    } catch (const relate::UniqueViolation&) {
      if (attempt == kAttempts) throw;
    }
  }
}

}  // namespace

PageOf<PostView> BlogStore::editable_posts(const UserView& user, int page, int per_page,
                                           bool drafts_only) {
  auto s = db_->session();
  auto query = s.query<Post>().options(relate::selectinload(&Post::author),
                                       relate::selectinload(&Post::tags));
  if (!user.is_admin) query = query.filter(col(&Post::author_id) == user.id);
  if (drafts_only) query = query.filter(col(&Post::status) == post_status::draft);
  return page_of(query.order_by(desc(&Post::id)), page, per_page,
                 [](const relate::Ptr<Post>& p) { return post_view(p, true); });
}

std::optional<EditablePost> BlogStore::editable_post(std::int64_t id) {
  auto s = db_->session();
  auto found =
      s.query<Post>().options(relate::joinedload(&Post::tags)).filter(col(&Post::id) == id).all();
  if (found.empty()) return std::nullopt;
  const relate::Ptr<Post>& p = found.front();
  EditablePost out{.id = p->id,
                   .author_id = p->author_id,
                   .title = p->title,
                   .content = p->content,
                   .draft = p->status == post_status::draft};
  for (const auto& t : p->tags)
    out.tags.push_back(t->name);
  return out;
}

std::int64_t BlogStore::create_post(std::int64_t author_id, const PostDraft& draft) {
  return unless_unavailable([&] {
    return retrying_unique_races([&] {
      auto s = db_->session();
      auto p = s.add(Post{.author_id = author_id, .slug = unique_post_slug(s, draft.title)});
      apply(s, p, draft);
      s.commit();
      return p->id;
    });
  });
}

bool BlogStore::update_post(std::int64_t id, const PostDraft& draft) {
  return unless_unavailable([&] {
    return retrying_unique_races([&] {
      auto s = db_->session();
      auto p = s.get<Post>(id);
      if (!p) return false;
      apply(s, p, draft);
      s.commit();
      return true;
    });
  });
}

bool BlogStore::delete_post(std::int64_t id) {
  return unless_unavailable([&] {
    auto s = db_->session();
    auto p = s.get<Post>(id);
    if (!p) return false;
    s.remove(p);  // its comments go with it (cascade all, delete-orphan)
    s.commit();
    return true;
  });
}

}  // namespace folio
