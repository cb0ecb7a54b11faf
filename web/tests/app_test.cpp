// Setting up an App: typed handlers checked at registration, templates at startup, the route
// listing.
#include <gtest/gtest.h>

#include "tutorial_app.hpp"

namespace web::testing {
namespace {

using namespace web::literals;

TEST(Registration, HandlerParametersMustFitThePattern) {
  App app{Config{.secret_key = "k"}};
  EXPECT_THROW(app.get("/<int:id>/", [](Request&, std::string) { return text(""); }),
               std::invalid_argument);
  EXPECT_THROW(app.get("/<name>/", [](Request&, std::int64_t) { return text(""); }),
               std::invalid_argument);
  EXPECT_THROW(app.get("/<int:id>/", [](Request&) { return text(""); }), std::invalid_argument);
  EXPECT_THROW(app.get("/", [](Request&, std::int64_t) { return text(""); }),
               std::invalid_argument);
  EXPECT_THROW(app.get("/<int:id", [](Request&) { return text(""); }), std::invalid_argument);
  try {
    app.get("/posts/<int:id>/", [](Request&, std::string_view) { return text(""); });
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "route '/posts/<int:id>/': path parameter 1 is <int:...>, so the handler must "
                 "take std::int64_t there");
  }
  EXPECT_TRUE(app.routes().empty()) << "a refused route is not half-registered";
}

TEST(Registration, CompileTimeCheckedPatternsServeToo) {
  App app{Config{.secret_key = "k"}};
  // A mismatch here, e.g. std::string for <int:post_id>, would not compile.
  app.get("/<int:post_id>/"_route,
          [](Request&, std::int64_t post_id) { return text(std::to_string(post_id * 2)); });
  app.route("/tags/<name>/<int:page>"_route, {Method::get},
            [](Request&, const std::string& name, std::int64_t page) {
              return text(name + std::to_string(page));
            });
  RunningServer server{app};
  Client client{server.port()};
  EXPECT_EQ(client.get("/21/").body, "42");
  EXPECT_EQ(client.get("/tags/x/3").body, "x3");
}

TEST(Registration, RoutesAreListed) {
  TutorialBlog blog;
  const auto routes = blog.app->routes();
  ASSERT_GE(routes.size(), 4u);
  EXPECT_EQ(routes[0].pattern, "/");
  EXPECT_EQ(routes[0].methods.to_string(), "GET");
  EXPECT_EQ(routes[1].pattern, "/<int:post_id>/");
  EXPECT_EQ(routes[1].methods.to_string(), "GET, POST");
  EXPECT_EQ(routes[1].name, "/<int:post_id>/");
  EXPECT_FALSE(routes[1].csrf_exempt);
}

TEST(Startup, MissingTemplateFailsWhenTheHandleIsTaken) {
  TutorialBlog blog;
  EXPECT_THROW(blog.app->page("no-such-page"), TemplateError);
  EXPECT_THROW(blog.app->page("base"), TemplateError);  // the layout is not a page
  EXPECT_NO_THROW(blog.app->fragment("echo"));
}

TEST(Startup, BrokenTemplateFolderFailsTheApp) {
  EXPECT_THROW(App(Config{.secret_key = "k", .templates_dir = "/nonexistent/templates"}),
               TemplateError);
  try {
    App app{
        Config{.secret_key = "k", .templates_dir = data_dir() + "/templates", .layout = "nope"}};
    FAIL();
  } catch (const TemplateError& e) {
    EXPECT_NE(std::string(e.what()).find("layout template 'nope' not found"), std::string::npos);
  }
}

TEST(Startup, EmptySecretMeansARandomKeyAndAWarning) {
  CapturedLog log;
  App app{Config{.logger = log.logger}};
  EXPECT_TRUE(log.contains("secret_key is empty"));
}

TEST(Startup, APortInUseIsASystemError) {
  App app{Config{.secret_key = "k"}};
  RunningServer first{app};
  ServerOptions options = test_options();
  options.port = first.port();
  Server second{app, options};
  try {
    second.start();
    FAIL() << "a second server listened on the same port";
  } catch (const std::system_error& e) {
    EXPECT_EQ(e.code(), std::errc::address_in_use) << e.what();
  }
  ServerOptions bad = test_options();
  bad.host = "not-an-address";
  EXPECT_THROW(Server(app, bad).start(), std::system_error);
}

TEST(Handle, WorksWithoutASocket) {
  TutorialBlog blog;
  const std::vector<HeaderField> headers = {{"Host", "x"}};
  const Response r =
      blog.app->handle(IncomingRequest{Method::get, "/tags/a%20b/", headers, "", "10.0.0.1"});
  EXPECT_EQ(r.status(), Status::ok);
  EXPECT_EQ(r.body(), "tag:a b");
}

}  // namespace
}  // namespace web::testing
