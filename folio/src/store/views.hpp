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

struct PostView {
  std::int64_t id{};
  std::string title{};
  std::string slug{};
  std::string content{};  // Markdown, as written
  std::string author{};   // display name; empty when the post has no author
  TimePoint created_at{};
};

struct CommentView {
  std::int64_t id{};
  std::int64_t post_id{};
  std::string post_title{};
  std::string author{};  // empty: anonymous
  std::optional<std::string> website{};
  std::string content{};
  TimePoint created_at{};
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
  int page = 1;  // the post page (of kCommentsPerPostPage comments) that shows it
};

struct UserView {
  std::int64_t id{};
  std::string username{};
  std::string display_name{};
  bool is_admin{};
};

// What a visitor typed into the comment form, already validated.
struct NewComment {
  std::string author{};
  std::optional<std::string> website{};
  std::string content{};
};

}  // namespace folio
