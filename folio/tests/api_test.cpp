// The JSON API under /api/ (docs/api.md) over real HTTP, on every backend:
// public reads, bearer-token writes with the site's roles, comments with the
// form's rules and rate limit, problem+json errors, tokens revoked at once,
// CSRF for session-cookie writes, and the OpenAPI document.

#include <nlohmann/json.hpp>

#include "folio_test_support.hpp"
#include "site/api_problem.hpp"
#include "util/api_token.hpp"

using namespace folio_test;
using nlohmann::json;

using ApiRead = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(ApiRead);
using ApiWrite = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(ApiWrite);
using ApiComments = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(ApiComments);
using ApiErrors = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(ApiErrors);
using ApiTokens = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(ApiTokens);

namespace {

// A token for `username`, stored as `folio token create` stores one.
std::string make_token(RunningBlog& blog, const std::string& username) {
  const std::string token = folio::new_api_token();
  blog.store().add_api_token(blog.store().user_by_name(username)->user.id, "test",
                             folio::api_token_hash(token));
  return token;
}

// A program calling the API: no cookies, JSON bodies, an optional token.
class ApiClient {
 public:
  explicit ApiClient(std::uint16_t port, std::string token = {})
      : client_(port), token_(std::move(token)) {}

  HttpResult call(const std::string& method, const std::string& target,
                  std::optional<json> body = std::nullopt, web::testing::Headers headers = {}) {
    if (!token_.empty()) headers.emplace_back("Authorization", "Bearer " + token_);
    if (body) headers.emplace_back("Content-Type", "application/json");
    return client_.request(method, target, headers, body ? body->dump() : "");
  }
  HttpResult get(const std::string& target) { return call("GET", target); }
  HttpResult raw(const std::string& method, const std::string& target, const std::string& body,
                 web::testing::Headers headers) {
    return client_.request(method, target, headers, body);
  }
  void set_token(std::string token) { token_ = std::move(token); }

 private:
  web::testing::Client client_;
  std::string token_;
};

json body_of(const HttpResult& r) {
  return json::parse(r.body);
}

// The response is problem+json (RFC 9457) with `status`; its body.
json problem(const HttpResult& r, int status) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/problem+json") << r.body;
  const json p = json::parse(r.body, nullptr, false);
  EXPECT_TRUE(p.is_object()) << r.body;
  if (!p.is_object()) return json::object();
  EXPECT_EQ(p.value("status", 0), status);
  EXPECT_EQ(p.value("type", ""), "about:blank");
  EXPECT_FALSE(p.value("title", "").empty());
  EXPECT_FALSE(p.value("detail", "").empty());
  return p;
}

std::int64_t create_post(ApiClient& api, const std::string& title,
                         const std::vector<std::string>& tags = {},
                         const std::string& status = "published") {
  const HttpResult r = api.call("POST", "/api/posts",
                                json{{"title", title},
                                     {"content", "Some *text* for " + title},
                                     {"tags", tags},
                                     {"status", status}});
  EXPECT_EQ(r.status, 201) << r.body;
  if (r.status != 201) return 0;
  return body_of(r)["id"].get<std::int64_t>();
}

}  // namespace

TEST_P(ApiRead, ListsPublishedPostsWithPaging) {
  RunningBlog blog(url());
  ApiClient writer(blog.port(), make_token(blog, "reader"));
  for (int i = 1; i <= 4; ++i)
    create_post(writer, "Paged " + std::to_string(i), {"Paging"});
  create_post(writer, "Hidden draft", {"Paging"}, "draft");
  ApiClient visitor(blog.port());

  const HttpResult all = visitor.get("/api/posts");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.header("Content-Type"), "application/json");
  const json page = body_of(all);
  EXPECT_EQ(page["total"], 7);  // the sample's 3 and 4 new; not the draft
  EXPECT_EQ(page["page"], 1);
  EXPECT_EQ(page["per_page"], 10);
  EXPECT_EQ(page["pages"], 1);
  ASSERT_EQ(page["items"].size(), 7u);
  EXPECT_EQ(page["items"][0]["title"], "Paged 4");  // newest first
  EXPECT_EQ(page["items"][0]["author"]["username"], "reader");
  EXPECT_EQ(page["items"][0]["tags"][0]["slug"], "paging");
  EXPECT_EQ(page["items"][0]["status"], "published");

  const json second = body_of(visitor.get("/api/posts?tag=paging&per_page=3&page=2"));
  EXPECT_EQ(second["total"], 4);
  EXPECT_EQ(second["pages"], 2);
  ASSERT_EQ(second["items"].size(), 1u);
  EXPECT_EQ(second["items"][0]["title"], "Paged 1");

  const json by_author = body_of(visitor.get("/api/posts?author=reader"));
  EXPECT_EQ(by_author["total"], 4);
  EXPECT_EQ(body_of(visitor.get("/api/posts?author=admin"))["total"], 0);
  EXPECT_EQ(body_of(visitor.get("/api/posts?tag=nothing"))["items"].size(), 0u);
  // Past the last page: an empty page, not an error.
  EXPECT_EQ(body_of(visitor.get("/api/posts?page=9"))["items"].size(), 0u);
}

TEST_P(ApiRead, APageCostsTheSameStatementsWhateverItsSize) {
  RunningBlog blog(url());
  ApiClient writer(blog.port(), make_token(blog, "reader"));
  for (int i = 1; i <= 12; ++i)
    create_post(writer, "Counted " + std::to_string(i), {"T" + std::to_string(i % 3)});
  ApiClient visitor(blog.port());
  blog.statements().clear();
  ASSERT_EQ(body_of(visitor.get("/api/posts?per_page=2"))["items"].size(), 2u);
  const std::size_t few = blog.statements().count();
  blog.statements().clear();
  ASSERT_EQ(body_of(visitor.get("/api/posts?per_page=15"))["items"].size(), 15u);
  // The count, the posts, their authors, their tags, their comment counts.
  EXPECT_EQ(blog.statements().count(), few) << ::testing::PrintToString(blog.statements().all());
  EXPECT_LE(few, 5u) << ::testing::PrintToString(blog.statements().all());
}

TEST_P(ApiRead, PerPageOver100AndBadPagesAre422) {
  RunningBlog blog(url());
  ApiClient visitor(blog.port());
  EXPECT_EQ(visitor.get("/api/posts?per_page=100").status, 200);
  const json p = problem(visitor.get("/api/posts?per_page=101"), 422);
  EXPECT_TRUE(p["errors"].contains("per_page")) << p.dump();
  EXPECT_TRUE(problem(visitor.get("/api/posts?page=0"), 422)["errors"].contains("page"));
  EXPECT_TRUE(problem(visitor.get("/api/posts?page=x"), 422)["errors"].contains("page"));
  EXPECT_TRUE(problem(visitor.get("/api/posts/1/comments?per_page=1000"), 422)["errors"].contains(
      "per_page"));
}

TEST_P(ApiRead, APostWithItsTagsAuthorAndVisibleComments) {
  RunningBlog blog(url(), {.comment_moderation = Moderation::all});
  ApiClient visitor(blog.port());
  const json sample = body_of(visitor.get("/api/posts/1"));
  EXPECT_EQ(sample["title"], "Post The First");
  EXPECT_TRUE(sample["author"].is_null());
  ASSERT_EQ(sample["comments"].size(), 2u);
  EXPECT_EQ(sample["comments"][0]["content"], "Comment for the first post");
  EXPECT_EQ(sample["comment_count"], 2);
  EXPECT_EQ(sample["more_comments"], false);
  // A comment held for moderation is not listed for visitors, but is for admins.
  ASSERT_EQ(visitor.call("POST", "/api/posts/1/comments", json{{"content", "Held back"}}).status,
            201);
  EXPECT_EQ(body_of(visitor.get("/api/posts/1"))["comments"].size(), 2u);
  EXPECT_EQ(body_of(visitor.get("/api/posts/1/comments"))["total"], 2);
  ApiClient admin(blog.port(), make_token(blog, "admin"));
  const json as_admin = body_of(admin.get("/api/posts/1/comments"));
  EXPECT_EQ(as_admin["total"], 3);
  EXPECT_EQ(as_admin["items"][2]["status"], "pending");
  problem(visitor.get("/api/posts/999"), 404);
}

TEST_P(ApiRead, ADraftIs404UnlessTheTokensUserMaySeeIt) {
  RunningBlog blog(url());
  blog.add_author("other");
  ApiClient author(blog.port(), make_token(blog, "reader"));
  const std::int64_t draft = create_post(author, "My draft", {}, "draft");
  const std::string target = "/api/posts/" + std::to_string(draft);
  ApiClient visitor(blog.port());
  EXPECT_EQ(problem(visitor.get(target), 404)["detail"], "There is no such post.");
  problem(visitor.get(target + "/comments"), 404);
  ApiClient other(blog.port(), make_token(blog, "other"));
  problem(other.get(target), 404);
  EXPECT_EQ(body_of(author.get(target))["status"], "draft");
  ApiClient admin(blog.port(), make_token(blog, "admin"));
  EXPECT_EQ(admin.get(target).status, 200);
  // Drafts take no comments.
  problem(visitor.call("POST", target + "/comments", json{{"content", "Early"}}), 404);
}

TEST_P(ApiRead, TagsWithPostCounts) {
  RunningBlog blog(url());
  ApiClient writer(blog.port(), make_token(blog, "reader"));
  create_post(writer, "One", {"C++", "Databases"});
  create_post(writer, "Two", {"C++"});
  create_post(writer, "Three", {"C++"}, "draft");
  const json tags = body_of(ApiClient(blog.port()).get("/api/tags"));
  ASSERT_EQ(tags["items"].size(), 2u);
  EXPECT_EQ(tags["items"][0], (json{{"name", "C++"}, {"slug", "c"}, {"post_count", 2}}));
  EXPECT_EQ(tags["items"][1]["post_count"], 1);
}

TEST_P(ApiRead, OpenApiDocumentListsEveryEndpoint) {
  RunningBlog blog(url());
  const HttpResult r = ApiClient(blog.port()).get("/api/openapi.json");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Content-Type"), "application/json");
  const json doc = json::parse(r.body, nullptr, false);
  ASSERT_TRUE(doc.is_object()) << "not JSON";
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 4), "3.1.");
  const std::map<std::string, std::vector<std::string>> endpoints = {
      {"/api/posts", {"get", "post"}},
      {"/api/posts/{post_id}", {"get", "patch", "delete"}},
      {"/api/posts/{post_id}/comments", {"get", "post"}},
      {"/api/comments/{comment_id}", {"get", "delete"}},
      {"/api/tags", {"get"}},
      {"/api/openapi.json", {"get"}}};
  for (const auto& [path, methods] : endpoints) {
    ASSERT_TRUE(doc["paths"].contains(path)) << path;
    for (const std::string& m : methods)
      EXPECT_TRUE(doc["paths"][path].contains(m)) << m << " " << path;
  }
  // And every API route the site serves is in it, "<int:post_id>" as "{post_id}".
  SiteOptions options;
  options.resources = FOLIO_SOURCE_DIR;
  const Site site(blog.store(), options);
  std::size_t api_routes = 0;
  for (const web::RouteInfo& route : site.app().routes()) {
    if (!route.pattern.starts_with("/api/")) continue;
    ++api_routes;
    std::string path = route.pattern;
    for (std::size_t at; (at = path.find("<int:")) != std::string::npos;)
      path.replace(at, 5, "{");
    for (std::size_t at; (at = path.find('>')) != std::string::npos;)
      path.replace(at, 1, "}");
    ASSERT_TRUE(doc["paths"].contains(path)) << path;
    const std::string methods = route.methods.to_string();
    for (const char* m : {"GET", "POST", "PATCH", "DELETE"}) {
      if (!contains(methods, m)) continue;
      std::string lower = m;
      for (char& c : lower)
        c = static_cast<char>(c - 'A' + 'a');
      EXPECT_TRUE(doc["paths"][path].contains(lower)) << lower << " " << path;
    }
  }
  EXPECT_EQ(api_routes, 11u);
}

TEST_P(ApiWrite, CreatesReadsUpdatesAndDeletesAPostByToken) {
  RunningBlog blog(url());
  ApiClient author(blog.port(), make_token(blog, "reader"));
  const HttpResult created = author.call("POST", "/api/posts",
                                         json{{"title", "By token"},
                                              {"content", "Hello *API*"},
                                              {"tags", {"Api", "C++"}},
                                              {"status", "published"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const json post = body_of(created);
  const std::string location = "/api/posts/" + std::to_string(post["id"].get<std::int64_t>());
  EXPECT_EQ(created.header("Location"), location);
  EXPECT_TRUE(created.set_cookies().empty());  // token requests carry no cookies
  EXPECT_EQ(post["author"]["username"], "reader");
  EXPECT_EQ(post["tags"].size(), 2u);
  EXPECT_TRUE(contains(post["content_html"].get<std::string>(), "<em>API</em>"));

  ApiClient visitor(blog.port());
  EXPECT_EQ(body_of(visitor.get(location))["title"], "By token");
  // The site shows it too: the same store.
  EXPECT_TRUE(contains(blog.browser().get("/").body, "By token"));

  const HttpResult patched =
      author.call("PATCH", location, json{{"title", "Renamed"}, {"tags", json::array()}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(body_of(patched)["title"], "Renamed");
  EXPECT_EQ(body_of(patched)["content"], "Hello *API*");  // left out: kept
  EXPECT_EQ(body_of(patched)["tags"].size(), 0u);
  EXPECT_EQ(body_of(author.call("PATCH", location, json{{"status", "draft"}}))["status"], "draft");
  problem(visitor.get(location), 404);

  const HttpResult deleted = author.call("DELETE", location);
  EXPECT_EQ(deleted.status, 204);
  EXPECT_TRUE(deleted.body.empty());
  problem(author.get(location), 404);
  problem(author.call("DELETE", location), 404);
  EXPECT_FALSE(blog.store().editable_post(post["id"].get<std::int64_t>()));
}

TEST_P(ApiWrite, AnAuthorEditingAnothersPostIs403) {
  RunningBlog blog(url());
  blog.add_author("other");
  ApiClient author(blog.port(), make_token(blog, "reader"));
  ApiClient other(blog.port(), make_token(blog, "other"));
  const std::int64_t id = create_post(author, "Mine");
  const std::string target = "/api/posts/" + std::to_string(id);
  EXPECT_EQ(problem(other.call("PATCH", target, json{{"title", "Taken"}}), 403)["detail"],
            "You can only change your own posts.");
  problem(other.call("DELETE", target), 403);
  EXPECT_EQ(blog.store().editable_post(id)->title, "Mine");
  // An admin changes everyone's posts, and alone deletes comments.
  ApiClient admin(blog.port(), make_token(blog, "admin"));
  EXPECT_EQ(admin.call("PATCH", target, json{{"title", "Edited by admin"}}).status, 200);
  problem(author.call("DELETE", "/api/comments/1"), 403);
  EXPECT_EQ(admin.call("DELETE", "/api/comments/1").status, 204);
  problem(admin.call("DELETE", "/api/comments/1"), 404);
  EXPECT_EQ(admin.call("DELETE", target).status, 204);
}

TEST_P(ApiWrite, FieldErrorsAre422AndNothingIsStored) {
  RunningBlog blog(url());
  ApiClient author(blog.port(), make_token(blog, "reader"));
  json p = problem(author.call("POST", "/api/posts", json{{"content", "No title"}}), 422);
  EXPECT_EQ(p["errors"]["title"], "Please give the post a title.");
  p = problem(author.call("POST", "/api/posts",
                          json{{"title", std::string(101, 'x')},
                               {"content", 5},
                               {"tags", {"a,b"}},
                               {"status", "secret"},
                               {"colour", "red"}}),
              422);
  EXPECT_EQ(p["errors"]["title"], "A title can be at most 100 characters long.");
  EXPECT_EQ(p["errors"]["content"], "Must be a string.");
  EXPECT_EQ(p["errors"]["tags"], "A tag name cannot contain a comma.");
  EXPECT_EQ(p["errors"]["status"], "Choose whether the post is a draft or published.");
  EXPECT_EQ(p["errors"]["colour"], "Unknown field.");
  EXPECT_TRUE(
      problem(author.call("POST", "/api/posts", json::array()), 422)["errors"].contains("body"));
  EXPECT_EQ(body_of(ApiClient(blog.port()).get("/api/posts"))["total"], 3);
  // A PATCH is checked whole, too.
  const std::int64_t id = create_post(author, "Valid");
  p = problem(author.call("PATCH", "/api/posts/" + std::to_string(id), json{{"title", ""}}), 422);
  EXPECT_TRUE(p["errors"].contains("title"));
  EXPECT_EQ(blog.store().editable_post(id)->title, "Valid");
}

TEST_P(ApiWrite, ASessionWriteNeedsTheCsrfTokenABearerOneDoesNot) {
  RunningBlog blog(url());
  auto browser = blog.browser();
  ASSERT_EQ(browser.log_in("reader", kUserPassword).status, 303);
  browser.get("/admin/");  // a page with the CSRF token
  ASSERT_FALSE(browser.csrf_token().empty());
  ApiClient raw(blog.port());
  const std::string body =
      json{{"title", "By cookie"}, {"content", "x"}, {"status", "published"}}.dump();
  const HttpResult refused =
      raw.raw("POST", "/api/posts", body,
              {{"Cookie", browser.cookie_header()}, {"Content-Type", "application/json"}});
  EXPECT_EQ(problem(refused, 403)["detail"], "The CSRF token is missing.");
  const HttpResult accepted = raw.raw("POST", "/api/posts", body,
                                      {{"Cookie", browser.cookie_header()},
                                       {"Content-Type", "application/json"},
                                       {"X-CSRF-Token", browser.csrf_token()}});
  EXPECT_EQ(accepted.status, 201) << accepted.body;
  EXPECT_EQ(body_of(accepted)["author"]["username"], "reader");
  EXPECT_EQ(body_of(ApiClient(blog.port()).get("/api/posts?author=reader"))["total"], 1);
  // A bearer request, no cookie and no CSRF token: accepted.
  ApiClient bearer(blog.port(), make_token(blog, "reader"));
  EXPECT_EQ(bearer.call("POST", "/api/posts", json{{"title", "By token"}, {"content", "x"}}).status,
            201);
}

TEST_P(ApiComments, AddsACommentWithTheFormsRules) {
  RunningBlog blog(url());
  ApiClient visitor(blog.port());
  const HttpResult added = visitor.call(
      "POST", "/api/posts/2/comments",
      json{{"content", "From a program"}, {"author", "Bot"}, {"website", "https://bot.example"}});
  ASSERT_EQ(added.status, 201) << added.body;
  const json comment = body_of(added);
  EXPECT_EQ(comment["status"], "visible");
  EXPECT_EQ(comment["author"], "Bot");
  EXPECT_EQ(added.header("Location"), "/api/comments/" + std::to_string(comment["id"].get<int>()));
  EXPECT_EQ(body_of(visitor.get(added.header("Location")))["content"], "From a program");
  const json listed = body_of(visitor.get("/api/posts/2/comments"));
  EXPECT_EQ(listed["total"], 3);
  EXPECT_EQ(listed["items"][2]["content"], "From a program");
  EXPECT_TRUE(contains(blog.browser().get("/2/").body, "From a program"));

  json p = problem(visitor.call("POST", "/api/posts/2/comments",
                                json{{"content", ""}, {"website", "javascript:alert(1)"}}),
                   422);
  EXPECT_TRUE(p["errors"].contains("content"));
  EXPECT_TRUE(p["errors"].contains("website"));
  // No honeypot: an "email" is an unknown field, not a robot's tell.
  p = problem(visitor.call("POST", "/api/posts/2/comments", json{{"content", "x"}, {"email", "a"}}),
              422);
  EXPECT_EQ(p["errors"]["email"], "Unknown field.");
  problem(visitor.call("POST", "/api/posts/99/comments", json{{"content", "Nowhere"}}), 404);
  EXPECT_EQ(body_of(visitor.get("/api/posts/2/comments"))["total"], 3);
}

TEST_P(ApiComments, SharesTheSitesRateLimitWithRetryAfter) {
  RunningBlog blog(url(), {.comment_limit = {2, std::chrono::seconds{60}}});
  ApiClient visitor(blog.port());
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(visitor.call("POST", "/api/posts/1/comments", json{{"content", "ok"}}).status, 201);
  }
  const HttpResult limited =
      visitor.call("POST", "/api/posts/1/comments", json{{"content", "one too many"}});
  problem(limited, 429);
  EXPECT_FALSE(limited.header("Retry-After").empty());
  EXPECT_GT(std::stoi(limited.header("Retry-After")), 0);
  // The site's form counts against the same allowance.
  auto browser = blog.browser();
  browser.get("/1/");
  EXPECT_EQ(browser.post("/1/", {{"content", "by form"}}).status, 429);
}

TEST_P(ApiComments, ModerationHoldsCommentsAsOnTheSite) {
  RunningBlog blog(url(), {.comment_moderation = Moderation::first});
  ApiClient visitor(blog.port());
  const HttpResult held = visitor.call("POST", "/api/posts/1/comments", json{{"content", "Wait"}});
  ASSERT_EQ(held.status, 201);
  EXPECT_EQ(body_of(held)["status"], "pending");
  problem(visitor.get(held.header("Location")), 404);  // visitors do not see it
  EXPECT_EQ(blog.store().pending_comments(10).size(), 1u);
}

TEST_P(ApiErrors, StatusesAreProblemJson) {
  RunningBlog blog(url());
  ApiClient author(blog.port(), make_token(blog, "reader"));
  // 400: not JSON.
  EXPECT_EQ(problem(author.raw("POST", "/api/posts", "{\"title\":",
                               {{"Authorization", "Bearer " + make_token(blog, "reader")},
                                {"Content-Type", "application/json"}}),
                    400)["detail"],
            "the body is not valid JSON");
  // 415: not application/json.
  problem(author.raw("POST", "/api/posts", "title=x",
                     {{"Authorization", "Bearer " + make_token(blog, "reader")},
                      {"Content-Type", "application/x-www-form-urlencoded"}}),
          415);
  problem(author.raw("POST", "/api/posts/1/comments", "{}", {{"Content-Type", "text/plain"}}), 415);
  // 413: more than the server's 1 MiB, refused before the body is read.
  web::testing::RawConnection big(blog.port());
  big.send(
      "POST /api/posts HTTP/1.1\r\nHost: test\r\nContent-Length: 10000000\r\n"
      "Content-Type: application/json\r\nAuthorization: Bearer " +
      make_token(blog, "reader") + "\r\n\r\n");
  const HttpResult too_large = big.read_response();
  EXPECT_EQ(too_large.status, 413);
  EXPECT_EQ(too_large.header("Content-Type"), "application/problem+json");
  EXPECT_EQ(json::parse(too_large.body, nullptr, false).value("status", 0), 413);
  // 404: an unknown API path is problem+json, not the HTML page.
  EXPECT_FALSE(contains(problem(author.get("/api/nothing/here"), 404).dump(), "<html"));
  problem(author.get("/api"), 404);
  problem(author.get("/api/posts/1/"), 404);
  // 405 with Allow.
  const HttpResult not_allowed = author.call("PUT", "/api/posts/1", json::object());
  problem(not_allowed, 405);
  EXPECT_EQ(not_allowed.header("Allow"), "GET, HEAD, PATCH, DELETE, OPTIONS");
  EXPECT_EQ(author.call("POST", "/api/tags").header("Allow"), "GET, HEAD, OPTIONS");
  // The HTML pages keep their HTML errors.
  EXPECT_TRUE(contains(blog.browser().get("/nothing").header("Content-Type"), "text/html"));
}

TEST_P(ApiErrors, WritesWithoutAGoodTokenAre401WithAChallenge) {
  RunningBlog blog(url());
  ApiClient nobody(blog.port());
  const HttpResult none = nobody.call("POST", "/api/posts", json{{"title", "x"}, {"content", "y"}});
  problem(none, 401);
  EXPECT_EQ(none.header("WWW-Authenticate"), "Bearer realm=\"folio\"");
  problem(nobody.call("DELETE", "/api/posts/1"), 401);
  problem(nobody.call("PATCH", "/api/posts/1", json::object()), 401);
  problem(nobody.call("DELETE", "/api/comments/1"), 401);
  for (const std::string& bad :
       {"folio_" + std::string(43, 'A'), std::string("not-a-token"), std::string()}) {
    ApiClient wrong(blog.port(), bad.empty() ? "x" : bad);
    const HttpResult r = wrong.call("POST", "/api/posts", json{{"title", "x"}, {"content", "y"}});
    problem(r, 401);
    EXPECT_EQ(r.header("WWW-Authenticate"), "Bearer realm=\"folio\", error=\"invalid_token\"");
    // A bad token is refused on reads too, rather than ignored.
    problem(wrong.get("/api/posts"), 401);
  }
  const HttpResult basic =
      nobody.raw("GET", "/api/posts", "", {{"Authorization", "Basic YWRtaW46YWRtaW4="}});
  problem(basic, 401);
  EXPECT_EQ(body_of(ApiClient(blog.port()).get("/api/posts"))["total"], 3);
}

TEST_P(ApiTokens, ARevokedTokenStopsWorkingAtOnce) {
  RunningBlog blog(url());
  const std::string token = make_token(blog, "reader");
  ApiClient author(blog.port(), token);
  const std::int64_t id = create_post(author, "Before revoking");
  ASSERT_GT(id, 0);
  const auto tokens = blog.store().api_tokens();
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].username, "reader");
  EXPECT_TRUE(tokens[0].last_used_at.has_value());
  ASSERT_TRUE(blog.store().revoke_api_token(tokens[0].id));
  const HttpResult refused =
      author.call("PATCH", "/api/posts/" + std::to_string(id), json{{"title", "After"}});
  EXPECT_EQ(problem(refused, 401)["detail"], "The token is unknown or has been revoked.");
  EXPECT_EQ(blog.store().editable_post(id)->title, "Before revoking");
  EXPECT_FALSE(blog.store().revoke_api_token(tokens[0].id));
}

TEST_P(ApiTokens, LastUseIsWrittenAtMostOnceAMinute) {
  RunningBlog blog(url());
  ApiClient admin(blog.port(), make_token(blog, "admin"));
  blog.statements().clear();
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(admin.get("/api/posts/1").status, 200);
  std::size_t updates = 0;
  for (const std::string& sql : blog.statements().all()) {
    if (contains(sql, "UPDATE") && contains(sql, "api_token")) ++updates;
  }
  EXPECT_EQ(updates, 1u) << ::testing::PrintToString(blog.statements().all());
}

TEST_P(ApiTokens, OnlyTheHashIsStored) {
  RunningBlog blog(url());
  const std::string token = make_token(blog, "admin");
  EXPECT_TRUE(token.starts_with("folio_"));
  EXPECT_TRUE(folio::looks_like_api_token(token));
  EXPECT_NE(folio::new_api_token(), folio::new_api_token());
  EXPECT_EQ(folio::api_token_hash(token).size(), 64u);
  EXPECT_FALSE(blog.store().api_token_user(token));  // the secret is no key
  EXPECT_EQ(blog.store().api_token_user(folio::api_token_hash(token))->username, "admin");
}

TEST(ApiProblemResponse, A503SaysWhenToRetryAndFieldErrorsAreListed) {
  const web::Response busy = folio::problem_response(
      web::HttpError(web::Status::service_unavailable, "The blog is too busy."),
      std::chrono::seconds{60});
  EXPECT_EQ(busy.status(), web::Status::service_unavailable);
  EXPECT_EQ(busy.content_type(), "application/problem+json");
  EXPECT_EQ(busy.header("Retry-After").value_or(""), "60");
  EXPECT_EQ(json::parse(busy.body()), (json{{"type", "about:blank"},
                                            {"title", "Service Unavailable"},
                                            {"status", 503},
                                            {"detail", "The blog is too busy."}}));
  const web::Response invalid = folio::problem_response(
      folio::ApiProblem(web::Status::unprocessable_entity, "Not valid.", {{"title", "Too long."}}),
      std::chrono::seconds{60});
  EXPECT_FALSE(invalid.header("Retry-After"));
  EXPECT_EQ(json::parse(invalid.body())["errors"], (json{{"title", "Too long."}}));
  // A bare status gets its reason phrase as the detail.
  EXPECT_EQ(json::parse(folio::problem_response(web::HttpError(web::Status::not_found),
                                                std::chrono::seconds{60})
                            .body())["detail"],
            "Not Found");
}
