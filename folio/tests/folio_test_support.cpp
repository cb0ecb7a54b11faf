#include "folio_test_support.hpp"

#include <cstdlib>
#include <random>

#include "store/models.hpp"
#include "util/passwords.hpp"
#include "util/slug.hpp"

// The post table of revisions 0004 to 0006 (without content_html).
namespace folio_test {
struct PostBeforeRevision0007 {
  std::int64_t id{};
  std::string title{};
  std::string slug{};
  std::string content{};
  std::string status{folio::post_status::published};
  std::optional<folio::Time> published_at{};
  folio::Time created_at{};
  folio::Time updated_at{};
};
}  // namespace folio_test

template <>
inline constexpr auto relate::model<folio_test::PostBeforeRevision0007> =
    relate::table<folio_test::PostBeforeRevision0007>(
        "post", relate::column("id", &folio_test::PostBeforeRevision0007::id, relate::primary_key),
        relate::column("title", &folio_test::PostBeforeRevision0007::title),
        relate::column("slug", &folio_test::PostBeforeRevision0007::slug),
        relate::column("content", &folio_test::PostBeforeRevision0007::content),
        relate::column("status", &folio_test::PostBeforeRevision0007::status),
        relate::column("published_at", &folio_test::PostBeforeRevision0007::published_at),
        relate::column("created_at", &folio_test::PostBeforeRevision0007::created_at,
                       relate::default_now),
        relate::column("updated_at", &folio_test::PostBeforeRevision0007::updated_at,
                       relate::default_now));

namespace folio_test {

TempDir::TempDir() {
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() /
          ("folio-test-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

namespace {

constexpr const char* kPostgresUrlVariable = "FOLIO_TEST_POSTGRES_URL";
constexpr const char* kMariadbUrlVariable = "FOLIO_TEST_MARIADB_URL";

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

// relate's TestDatabase makes its schema (or database) on
// RELATE_TEST_POSTGRES_URL's (RELATE_TEST_MARIADB_URL's) server; Folio's tests
// use Folio's (with-postgres and with-mariadb give each library a user and
// database of its own). Set once, before main, so that no thread reads the
// environment meanwhile.
bool share(const char* folio_variable, const char* relate_variable) {
  const std::string url = environment(folio_variable);
  return url.empty() || ::setenv(relate_variable, url.c_str(), 1) == 0;
}
const bool kPostgresUrlShared = share(kPostgresUrlVariable, "RELATE_TEST_POSTGRES_URL");
const bool kMariadbUrlShared = share(kMariadbUrlVariable, "RELATE_TEST_MARIADB_URL");

}  // namespace

TestDatabase::TestDatabase(std::string_view backend) : backend_(backend) {
  if (backend_ == "sqlite") return;
  const bool mariadb = backend_ == "mariadb";
  const char* variable = mariadb ? kMariadbUrlVariable : kPostgresUrlVariable;
  if (environment(variable).empty() || !(mariadb ? kMariadbUrlShared : kPostgresUrlShared)) {
    reason_ = std::string(variable) + " is not set, so the " +
              (mariadb ? "MariaDB" : "PostgreSQL") + " cases cannot run: run the tests through " +
              (mariadb ? "scripts/with-mariadb" : "scripts/with-postgres") +
              " (as `make test` does)";
    return;
  }
  server_.emplace(backend_);
  if (!server_->available()) reason_ = server_->unavailable_reason();
}

std::string TestDatabase::url() const {
  if (server_ && server_->available()) return server_->url();
  return "sqlite:///" + (dir_.path() / "folio.db").string();
}

void StatementLog::add(std::string_view sql) {
  std::lock_guard lock{mutex_};
  sql_.emplace_back(sql);
}

std::size_t StatementLog::count() const {
  std::lock_guard lock{mutex_};
  return sql_.size();
}

std::vector<std::string> StatementLog::all() const {
  std::lock_guard lock{mutex_};
  return sql_;
}

void StatementLog::clear() {
  std::lock_guard lock{mutex_};
  sql_.clear();
}

std::string Browser::cookie_header() const {
  std::string out;
  for (const auto& [name, value] : cookies_) {
    if (!out.empty()) out += "; ";
    out += name + "=" + value;
  }
  return out;
}

void Browser::remember(const HttpResult& result) {
  for (const std::string& set : result.set_cookies()) {
    const auto eq = set.find('=');
    const auto end = set.find(';');
    if (eq == std::string::npos) continue;
    const std::string name = set.substr(0, eq);
    const std::string value = set.substr(eq + 1, end == std::string::npos ? end : end - eq - 1);
    if (value.empty() || set.find("Max-Age=0") != std::string::npos) {
      cookies_.erase(name);
    } else {
      cookies_[name] = value;
    }
  }
  const std::string token = web::testing::csrf_from_page(result.body);
  if (!token.empty()) csrf_ = token;
}

HttpResult Browser::get(const std::string& target, web::testing::Headers headers) {
  if (!cookies_.empty()) headers.emplace_back("Cookie", cookie_header());
  HttpResult result = client_.get(target, headers);
  remember(result);
  return result;
}

HttpResult Browser::post_raw(const std::string& target, const std::string& body,
                             web::testing::Headers headers) {
  if (!cookies_.empty()) headers.emplace_back("Cookie", cookie_header());
  if (send_origin_) headers.emplace_back("Origin", "http://127.0.0.1:" + std::to_string(port_));
  HttpResult result = client_.post_form(target, body, headers);
  remember(result);
  return result;
}

HttpResult Browser::post(const std::string& target,
                         const std::map<std::string, std::string>& fields,
                         web::testing::Headers headers) {
  std::string body = "csrf_token=" + web::testing::form_encode(csrf_);
  for (const auto& [name, value] : fields) {
    body += "&" + web::testing::form_encode(name) + "=" + web::testing::form_encode(value);
  }
  return post_raw(target, body, std::move(headers));
}

HttpResult Browser::log_in(const std::string& username, const std::string& password) {
  get("/login");
  return post("/login", {{"username", username}, {"password", password}});
}

namespace {

// Argon2id is deliberately slow: hash the two test passwords once per process.
const std::string& hashed(const char* password) {
  static std::map<std::string, std::string> cache;
  static std::mutex mutex;
  std::lock_guard lock{mutex};
  auto [it, inserted] = cache.try_emplace(password);
  if (inserted) it->second = folio::hash_password(password);
  return it->second;
}

}  // namespace

RunningBlog::RunningBlog(const std::string& url, BlogOptions options) {
  store_ = std::make_unique<BlogStore>(url, false,
                                       [this](std::string_view sql) { statements_.add(sql); });
  store_->upgrade_schema();
  store_->insert_sample();
  store_->create_user("admin", "The Admin", hashed(kAdminPassword), true);
  store_->create_user("reader", "", hashed(kUserPassword), false);
  SiteOptions site;
  site.resources = FOLIO_SOURCE_DIR;
  site.secret_key = "a test secret key that is long enough";
  site.login_limit = options.login_limit;
  site.comment_limit = options.comment_limit;
  site.trusted_proxies = std::move(options.trusted_proxies);
  site.comment_moderation = options.comment_moderation;
  site.public_url = std::move(options.public_url);
  site_ = std::make_unique<Site>(*store_, site);
  server_ = std::make_unique<web::testing::RunningServer>(site_->app());
  statements_.clear();
}

std::int64_t RunningBlog::add_author(const std::string& username, const std::string& display_name) {
  return store_->create_user(username, display_name, hashed(kUserPassword), false).id;
}

RunningBlog::~RunningBlog() {
  server_.reset();
  site_.reset();
  store_.reset();
}

std::size_t occurrences(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  for (auto pos = haystack.find(needle); pos != std::string_view::npos;
       pos = haystack.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

std::int64_t add_post_before_revision_0007(relate::Database& database, const std::string& title,
                                           const std::string& content) {
  auto s = database.session();
  auto p = s.add(PostBeforeRevision0007{.title = title,
                                        .slug = folio::slugify(title),
                                        .content = content,
                                        .published_at = std::chrono::system_clock::now()});
  s.commit();
  return p->id;
}

}  // namespace folio_test
