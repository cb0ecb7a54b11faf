#pragma once
// BlogStore: every read and write the blog makes, through relate. Each call
// opens its own session and returns plain views, so callers never hold ORM
// objects. Thread-safe: share one store between the server's threads.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

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

  // Tables: created when missing (data kept), or dropped.
  void create_schema();
  void drop_schema();
  // True when the tables exist and hold no post.
  bool empty();

  // The tutorial's init_db.py: three posts, four comments.
  void insert_sample();
  // Bulk fake data for benchmarks, committed in batches; `progress(done,
  // total)` is called after each batch.
  void seed(int posts, int comments_per_post, const std::function<void(int, int)>& progress);

  // Published posts, newest first.
  PageOf<PostView> posts(int page, int per_page);
  // A published post and its comments (oldest first); nullopt if none.
  std::optional<PostWithComments> post(std::int64_t id);
  // Adds a comment to a published post; the new comment's id, or nullopt
  // when there is no such post.
  std::optional<std::int64_t> add_comment(std::int64_t post_id, const NewComment& comment);
  // Every comment, newest first, with its post's title.
  PageOf<CommentView> comments(int page, int per_page);
  // Deletes a comment; its post's id, or nullopt when there is no such comment.
  std::optional<std::int64_t> delete_comment(std::int64_t comment_id);

  // Adds a post (for tests and tools).
  std::int64_t add_post(std::string_view title, std::string_view content,
                        std::optional<std::int64_t> author_id);

  std::optional<UserView> user(std::int64_t id);
  std::optional<StoredUser> user_by_name(std::string_view username);
  // Throws UsernameTaken.
  UserView create_user(std::string_view username, std::string_view display_name,
                       std::string password_hash, bool is_admin);

  relate::Database& database() noexcept;

 private:
  std::unique_ptr<relate::Database> db_;
};

}  // namespace folio
