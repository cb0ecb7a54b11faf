#pragma once
// Plain data read from the store: what pages are built from. No live ORM
// objects cross this line, so no lazy load can run while a page renders and
// every page's queries are visible in the store (DESIGN.md section 2).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace folio {

using TimePoint = std::chrono::system_clock::time_point;

struct TagView {
  std::int64_t id{};
  std::string name{};
  std::string slug{};
  std::int64_t post_count{};  // published posts; filled only where a page shows it
};

struct PostView {
  std::int64_t id{};
  std::string title{};
  std::string slug{};
  std::string content{};       // Markdown, as written
  std::string content_html{};  // rendered (util/markdown.hpp: safe to show)
  std::string author{};        // display name; empty when the post has no author
  TimePoint created_at{};
  std::string author_username{};  // empty when the post has no author
  std::optional<std::int64_t> author_id{};
  bool draft{};
  std::optional<TimePoint> published_at{};
  std::vector<TagView> tags{};   // by name
  std::int64_t comment_count{};  // visible comments; filled only where a page shows it
};

struct CommentView {
  std::int64_t id{};
  std::int64_t post_id{};
  std::string post_title{};
  std::string author{};  // empty: anonymous
  std::optional<std::string> website{};
  std::string content{};
  TimePoint created_at{};
  bool pending{};  // awaiting moderation
};

// One page of a list, newest first. `has_next` is known without counting the
// whole table (the store reads one row more than it shows).
template <class T>
struct PageOf {
  std::vector<T> items{};
  int page = 1;
  bool has_next = false;
};

// A post and one page of its comments.
struct PostWithComments {
  PostView post{};
  std::vector<CommentView> comments{};  // oldest first
  int page = 1;                         // of the comments
  bool has_next = false;                // newer comments on a next page
};

// A comment just stored, and where it shows.
struct AddedComment {
  std::int64_t id{};
  int page = 1;    // the post page (of kCommentsPerPostPage comments) that shows it
  bool pending{};  // held for moderation
};

struct UserView {
  std::int64_t id{};
  std::string username{};
  std::string display_name{};
  bool is_admin{};  // role admin; otherwise an author
};

// Who is reading a page, for what it may show: drafts to their author and
// admins, pending comments to admins. A visitor by default.
struct Reader {
  std::optional<std::int64_t> user_id{};
  bool admin{};
};

// An author's public page: their name, profile and (separately) posts.
struct AuthorView {
  std::int64_t id{};
  std::string username{};
  std::string display_name{};  // never empty: the username when none was given
  std::string bio{};
  std::optional<std::string> website{};
};

// The editable part of a user's profile.
struct ProfileView {
  std::string display_name{};
  std::string bio{};
  std::string website{};  // empty: none
};

// A post as the editor shows it.
struct EditablePost {
  std::int64_t id{};
  std::optional<std::int64_t> author_id{};
  std::string title{};
  std::string content{};
  std::vector<std::string> tags{};  // names
  bool draft{};
};

// What the post editor stores, already validated.
struct PostDraft {
  std::string title{};
  std::string content{};
  std::vector<std::string> tags{};  // names, each with a non-empty slug, no two slugs alike
  bool draft{};
};

// The admin dashboard's numbers.
struct DashboardCounts {
  std::int64_t published{};
  std::int64_t drafts{};
  std::int64_t comments{};
  std::int64_t pending_comments{};
};

// What a visitor typed into the comment form, already validated.
struct NewComment {
  std::string author{};
  std::optional<std::string> website{};
  std::string content{};
  std::optional<std::string> commenter_key{};  // see Comment::commenter_key
};

// How comments are moderated (FOLIO_COMMENT_MODERATION).
enum class Moderation {
  off,    // every comment shows at once (the tutorial)
  first,  // a commenter's comments wait until one of them is approved
  all,    // every comment waits for an admin
};

}  // namespace folio
