// Every query the blog runs. Relations a page shows are loaded in bulk
// (one IN query) rather than one lazy load per row.

#include "store/blog_store.hpp"

#include "relate/relate.hpp"
#include "store/migrations.hpp"
#include "store/models.hpp"
#include "store/store_support.hpp"
#include "util/markdown.hpp"
#include "util/slug.hpp"

namespace folio {

using relate::asc;
using relate::col;
using relate::desc;

using namespace store_support;

namespace store_support {

std::string display_name(const relate::Ptr<User>& u) {
  if (!u) return {};
  return u->display_name.empty() ? u->username : u->display_name;
}

TagView tag_view(const relate::Ptr<Tag>& t) {
  return TagView{.id = t->id, .name = t->name, .slug = t->slug};
}

void set_content(Post& p, std::string markdown) {
  p.content_html = markdown_to_html(markdown);
  p.content = std::move(markdown);
}

PostView post_view(const relate::Ptr<Post>& p, bool with_tags) {
  const relate::Ptr<User> author = p->author;
  PostView v{.id = p->id,
             .title = p->title,
             .slug = p->slug,
             .content = p->content,
             .content_html = p->content_html ? *p->content_html : markdown_to_html(p->content),
             .author = display_name(author),
             .created_at = p->created_at};
  if (author) v.author_username = author->username;
  v.author_id = p->author_id;
  v.draft = p->status == post_status::draft;
  v.published_at = p->published_at;
  if (with_tags) {
    for (const auto& t : p->tags)
      v.tags.push_back(tag_view(t));
  }
  return v;
}

CommentView comment_view(const relate::Ptr<Comment>& c, std::string post_title) {
  return CommentView{.id = c->id,
                     .post_id = c->post_id,
                     .post_title = std::move(post_title),
                     .author = c->author,
                     .website = c->website,
                     .content = c->content,
                     .created_at = c->created_at,
                     .pending = c->status == comment_status::pending};
}

UserView user_view(const relate::Ptr<User>& u) {
  return UserView{u->id, u->username, u->display_name, u->role == role::admin};
}

std::string unique_post_slug(relate::Session& s, std::string_view title) {
  std::string base = slugify(title, kSlugMax - 8);
  if (base.empty()) base = "post";
  std::string slug = base;
  for (int n = 2; s.query<Post>().filter(col(&Post::slug) == slug).count() > 0; ++n)
    slug = base + "-" + std::to_string(n);
  return slug;
}

}  // namespace store_support

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
    return relate::make(Post{.title = title,
                             .slug = slugify(title),
                             .content = content,
                             .content_html = markdown_to_html(content),
                             .published_at = Clock::now()});
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
    // Slugs are unique: a batch whose slugs are all free (one query) needs
    // no look-up per post.
    std::vector<std::string> slugs;
    for (int i = done; i < end; ++i)
      slugs.push_back(slugify("Post " + std::to_string(i + 1)));
    const bool slugs_free = s.query<Post>().filter(col(&Post::slug).in(slugs)).count() == 0;
    for (int i = done; i < end; ++i) {
      const std::string title = "Post " + std::to_string(i + 1);
      const std::string content = "Seeded content of *post " + std::to_string(i + 1) +
                                  "*, written to measure how pages scale.";
      auto post = s.add(Post{.title = title,
                             .slug = slugs_free ? slugs[static_cast<std::size_t>(i - done)]
                                                : unique_post_slug(s, title),
                             .content = content,
                             .content_html = markdown_to_html(content),
                             .published_at = Clock::now()});
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
  // A fixed number of statements a page: the posts, their authors, their
  // tags, then the comment counts.
  auto out =
      page_of(s.query<Post>()
                  .options(relate::selectinload(&Post::author), relate::selectinload(&Post::tags))
                  .filter(col(&Post::status) == post_status::published)
                  .order_by(desc(&Post::published_at), desc(&Post::id)),
              page, per_page, [](const relate::Ptr<Post>& p) { return post_view(p, true); });
  fill_comment_counts(out.items);
  return out;
}

std::optional<PostWithComments> BlogStore::post(std::int64_t id, int page, int per_page,
                                                Reader reader) {
  auto s = db_->session();
  // The post with its author and tags in one statement (a row per tag).
  auto found = s.query<Post>()
                   .options(relate::joinedload(&Post::author), relate::joinedload(&Post::tags))
                   .filter(col(&Post::id) == id)
                   .all();
  if (found.empty()) return std::nullopt;
  const relate::Ptr<Post>& p = found.front();
  if (p->status == post_status::draft && !reader.admin &&
      (!reader.user_id || p->author_id != reader.user_id)) {
    return std::nullopt;
  }
  PostWithComments out;
  out.post = post_view(p, true);
  // One page of comments, never the whole relationship (a post may have a
  // hundred thousand): LIMIT in SQL, one more row to know of a next page.
  auto comments = s.query<Comment>().filter(col(&Comment::post_id) == id);
  if (!reader.admin) comments = comments.filter(col(&Comment::status) == comment_status::visible);
  auto listed = page_of(comments.order_by(asc(&Comment::id)), page, per_page,
                        [&](const relate::Ptr<Comment>& c) { return comment_view(c, p->title); });
  out.comments = std::move(listed.items);
  out.page = page;
  out.has_next = listed.has_next;
  return out;
}

std::optional<AddedComment> BlogStore::add_comment(std::int64_t post_id, const NewComment& comment,
                                                   Moderation moderation) {
  const bool held = must_wait(moderation, comment.commenter_key);
  return unless_unavailable([&]() -> std::optional<AddedComment> {
    auto s = db_->session();
    auto p = s.get<Post>(post_id);
    if (!p || p->status != post_status::published) return std::nullopt;
    auto c = s.add(Comment{.post_id = p->id,
                           .author = comment.author,
                           .website = comment.website,
                           .content = comment.content,
                           .status = held ? comment_status::pending : comment_status::visible,
                           .commenter_key = comment.commenter_key});
    s.commit();
    if (held) return AddedComment{c->id, 1, true};
    // Where it shows: after the comments before it (an indexed count).
    const auto before =
        s.query<Comment>()
            .filter(col(&Comment::post_id) == post_id && col(&Comment::id) < c->id &&
                    col(&Comment::status) == comment_status::visible)
            .count();
    return AddedComment{c->id, static_cast<int>(before / kCommentsPerPostPage) + 1, false};
  });
}

PageOf<CommentView> BlogStore::comments(int page, int per_page) {
  auto s = db_->session();
  // Two statements a page: the visible comments on published posts, then
  // those posts.
  return page_of(
      s.query<Comment>()
          .options(relate::selectinload(&Comment::post))
          .filter(col(&Comment::status) == comment_status::visible)
          .filter(relate::has(&Comment::post, col(&Post::status) == post_status::published))
          .order_by(desc(&Comment::id)),
      page, per_page,
      [](const relate::Ptr<Comment>& c) { return comment_view(c, c->post->title); });
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
                      .slug = unique_post_slug(s, title),
                      .content = std::string(content),
                      .content_html = markdown_to_html(content),
                      .published_at = Clock::now()});
  s.commit();
  return p->id;
}

std::optional<UserView> BlogStore::user(std::int64_t id) {
  auto s = db_->session();
  auto u = s.get<User>(id);
  if (!u) return std::nullopt;
  return user_view(u);
}

std::optional<StoredUser> BlogStore::user_by_name(std::string_view username) {
  auto s = db_->session();
  auto u = s.query<User>().filter(col(&User::username) == username).first();
  if (!u) return std::nullopt;
  return StoredUser{user_view(u), u->password_hash};
}

UserView BlogStore::create_user(std::string_view username, std::string_view display_name,
                                std::string password_hash, bool is_admin) {
  auto s = db_->session();
  auto u = s.add(User{.username = std::string(username),
                      .display_name = std::string(display_name),
                      .password_hash = std::move(password_hash),
                      .role = is_admin ? role::admin : role::author});
  try {
    unless_unavailable([&] { s.commit(); });
  } catch (const relate::UniqueViolation&) {
    throw UsernameTaken("the username '" + std::string(username) + "' is taken");
  }
  return user_view(u);
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
