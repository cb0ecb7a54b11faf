// Static files over a real connection: content types, ETag / Last-Modified and 304,
// Cache-Control, and path traversal in every spelling.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "test_support.hpp"

namespace web::testing {
namespace {

namespace fs = std::filesystem;

class StaticFilesOverHttp : public ::testing::Test {
 protected:
  static fs::path make_site() {
    const fs::path root = fs::temp_directory_path() / ("web-static-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root / "static" / "sub");
    std::ofstream(root / "static" / "style.css") << "body { color: #222; }\n";
    std::ofstream(root / "static" / "app.js") << "console.log('hi');\n";
    std::ofstream(root / "static" / "sub" / "page.html") << "<p>static page</p>\n";
    std::ofstream(root / "static" / "data.bin") << "\x01\x02";
    std::ofstream(root / "static" / ".env") << "SECRET=1\n";
    std::ofstream(root / "secret.txt") << "TOP SECRET\n";
    fs::create_symlink(root / "secret.txt", root / "static" / "link-out.txt");
    return root;
  }

  void TearDown() override { fs::remove_all(root_); }

  fs::path root_ = make_site();
  App app{Config{.secret_key = "k", .static_dir = root_ / "static"}};
  RunningServer server{app};
  Client client{server.port()};
};

TEST_F(StaticFilesOverHttp, ServesFilesWithTheirContentType) {
  const HttpResult css = client.get("/static/style.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.body, "body { color: #222; }\n");
  EXPECT_EQ(css.header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(css.header("Cache-Control"), "public, max-age=3600");
  EXPECT_EQ(client.get("/static/app.js").header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(client.get("/static/data.bin").header("Content-Type"), "application/octet-stream");
  const HttpResult page = client.get("/static/sub/page.html");
  EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(page.header("X-Frame-Options"), "DENY");  // HTML gets the security headers
  EXPECT_EQ(client.request("HEAD", "/static/style.css").header("Content-Length"), "22");
}

TEST_F(StaticFilesOverHttp, ConditionalRequestsGet304) {
  const HttpResult first = client.get("/static/style.css");
  const std::string etag = first.header("ETag");
  const std::string modified = first.header("Last-Modified");
  ASSERT_FALSE(etag.empty());
  ASSERT_FALSE(modified.empty());
  const HttpResult by_etag = client.get("/static/style.css", {{"If-None-Match", etag}});
  EXPECT_EQ(by_etag.status, 304);
  EXPECT_EQ(by_etag.body, "");
  EXPECT_EQ(by_etag.header("ETag"), etag);
  EXPECT_EQ(client.get("/static/style.css", {{"If-None-Match", "W/" + etag}}).status, 304);
  EXPECT_EQ(client.get("/static/style.css", {{"If-None-Match", "\"other\", " + etag}}).status, 304);
  EXPECT_EQ(client.get("/static/style.css", {{"If-Modified-Since", modified}}).status, 304);
  EXPECT_EQ(client.get("/static/style.css", {{"If-None-Match", "\"stale\""}}).status, 200);
  EXPECT_EQ(
      client.get("/static/style.css", {{"If-Modified-Since", "Thu, 01 Jan 1998 00:00:00 GMT"}})
          .status,
      200);
  // The connection survived the bodyless 304s.
  EXPECT_EQ(client.get("/static/app.js").status, 200);
}

TEST_F(StaticFilesOverHttp, TraversalNeverLeavesTheFolder) {
  for (const char* attempt : {
           "/static/../secret.txt",
           "/static/%2e%2e/secret.txt",
           "/static/%2E%2E%2Fsecret.txt",
           "/static/..%2fsecret.txt",
           "/static/sub/../../secret.txt",
           "/static/sub/%2e%2e/%2e%2e/secret.txt",
           "/static/..%5csecret.txt",
           "/static/%2fetc/passwd",
           "/static//etc/passwd",
           "/static/./style.css",
           "/static/%252e%252e/secret.txt",
           "/static/link-out.txt",
           "/static/.env",
           "/static/sub",
           "/static/",
       }) {
    const HttpResult r = client.get(attempt);
    EXPECT_TRUE(r.status == 404 || r.status == 400) << attempt << " -> " << r.status;
    EXPECT_EQ(r.body.find("SECRET"), std::string::npos) << attempt;
  }
}

TEST_F(StaticFilesOverHttp, RawDotDotSegmentsAreRefusedToo) {
  // Clients normalise "..", so send it raw.
  RawConnection raw{server.port()};
  raw.send("GET /static/../secret.txt HTTP/1.1\r\nHost: t\r\n\r\n");
  const HttpResult r = raw.read_response();
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body.find("SECRET"), std::string::npos);
}

TEST_F(StaticFilesOverHttp, OnlyGetAndHead) {
  const HttpResult r = client.request("POST", "/static/style.css");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("Allow"), "GET, HEAD");
}

TEST(StaticFiles, MissingFolderFailsAtStartup) {
  EXPECT_THROW(App(Config{.secret_key = "k", .static_dir = "/nonexistent/web/static"}),
               std::invalid_argument);
}

}  // namespace
}  // namespace web::testing
