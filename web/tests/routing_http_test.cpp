// Routing, decoding and responses over a real connection: 404, 405 + Allow, HEAD, the
// trailing-slash redirect, typed parameters, strict decoding (400), JSON, 303, handler
// exceptions (logged 500), the access log and pluggable error pages.
#include <gtest/gtest.h>

#include "tutorial_app.hpp"

namespace web::testing {
namespace {

class RoutingOverHttp : public ::testing::Test {
 protected:
  TutorialBlog blog;
  RunningServer server{*blog.app};
  Client client{server.port()};
};

TEST_F(RoutingOverHttp, ServesTheIndexPage) {
  const HttpResult r = client.get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("<title>Posts - FlaskApp</title>"), std::string::npos);
  EXPECT_NE(r.body.find("<a href=\"/2/\">Post The Second</a>"), std::string::npos);
  EXPECT_NE(r.body.find("<a href=\"/comments/\">Comments</a>"), std::string::npos);  // partial
}

TEST_F(RoutingOverHttp, UnknownPathIs404ThroughTheErrorPage) {
  const HttpResult r = client.get("/no/such/page");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("<h1>Oops: 404</h1>"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("<title>Error - FlaskApp</title>"), std::string::npos);  // in the layout
}

TEST_F(RoutingOverHttp, HandlerAbortIsRenderedWithItsMessage) {
  const HttpResult r = client.get("/99/");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("There is no post 99."), std::string::npos) << r.body;
}

TEST_F(RoutingOverHttp, WrongMethodIs405WithAllow) {
  const HttpResult r = client.get("/comments/1/delete");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("Allow"), "POST, OPTIONS");
  EXPECT_EQ(blog.deletes, 0);
  const HttpResult put = client.request("PUT", "/1/");
  EXPECT_EQ(put.status, 405);
  EXPECT_EQ(put.header("Allow"), "GET, HEAD, POST, OPTIONS");
}

TEST_F(RoutingOverHttp, OptionsAnswersWithAllow) {
  const HttpResult r = client.request("OPTIONS", "/1/");
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.header("Allow"), "GET, HEAD, POST, OPTIONS");
}

TEST_F(RoutingOverHttp, HeadIsServedForGetWithoutABody) {
  const HttpResult get = client.get("/");
  const HttpResult head = client.request("HEAD", "/");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.header("Content-Length"), std::to_string(get.body.size()));
  // The connection is still in step: the next response is read correctly.
  EXPECT_EQ(client.get("/comments/").status, 200);
}

TEST_F(RoutingOverHttp, MissingTrailingSlashIsAPermanentRedirect) {
  const HttpResult r = client.get("/1?x=%20y");
  EXPECT_EQ(r.status, 308);
  EXPECT_EQ(r.header("Location"), "/1/?x=%20y");
  EXPECT_EQ(client.get("/comments").header("Location"), "/comments/");
}

TEST_F(RoutingOverHttp, RedirectNeverPointsToAnotherHost) {
  // "//evil.example" + "/" would be a protocol-relative URL.
  EXPECT_EQ(client.get("//evil.example").status, 404);
  EXPECT_EQ(client.get("/%5Cevil.example").status, 404);
}

TEST_F(RoutingOverHttp, TypedParametersArriveConverted) {
  EXPECT_EQ(client.get("/tags/c%2B%2B/").body, "tag:c++");
  EXPECT_EQ(client.get("/tags/caf%C3%A9/").body, "tag:caf\xC3\xA9");
  EXPECT_EQ(client.get("/files/a/b/c.txt").body, "file:a/b/c.txt");
  EXPECT_EQ(client.request("DELETE", "/items/12", {{"X-CSRF-Token", "x"}}).status, 403);
  EXPECT_EQ(client.get("/abc/").status, 404);  // not an int
}

// One canonical URL per post: /1/, never /00001/ or /%31/ (a 404, as for any other URL
// that names no page).
TEST_F(RoutingOverHttp, IntParametersHaveOneSpelling) {
  EXPECT_EQ(client.get("/1/").status, 200);
  EXPECT_EQ(client.get("/00001/").status, 404);
  EXPECT_EQ(client.get("/01/").status, 404);
  EXPECT_EQ(client.get("/%31/").status, 404);
  EXPECT_EQ(client.get("/%30%31/").status, 404);
  EXPECT_EQ(client.get("/99999999999999999999999/").status, 404);
  EXPECT_EQ(client.get("/00001").status, 404);  // no redirect to a spelling that is refused
}

TEST_F(RoutingOverHttp, NulInTheQueryIs400) {
  const HttpResult r = client.get("/search?q=%00");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("NUL byte"), std::string::npos) << r.body;
}

TEST_F(RoutingOverHttp, QueryStringIsDecoded) {
  EXPECT_EQ(client.get("/search?q=hello+world%21&page=1&page=2").body, "q=hello world! pages=2");
}

TEST_F(RoutingOverHttp, BadPercentEscapeIs400WithAClearMessage) {
  const HttpResult r = client.get("/search?q=%zz");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("invalid percent-encoding in the query string"), std::string::npos)
      << r.body;
  const HttpResult path = client.get("/tags/%E2%82/");
  EXPECT_EQ(path.status, 400);
  EXPECT_NE(path.body.find("URL path is not valid UTF-8"), std::string::npos) << path.body;
  EXPECT_EQ(client.get("/tags/a%00b/").status, 400);
}

TEST_F(RoutingOverHttp, InvalidUtf8InAFormIs400AndTheHandlerNeverRuns) {
  const HttpResult r = client.post_form(
      "/1/", "content=%C0%AF", {{"Origin", "http://127.0.0.1:" + std::to_string(server.port())}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("form body is not valid UTF-8"), std::string::npos) << r.body;
  EXPECT_EQ(blog.comment_posts, 0);
}

TEST_F(RoutingOverHttp, JsonResponses) {
  const HttpResult r = client.get("/json");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Content-Type"), "application/json");
  const auto body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["path"], "/json");
  EXPECT_EQ(body["client"], "127.0.0.1");
  EXPECT_FALSE(r.has_header("Content-Security-Policy"));  // not HTML
  EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
}

TEST_F(RoutingOverHttp, HandlerExceptionIsALogged500AndTheServerCarriesOn) {
  const HttpResult r = client.get("/boom");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("kaboom"), std::string::npos) << "internal details leaked";
  EXPECT_NE(r.body.find("Oops: 500"), std::string::npos);
  EXPECT_TRUE(blog.log.contains("error: web: GET /boom failed: kaboom: internal detail"));
  EXPECT_EQ(client.get("/").status, 200);  // same connection, still served
}

TEST_F(RoutingOverHttp, OneAccessLogLinePerRequest) {
  client.get("/comments/");
  client.get("/search?q=secret-token");
  EXPECT_TRUE(blog.log.contains("info: 127.0.0.1 \"GET /comments/\" 200 10 "));
  // The query string is not logged (it may hold secrets); the path is.
  EXPECT_TRUE(blog.log.contains("\"GET /search\" 200"));
  EXPECT_FALSE(blog.log.contains("secret-token"));
}

TEST(ErrorPages, BuiltInPageWhenTheAppHasNone) {
  App app{Config{.secret_key = "k"}};
  app.get("/", [](Request&) { return text("home"); });
  RunningServer server{app};
  Client client{server.port()};
  const HttpResult r = client.get("/missing");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("<h1>404 Not Found</h1>"), std::string::npos);
}

TEST(ErrorPages, FallBackToBuiltInWhenTheAppsOwnFails) {
  CapturedLog log;
  App app{Config{.secret_key = "k", .logger = log.logger}};
  app.set_error_page(
      [](Request&, const HttpError&) -> Response { throw std::runtime_error("bad"); });
  RunningServer server{app};
  Client client{server.port()};
  const HttpResult r = client.get("/missing");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("404 Not Found"), std::string::npos);
  EXPECT_TRUE(log.contains("the error page for 404 failed"));
}

TEST(Redirects, PostRedirectsWith303) {
  TutorialBlog blog;
  RunningServer server{*blog.app};
  Client client{server.port()};
  const HttpResult r =
      client.post_form("/2/", "content=" + form_encode("Nice post!"),
                       {{"Origin", "http://127.0.0.1:" + std::to_string(server.port())}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("Location"), "/2/");
  EXPECT_EQ(blog.comment_posts, 1);
}

}  // namespace
}  // namespace web::testing
