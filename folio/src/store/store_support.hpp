#pragma once
// What the store's files share: turning rows into views, page offsets,
// slugs that are unique, and StoreUnavailable for writes the database
// refuses for now. Private to store/.

#include <cstdint>
#include <string>
#include <string_view>

#include "relate/relate.hpp"
#include "store/blog_store.hpp"
#include "store/models.hpp"

namespace folio::store_support {

// The name a page shows for `u`: the display name, else the username;
// empty for no user.
std::string display_name(const relate::Ptr<User>& u);

// Sets a post's Markdown and the HTML it renders to (Post::content_html).
void set_content(Post& p, std::string markdown);

// A post's view with its author (loaded: callers load authors in bulk) and
// its tags when `with_tags` (loaded likewise).
PostView post_view(const relate::Ptr<Post>& p, bool with_tags);
CommentView comment_view(const relate::Ptr<Comment>& c, std::string post_title);
UserView user_view(const relate::Ptr<User>& u);
TagView tag_view(const relate::Ptr<Tag>& t);

// Page numbers start at 1; reading one row more tells whether a next page exists.
inline std::int64_t offset_of(int page, int per_page) {
  return static_cast<std::int64_t>(page - 1) * per_page;
}

// One page of `query` (read with one row more) as views.
template <class T, class Make>
auto page_of(const relate::Query<T>& query, int page, int per_page, Make make) {
  auto rows = query.limit(per_page + 1).offset(offset_of(page, per_page)).all();
  PageOf<decltype(make(rows.front()))> out;
  out.page = page;
  out.has_next = static_cast<int>(rows.size()) > per_page;
  if (out.has_next) rows.pop_back();
  for (const auto& row : rows)
    out.items.push_back(make(row));
  return out;
}

// slugify(title), or "post" for a title without letters or digits, with
// "-2", "-3", ... added until no other post has it.
std::string unique_post_slug(relate::Session& s, std::string_view title);

// Runs `write`, turning relate's errors for a database that cannot write
// now (disk full, read-only, lock timeout) into StoreUnavailable.
template <class Write>
auto unless_unavailable(Write&& write) -> decltype(write()) {
  try {
    return write();
  } catch (const relate::StorageFull& e) {
    throw StoreUnavailable("The blog's disk is full, so nothing can be saved right now.", e.what());
  } catch (const relate::ReadOnlyDatabase& e) {
    throw StoreUnavailable("The blog's database is read-only, so nothing can be saved right now.",
                           e.what());
  } catch (const relate::LockTimeout& e) {
    throw StoreUnavailable("The blog is too busy to save anything right now.", e.what());
  }
}

}  // namespace folio::store_support
