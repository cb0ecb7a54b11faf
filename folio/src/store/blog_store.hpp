#pragma once
// BlogStore: every read and write the blog makes, through relate. Each call
// opens its own session and returns plain views, so callers never hold ORM
// objects. Thread-safe: share one store between the server's threads.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/feed_views.hpp"
#include "store/api_views.hpp"
#include "store/limits.hpp"
#include "store/search.hpp"
#include "store/views.hpp"

namespace relate {
class Database;
}

namespace folio {

// create_user was given a username that is taken.
class UsernameTaken : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The database cannot write now, for a reason of the machine rather than of
// the request: its disk is full, it is read-only, or another writer held the
// lock past the busy timeout. Nothing was stored; the same write may succeed
// later, without a restart. what() is a sentence for a visitor; detail() is
// the database's own message, for the log.
class StoreUnavailable : public std::runtime_error {
 public:
  StoreUnavailable(const std::string& message, std::string detail)
      : std::runtime_error(message), detail_(std::move(detail)) {}
  const std::string& detail() const noexcept { return detail_; }

 private:
  std::string detail_;
};

// A user as stored, with the password hash (for logging in only).
struct StoredUser {
  UserView user{};
  std::string password_hash{};
};

class BlogStore {
 public:
  // Opens the database at `url` (sqlite:///instance/folio.db, sqlite://, ...);
  // `echo` logs every statement, `on_statement` (if set) sees each one's SQL.
  // Throws relate::UrlError / ConnectionError.
  BlogStore(std::string_view url, bool echo,
            std::function<void(std::string_view sql)> on_statement = {});
  ~BlogStore();
  BlogStore(const BlogStore&) = delete;
  BlogStore& operator=(const BlogStore&) = delete;

  // The schema: upgraded to the newest revision (data kept; a new database
  // gets every table), or every revision undone (the tables and their data
  // dropped). See store/migrations.hpp.
  void upgrade_schema();
  void drop_schema();
  // True when the tables exist and hold no post.
  bool empty();

  // The tutorial's init_db.py: three posts, four comments.
  void insert_sample();
  // Bulk fake data for benchmarks, committed in batches; `progress(done,
  // total)` is called after each batch.
  void seed(int posts, int comments_per_post, const std::function<void(int, int)>& progress);

  // Published posts, newest published first, with their authors, tags and
  // comment counts (a fixed number of statements a page: see
  // comment_counts).
  PageOf<PostView> posts(int page, int per_page);
  // A post and page `page` of its comments (oldest first, `per_page` a page:
  // two bounded queries, whatever the number of comments); nullopt if there
  // is no such post or `reader` may not see it (a draft is for its author
  // and admins). Pending comments are listed for admins only.
  std::optional<PostWithComments> post(std::int64_t id, int page = 1,
                                       int per_page = kCommentsPerPostPage, Reader reader = {});
  // Adds a comment to a published post; the new comment and the page that
  // shows it, or nullopt when there is no such post. Under `moderation` the
  // comment may be held (pending). Throws StoreUnavailable.
  std::optional<AddedComment> add_comment(std::int64_t post_id, const NewComment& comment,
                                          Moderation moderation = Moderation::off);

  // Counts, each one call for a whole page (store/counts.cpp).
  // Visible comments of each post in `post_ids` (every id a key, 0 when none).
  std::map<std::int64_t, std::int64_t> comment_counts(const std::vector<std::int64_t>& post_ids);
  // Published posts of each tag in `tag_ids` (every id a key, 0 when none).
  std::map<std::int64_t, std::int64_t> tag_post_counts(const std::vector<std::int64_t>& tag_ids);
  DashboardCounts dashboard_counts(const UserView& user);

  // Tags and authors (store/browsing.cpp).
  // Every tag, by name, with its number of published posts.
  std::vector<TagView> tags();
  // The tag with `slug` and page `page` of its published posts; nullopt
  // when there is no such tag.
  std::optional<std::pair<TagView, PageOf<PostView>>> tag_posts(std::string_view slug, int page,
                                                                int per_page);
  std::optional<AuthorView> author(std::string_view username);
  PageOf<PostView> author_posts(std::int64_t user_id, int page, int per_page);

  // Feeds and the sitemap (store/feeds.cpp): published posts only.
  // The `limit` newest posts (newest published first, as on /), with their
  // authors and tags (three statements).
  std::vector<FeedEntry> feed_entries(int limit);
  // The tag with `slug` and its `limit` newest posts; nullopt when there is
  // no such tag.
  std::optional<std::pair<TagView, std::vector<FeedEntry>>> tag_feed_entries(std::string_view slug,
                                                                             int limit);
  // The posts, tags and authors the sitemap lists, at most `max_pages` in
  // all (the oldest posts left out first): three statements, no content read.
  SitemapData sitemap(int max_pages);
  // Search (store/search.cpp): page `page` of the published posts whose
  // title or content hold every word and "quoted phrase" of `text` (any
  // text: operators and quotes are words or nothing, never an error), best
  // match first, each with a snippet around its first match. A text without
  // words finds nothing (and runs no SQL).
  PageOf<SearchResult> search(std::string_view text, int page, int per_page);

  // Writing (store/writing.cpp). Each throws StoreUnavailable.
  // The posts `user` may edit (an admin every one, an author their own),
  // newest first, drafts included (only drafts with `drafts_only`).
  PageOf<PostView> editable_posts(const UserView& user, int page, int per_page,
                                  bool drafts_only = false);
  std::optional<EditablePost> editable_post(std::int64_t id);
  // Stores a new post by `author_id` with a unique slug and the tags named
  // (new ones created); its id.
  std::int64_t create_post(std::int64_t author_id, const PostDraft& draft);
  // False when there is no such post.
  bool update_post(std::int64_t id, const PostDraft& draft);
  // Deletes the post and its comments; false when there is no such post.
  bool delete_post(std::int64_t id);

  // Profiles (store/people.cpp).
  ProfileView profile(std::int64_t user_id);
  // Throws StoreUnavailable.
  void save_profile(std::int64_t user_id, const ProfileView& profile);

  // Moderation (store/moderation.cpp).
  // Comments awaiting moderation, oldest first.
  std::vector<CommentView> pending_comments(int limit);
  // Makes a pending comment visible (and, under moderation "first", its
  // commenter trusted); false when there is no such comment.
  bool approve_comment(std::int64_t comment_id);
  // Every comment, newest first, with its post's title.
  PageOf<CommentView> comments(int page, int per_page);
  // Deletes a comment; its post's id, or nullopt when there is no such comment.
  // Throws StoreUnavailable.
  std::optional<std::int64_t> delete_comment(std::int64_t comment_id);

  // The JSON API's reads (store/api_reads.cpp).
  // Published posts matching `filter`, newest published first, with their
  // authors, tags and comment counts, and how many match in all (one count
  // more than posts()).
  CountedPage<PostView> published_posts(const PostFilter& filter, int page, int per_page);
  // Page `page` of a post's comments, oldest first, and how many there are
  // (pending ones for admins only); nullopt when there is no such post or
  // `reader` may not see it.
  std::optional<CountedPage<CommentView>> post_comments(std::int64_t post_id, int page,
                                                        int per_page, Reader reader);
  // A comment, when `reader` may see it and its post (as post() decides).
  std::optional<CommentView> comment(std::int64_t comment_id, Reader reader);

  // API tokens (store/tokens.cpp), kept as hashes (util/api_token.hpp).
  // Stores a token of `user_id`; its id. Throws StoreUnavailable.
  std::int64_t add_api_token(std::int64_t user_id, std::string_view name, std::string token_hash);
  // The tokens of `user_id` (every user's when nullopt), oldest first.
  std::vector<ApiTokenView> api_tokens(std::optional<std::int64_t> user_id = std::nullopt);
  // Deletes a token: refused from the next request on. False when there is
  // no such token. Throws StoreUnavailable.
  bool revoke_api_token(std::int64_t token_id);
  // The user whose token has `token_hash`, read afresh (a revoked token or
  // a changed role counts at once: nothing is cached); nullopt when no
  // token has it. Records when the token was last used, at most once a
  // minute (a database that cannot write just leaves the time behind).
  std::optional<UserView> api_token_user(std::string_view token_hash);

  // Adds a post (for tests and tools).
  std::int64_t add_post(std::string_view title, std::string_view content,
                        std::optional<std::int64_t> author_id);

  std::optional<UserView> user(std::int64_t id);
  std::optional<StoredUser> user_by_name(std::string_view username);
  // Throws UsernameTaken, StoreUnavailable. Not an admin: an author.
  UserView create_user(std::string_view username, std::string_view display_name,
                       std::string password_hash, bool is_admin);

  // Sessions. A user's session generation starts at 0 and grows each time
  // their sessions are ended; a session cookie records the generation it was
  // issued in and is honoured only while that is still the user's
  // generation, so ending sessions invalidates every cookie issued before,
  // on every browser and every server process.
  //
  // The user's current generation (one indexed query).
  std::int64_t session_generation(std::int64_t user_id);
  // The user `user_id`, if their generation is still `generation` (the
  // user, then the generation: two queries); nullopt otherwise.
  std::optional<UserView> signed_in_user(std::int64_t user_id, std::int64_t generation);
  // Ends every session of the user (logout, "log out everywhere"): bumps
  // their generation. False when there is no such user. Throws
  // StoreUnavailable.
  bool end_sessions(std::int64_t user_id);
  // end_sessions for a username; false when there is no such user.
  bool end_sessions(std::string_view username);

  relate::Database& database() noexcept;

 private:
  // Sets each post's comment_count (one comment_counts call).
  void fill_comment_counts(std::vector<PostView>& posts);
  // Whether a comment by `key` under `moderation` waits for an admin.
  bool must_wait(Moderation moderation, const std::optional<std::string>& key);

  std::unique_ptr<relate::Database> db_;
};

}  // namespace folio
