// Every query the blog runs. Relations a page shows are loaded in bulk
// (one IN query) rather than one lazy load per row.

#include "store/blog_store.hpp"

#include "relate/relate.hpp"
#include "store/migrations.hpp"
#include "store/models.hpp"
#include "util/slug.hpp"

namespace folio {

using relate::asc;
using relate::col;
using relate::desc;

namespace {

PostView view_of(const relate::Ptr<Post>& p, std::string author) {
  return PostView{p->id, p->title, p->slug, p->content, std::move(author), p->created_at};
}

CommentView view_of(const relate::Ptr<Comment>& c, std::string post_title) {
  return CommentView{c->id,      c->post_id, std::move(post_title), c->author,
                     c->website, c->content, c->created_at};
}

std::string display_name(const relate::Ptr<User>& u) {
  if (!u) return {};
  return u->display_name.empty() ? u->username : u->display_name;
}

// Page numbers start at 1; reading one row more tells whether a next page exists.
std::int64_t offset_of(int page, int per_page) {
  return static_cast<std::int64_t>(page - 1) * per_page;
}

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

}  // namespace

namespace {
relate::DatabaseOptions options_of(bool echo, std::function<void(std::string_view)> on_statement) {
  relate::DatabaseOptions options;
  options.echo = echo;
  if (on_statement) {
    options.on_statement = [f = std::move(on_statement)](const relate::StatementEvent& e) {
      f(e.sql);
    };
  }
  return options;
}
}  // namespace

BlogStore::BlogStore(std::string_view url, bool echo,
                     std::function<void(std::string_view sql)> on_statement)
    : db_(std::make_unique<relate::Database>(url, options_of(echo, std::move(on_statement)))) {}

BlogStore::~BlogStore() = default;

relate::Database& BlogStore::database() noexcept {
  return *db_;
}

void BlogStore::upgrade_schema() {
  SchemaMigrations(*db_).upgrade();
}

void BlogStore::drop_schema() {
  SchemaMigrations migrations(*db_);
  if (!migrations.current()) migrations.upgrade();  // stamps a database from before migrations
  migrations.downgrade("base");
}

bool BlogStore::empty() {
  return db_->session().query<Post>().count() == 0;
}

void BlogStore::insert_sample() {
  auto s = db_->session();
  const auto post = [](const char* title, const char* content) {
    return relate::make(Post{.title = title, .slug = slugify(title), .content = content});
  };
  auto post1 = post("Post The First", "Content for the first post");
  auto post2 = post("Post The Second", "Content for the Second post");
  auto post3 = post("Post The Third", "Content for the third post");
  s.add_all({post1, post2, post3});
  s.flush();  // the tutorial's comment3 and comment4 name their posts by key
  s.add(Comment{.content = "Comment for the first post", .post = post1});
  s.add(Comment{.content = "Comment for the second post", .post = post2});
  s.add(Comment{.post_id = post2->id, .content = "Another comment for the second post"});
  s.add(Comment{.post_id = post1->id, .content = "Another comment for the first post"});
  s.commit();
}

void BlogStore::seed(int posts, int comments_per_post,
                     const std::function<void(int, int)>& progress) {
  constexpr int kBatch = 100;
  for (int done = 0; done < posts;) {
    auto s = db_->session();
    const int end = std::min(posts, done + kBatch);
    for (int i = done; i < end; ++i) {
      const std::string title = "Post " + std::to_string(i + 1);
      auto post = s.add(Post{.title = title,
                             .slug = slugify(title),
                             .content = "Seeded content of *post " + std::to_string(i + 1) +
                                        "*, written to measure how pages scale."});
      for (int c = 0; c < comments_per_post; ++c) {
        s.add(Comment{.author = "Reader " + std::to_string(c + 1),
                      .content = "Comment " + std::to_string(c + 1) + " on " + title,
                      .post = post});
      }
    }
    s.commit();
    done = end;
    if (progress) progress(done, posts);
  }
}

PageOf<PostView> BlogStore::posts(int page, int per_page) {
  auto s = db_->session();
  // Two statements a page: the posts, then their authors.
  auto rows = s.query<Post>()
                  .options(relate::selectinload(&Post::author))
                  .filter(col(&Post::published) == true)
                  .order_by(desc(&Post::id))
                  .limit(per_page + 1)
                  .offset(offset_of(page, per_page))
                  .all();
  PageOf<PostView> out;
  out.page = page;
  out.has_next = static_cast<int>(rows.size()) > per_page;
  if (out.has_next) rows.pop_back();
  for (const auto& p : rows)
    out.items.push_back(view_of(p, display_name(p->author)));
  return out;
}

std::optional<PostWithComments> BlogStore::post(std::int64_t id, int page, int per_page) {
  auto s = db_->session();
  auto p = s.get<Post>(id);
  if (!p || !p->published) return std::nullopt;
  PostWithComments out;
  out.post = view_of(p, display_name(p->author));
  // One page of comments, never the whole relationship (a post may have a
  // hundred thousand): LIMIT in SQL, one more row to know of a next page.
  auto rows = s.query<Comment>()
                  .filter(col(&Comment::post_id) == id)
                  .order_by(asc(&Comment::id))
                  .limit(per_page + 1)
                  .offset(offset_of(page, per_page))
                  .all();
  out.page = page;
  out.has_next = static_cast<int>(rows.size()) > per_page;
  if (out.has_next) rows.pop_back();
  for (const auto& c : rows)
    out.comments.push_back(view_of(c, p->title));
  return out;
}

std::optional<AddedComment> BlogStore::add_comment(std::int64_t post_id,
                                                   const NewComment& comment) {
  return unless_unavailable([&]() -> std::optional<AddedComment> {
    auto s = db_->session();
    auto p = s.get<Post>(post_id);
    if (!p || !p->published) return std::nullopt;
    auto c = s.add(Comment{.post_id = p->id,
                           .author = comment.author,
                           .website = comment.website,
                           .content = comment.content});
    s.commit();
    // Where it shows: after the comments before it (an indexed count).
    const auto before = s.query<Comment>()
                            .filter(col(&Comment::post_id) == post_id && col(&Comment::id) < c->id)
                            .count();
    return AddedComment{c->id, static_cast<int>(before / kCommentsPerPostPage) + 1};
  });
}

PageOf<CommentView> BlogStore::comments(int page, int per_page) {
  auto s = db_->session();
  // Two statements a page: the comments, then the posts they belong to.
  auto rows = s.query<Comment>()
                  .options(relate::selectinload(&Comment::post))
                  .order_by(desc(&Comment::id))
                  .limit(per_page + 1)
                  .offset(offset_of(page, per_page))
                  .all();
  PageOf<CommentView> out;
  out.page = page;
  out.has_next = static_cast<int>(rows.size()) > per_page;
  if (out.has_next) rows.pop_back();
  for (const auto& c : rows)
    out.items.push_back(view_of(c, c->post->title));
  return out;
}

std::optional<std::int64_t> BlogStore::delete_comment(std::int64_t comment_id) {
  return unless_unavailable([&]() -> std::optional<std::int64_t> {
    auto s = db_->session();
    auto c = s.get<Comment>(comment_id);
    if (!c) return std::nullopt;
    const std::int64_t post_id = c->post_id;
    s.remove(c);
    s.commit();
    return post_id;
  });
}

std::int64_t BlogStore::add_post(std::string_view title, std::string_view content,
                                 std::optional<std::int64_t> author_id) {
  auto s = db_->session();
  auto p = s.add(Post{.author_id = author_id,
                      .title = std::string(title),
                      .slug = slugify(title),
                      .content = std::string(content)});
  s.commit();
  return p->id;
}

namespace {
UserView view_of(const relate::Ptr<User>& u) {
  return UserView{u->id, u->username, u->display_name, u->is_admin};
}
}  // namespace

std::optional<UserView> BlogStore::user(std::int64_t id) {
  auto s = db_->session();
  auto u = s.get<User>(id);
  if (!u) return std::nullopt;
  return view_of(u);
}

std::optional<StoredUser> BlogStore::user_by_name(std::string_view username) {
  auto s = db_->session();
  auto u = s.query<User>().filter(col(&User::username) == username).first();
  if (!u) return std::nullopt;
  return StoredUser{view_of(u), u->password_hash};
}

UserView BlogStore::create_user(std::string_view username, std::string_view display_name,
                                std::string password_hash, bool is_admin) {
  auto s = db_->session();
  auto u = s.add(User{.username = std::string(username),
                      .display_name = std::string(display_name),
                      .password_hash = std::move(password_hash),
                      .is_admin = is_admin});
  try {
    unless_unavailable([&] { s.commit(); });
  } catch (const relate::UniqueViolation&) {
    throw UsernameTaken("the username '" + std::string(username) + "' is taken");
  }
  return view_of(u);
}

std::int64_t BlogStore::session_generation(std::int64_t user_id) {
  auto s = db_->session();
  auto row =
      s.query<SessionGeneration>().filter(col(&SessionGeneration::user_id) == user_id).first();
  return row ? row->generation : 0;
}

std::optional<UserView> BlogStore::signed_in_user(std::int64_t user_id, std::int64_t generation) {
  auto user = this->user(user_id);
  if (!user || session_generation(user_id) != generation) return std::nullopt;
  return user;
}

bool BlogStore::end_sessions(std::int64_t user_id) {
  return unless_unavailable([&] {
    // Two processes may end the same user's sessions at once: the second to
    // insert the first row loses on the unique user_id, and then updates.
    for (int attempt = 0;; ++attempt) {
      auto s = db_->session();
      if (!s.get<User>(user_id)) return false;
      auto row =
          s.query<SessionGeneration>().filter(col(&SessionGeneration::user_id) == user_id).first();
      if (row) {
        row->generation += 1;
      } else {
        s.add(SessionGeneration{.user_id = user_id, .generation = 1});
      }
      try {
        s.commit();
        return true;
      } catch (const relate::UniqueViolation&) {
        if (attempt > 0) throw;
      }
    }
  });
}

bool BlogStore::end_sessions(std::string_view username) {
  const auto stored = user_by_name(username);
  return stored && end_sessions(stored->user.id);
}

}  // namespace folio
