#pragma once
// Folio test support: a fresh database per test on every backend (SQLite,
// PostgreSQL), the blog on a real server (ephemeral loopback port, the
// tutorial's sample and an admin), and a Browser that keeps cookies and sends
// forms with the page's CSRF token.
//
// Tests are parameterized by backend (TEST_P on a BlogTest fixture, then
// FOLIO_INSTANTIATE_FOR_EVERY_BACKEND). PostgreSQL needs a server: its URL
// comes from FOLIO_TEST_POSTGRES_URL, which scripts/with-postgres sets (`make
// test` runs ctest through it). Without it the PostgreSQL cases are skipped
// with a message, or fail when CI or RELATE_TEST_REQUIRE_POSTGRES is set.
// MariaDB likewise: FOLIO_TEST_MARIADB_URL (scripts/with-mariadb) and
// RELATE_TEST_REQUIRE_MARIADB.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// relate's per-test PostgreSQL schema: shared, so that the SQL that makes and
// drops it stays in relate.
#include "../../relate/tests/test_database.hpp"
#include "site/site.hpp"
#include "store/blog_store.hpp"
#include "test_support.hpp"  // web::testing: Client, RunningServer, HttpResult

namespace folio_test {

using namespace folio;

using web::testing::HttpResult;

inline constexpr const char* kAdminPassword = "correct horse battery staple";
inline constexpr const char* kUserPassword = "just a reader";

// A temporary folder removed at destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A fresh, empty database for one test: a SQLite file in a temporary folder
// (a file, not memory: the server's threads use several connections), or a
// PostgreSQL schema of its own on FOLIO_TEST_POSTGRES_URL's server (tests run
// in parallel processes; keys start at 1), dropped at destruction.
class TestDatabase {
 public:
  explicit TestDatabase(std::string_view backend);

  // Whether the backend can run here; if not, why.
  bool available() const noexcept { return reason_.empty(); }
  const std::string& unavailable_reason() const noexcept { return reason_; }
  const std::string& backend() const noexcept { return backend_; }
  // The database's URL (an unused SQLite file when the backend is unavailable).
  std::string url() const;

 private:
  std::string backend_;
  TempDir dir_;
  std::optional<relate_test::TestDatabase> server_;  // PostgreSQL or MariaDB
  std::string reason_;
};

// Records every statement's SQL (thread-safe: the server's threads run them).
class StatementLog {
 public:
  void add(std::string_view sql);
  std::size_t count() const;
  // The statements recorded so far, oldest first (a copy).
  std::vector<std::string> all() const;
  void clear();

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> sql_;
};

// A client with a cookie jar. Forms are posted with the csrf_token of the
// last page that had one (as a browser would), and Origin set to the server
// unless send_origin(false) makes it a browser from before Origin.
class Browser {
 public:
  explicit Browser(std::uint16_t port) : port_(port), client_(port) {}

  HttpResult get(const std::string& target, web::testing::Headers headers = {});
  // Posts `fields` (name -> value, encoded here) plus the last page's CSRF token.
  HttpResult post(const std::string& target, const std::map<std::string, std::string>& fields,
                  web::testing::Headers headers = {});
  // Posts without adding any token.
  HttpResult post_raw(const std::string& target, const std::string& body,
                      web::testing::Headers headers = {});
  // Logs in through the login form; returns the login POST's response.
  HttpResult log_in(const std::string& username, const std::string& password);

  void send_origin(bool send) { send_origin_ = send; }
  const std::string& csrf_token() const { return csrf_; }
  std::string cookie_header() const;

 private:
  void remember(const HttpResult& result);

  std::uint16_t port_;
  web::testing::Client client_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
  bool send_origin_ = true;
};

struct BlogOptions {
  RateLimit login_limit{};    // off unless a test turns it on
  RateLimit comment_limit{};  // off unless a test turns it on
  std::vector<std::string> trusted_proxies{};
  Moderation comment_moderation = Moderation::off;
  std::string public_url{};  // SiteOptions::public_url
};

// The blog, served: store on the (empty) database at `url` with
// the tutorial's sample data, an admin ("admin") and an author ("reader").
class RunningBlog {
 public:
  explicit RunningBlog(const std::string& url, BlogOptions options = {});
  ~RunningBlog();

  std::uint16_t port() const { return server_->port(); }
  BlogStore& store() { return *store_; }
  StatementLog& statements() { return statements_; }
  Browser browser() const { return Browser(port()); }
  // Another author, `username`, with kUserPassword; their id.
  std::int64_t add_author(const std::string& username, const std::string& display_name = "");

 private:
  StatementLog statements_;
  std::unique_ptr<BlogStore> store_;
  std::unique_ptr<Site> site_;
  std::unique_ptr<web::testing::RunningServer> server_;
};

// A test on one backend (its parameter): `database` is fresh and empty, and
// the test is skipped (or failed, when backends are required) if the backend
// cannot run here.
class BlogTest : public ::testing::TestWithParam<std::string> {
 protected:
  BlogTest() : database(GetParam()) {}
  void SetUp() override { RELATE_REQUIRE_BACKEND(database); }
  std::string url() const { return database.url(); }

  TestDatabase database;
};

// Adds a published post as the Folio of revisions 0004 to 0006 wrote it (no
// post.content_html, which revision 0007 adds), for tests of upgrades from
// there; its id.
std::int64_t add_post_before_revision_0007(relate::Database& database, const std::string& title,
                                           const std::string& content);

// Whether `needle` occurs in `haystack`.
inline bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// The number of times `needle` occurs in `haystack`.
std::size_t occurrences(std::string_view haystack, std::string_view needle);

}  // namespace folio_test

// Runs the TEST_P tests of `suite` (a BlogTest) once per backend:
// Backends/suite.Name/sqlite, Backends/suite.Name/postgresql.
#define FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(suite) RELATE_INSTANTIATE_FOR_EVERY_BACKEND(suite)
