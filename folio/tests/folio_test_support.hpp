#pragma once
// Folio test support: the blog on a real server (ephemeral loopback port,
// temporary SQLite file with the tutorial's sample and an admin), and a
// Browser that keeps cookies and sends forms with the page's CSRF token.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

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

// Records every statement's SQL (thread-safe: the server's threads run them).
class StatementLog {
 public:
  void add(std::string_view sql);
  std::size_t count() const;
  void clear();

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> sql_;
};

// A client with a cookie jar. Forms are posted with the csrf_token of the
// last page it got (as a browser would), and Origin set to the server.
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

  const std::string& csrf_token() const { return csrf_; }
  std::string cookie_header() const;

 private:
  void remember(const HttpResult& result);

  std::uint16_t port_;
  web::testing::Client client_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
};

struct BlogOptions {
  RateLimit login_limit{};    // off unless a test turns it on
  RateLimit comment_limit{};  // off unless a test turns it on
};

// The blog, served: store on a temporary SQLite file with the tutorial's
// sample data, an admin ("admin") and a plain user ("reader").
class RunningBlog {
 public:
  explicit RunningBlog(BlogOptions options = {});
  ~RunningBlog();

  std::uint16_t port() const { return server_->port(); }
  BlogStore& store() { return *store_; }
  StatementLog& statements() { return statements_; }
  Browser browser() const { return Browser(port()); }

 private:
  TempDir dir_;
  StatementLog statements_;
  std::unique_ptr<BlogStore> store_;
  std::unique_ptr<Site> site_;
  std::unique_ptr<web::testing::RunningServer> server_;
};

// The number of times `needle` occurs in `haystack`.
std::size_t occurrences(std::string_view haystack, std::string_view needle);

}  // namespace folio_test
