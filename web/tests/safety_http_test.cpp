// Safety on by default, over a real connection: CSRF, signed sessions, cookie attributes,
// security headers, escaping, flash messages.
#include <gtest/gtest.h>

#include "tutorial_app.hpp"

namespace web::testing {
namespace {

class SafetyOverHttp : public ::testing::Test {
 protected:
  // Loads a post page the way a browser with a session would (the session from /count):
  // returns its CSRF token and session cookie.
  std::pair<std::string, std::string> open_form(Client& c) {
    const std::string cookie = "session=" + cookie_value(c.get("/count"), "session");
    const HttpResult page = c.get("/1/", {{"Cookie", cookie}});
    EXPECT_EQ(page.status, 200);
    return {csrf_from_page(page.body), cookie};
  }
  std::string own_origin() const { return "http://127.0.0.1:" + std::to_string(server.port()); }

  TutorialBlog blog;
  RunningServer server{*blog.app};
  Client client{server.port()};
};

TEST_F(SafetyOverHttp, PostWithoutTokenIs403AndDoesNothing) {
  const auto [token, cookie] = open_form(client);
  const HttpResult r = client.post_form("/1/", "content=spam", {{"Cookie", cookie}});
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("CSRF token is missing"), std::string::npos) << r.body;
  EXPECT_EQ(blog.comment_posts, 0);
  EXPECT_EQ(client.post_form("/comments/1/delete", "", {{"Cookie", cookie}}).status, 403);
  EXPECT_EQ(blog.deletes, 0);
}

TEST_F(SafetyOverHttp, AVisitorsPageCreatesNoSessionAndIsTheSameForEveryone) {
  Client other{server.port()};
  const HttpResult first = client.get("/1/");
  const HttpResult second = other.get("/1/");
  ASSERT_EQ(first.status, 200);
  EXPECT_TRUE(first.set_cookies().empty());
  EXPECT_EQ(first.header("Cache-Control"), "");
  EXPECT_EQ(first.body, second.body);
  EXPECT_EQ(csrf_from_page(first.body), "");
}

TEST_F(SafetyOverHttp, AVisitorWithoutASessionPostsOnItsOrigin) {
  EXPECT_EQ(client.post_form("/1/", "content=Hello", {{"Origin", own_origin()}}).status, 303);
  EXPECT_EQ(client.post_form("/1/", "content=Hello", {{"Sec-Fetch-Site", "same-origin"}}).status,
            303);
  EXPECT_EQ(blog.comment_posts, 2);
  // Another site, a sibling site, or no word at all: refused.
  EXPECT_EQ(client.post_form("/1/", "content=x", {{"Origin", "https://evil.example"}}).status, 403);
  EXPECT_EQ(client.post_form("/1/", "content=x", {{"Sec-Fetch-Site", "same-site"}}).status, 403);
  EXPECT_EQ(client
                .post_form("/1/", "content=x",
                           {{"Origin", own_origin()}, {"Sec-Fetch-Site", "cross-site"}})
                .status,
            403);
  const HttpResult unknown = client.post_form("/1/", "content=x");
  EXPECT_EQ(unknown.status, 403);
  EXPECT_EQ(blog.comment_posts, 2);
  // An old browser (no Origin) is refused once, with a session: its reloaded page has a token.
  EXPECT_NE(unknown.body.find("Reload the page"), std::string::npos) << unknown.body;
  const std::string cookie = "session=" + cookie_value(unknown, "session");
  ASSERT_NE(cookie, "session=");
  const std::string token = csrf_from_page(client.get("/1/", {{"Cookie", cookie}}).body);
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(
      client.post_form("/1/", "csrf_token=" + token + "&content=Hi", {{"Cookie", cookie}}).status,
      303);
  EXPECT_EQ(blog.comment_posts, 3);
}

TEST_F(SafetyOverHttp, AFormFromBeforeTheSessionPostsOnItsOriginToo) {
  // A visitor's tab, opened before the session began (another tab's comment made it).
  const auto [token, cookie] = open_form(client);
  EXPECT_EQ(
      client.post_form("/1/", "content=x", {{"Cookie", cookie}, {"Origin", own_origin()}}).status,
      303);
  const HttpResult r = client.post_form("/1/", "content=x", {{"Cookie", cookie}});
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("CSRF token is missing"), std::string::npos) << r.body;
  EXPECT_EQ(blog.comment_posts, 1);
}

TEST_F(SafetyOverHttp, PostWithTheFormsTokenIsAccepted) {
  const auto [token, cookie] = open_form(client);
  ASSERT_FALSE(token.empty());
  const HttpResult r =
      client.post_form("/1/", "csrf_token=" + token + "&content=Hello", {{"Cookie", cookie}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(blog.comment_posts, 1);
  // The same token stays valid for the session (several tabs, back button).
  EXPECT_EQ(client.post_form("/1/", "csrf_token=" + token + "&content=Again", {{"Cookie", cookie}})
                .status,
            303);
}

TEST_F(SafetyOverHttp, TokenInAHeaderIsAcceptedToo) {
  const auto [token, cookie] = open_form(client);
  const HttpResult r =
      client.request("DELETE", "/items/5", {{"Cookie", cookie}, {"X-CSRF-Token", token}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "deleted 5");
}

TEST_F(SafetyOverHttp, TokenOfAnotherSessionIs403) {
  Client attacker{server.port()};
  const auto [attacker_token, attacker_cookie] = open_form(attacker);
  const auto [token, cookie] = open_form(client);
  const HttpResult r =
      client.post_form("/1/", "csrf_token=" + attacker_token + "&content=x", {{"Cookie", cookie}});
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("invalid or has expired"), std::string::npos);
  // A token without its session cookie is refused as well.
  EXPECT_EQ(client.post_form("/1/", "csrf_token=" + token + "&content=x").status, 403);
  EXPECT_EQ(blog.comment_posts, 0);
}

TEST_F(SafetyOverHttp, CrossSiteOriginIsRefusedEvenWithAValidToken) {
  const auto [token, cookie] = open_form(client);
  const std::string body = "csrf_token=" + token + "&content=x";
  EXPECT_EQ(client.post_form("/1/", body, {{"Cookie", cookie}, {"Origin", "https://evil.example"}})
                .status,
            403);
  EXPECT_EQ(client.post_form("/1/", body, {{"Cookie", cookie}, {"Origin", "null"}}).status, 403);
  EXPECT_EQ(
      client.post_form("/1/", body, {{"Cookie", cookie}, {"Sec-Fetch-Site", "cross-site"}}).status,
      403);
  EXPECT_EQ(blog.comment_posts, 0);
  EXPECT_EQ(client.post_form("/1/", body, {{"Cookie", cookie}, {"Origin", own_origin()}}).status,
            303);
}

TEST_F(SafetyOverHttp, ExemptRouteSkipsTheCheck) {
  const HttpResult r =
      client.request("POST", "/api/ping", {{"Content-Type", "application/json"}}, R"({"n":1})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(nlohmann::json::parse(r.body)["pong"]["n"], 1);
  EXPECT_EQ(blog.api_calls, 1);
  const auto routes = blog.app->routes();
  const auto ping = std::find_if(routes.begin(), routes.end(),
                                 [](const RouteInfo& info) { return info.name == "api_ping"; });
  ASSERT_NE(ping, routes.end());
  EXPECT_TRUE(ping->csrf_exempt);
}

TEST_F(SafetyOverHttp, ExemptRouteMayCheckTheTokenItself) {
  // Without the header the route trusts, the session must show its token.
  EXPECT_EQ(client.request("POST", "/api/note").status, 403);
  const auto [token, cookie] = open_form(client);
  const HttpResult refused = client.request("POST", "/api/note", {{"Cookie", cookie}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("CSRF token is missing"), std::string::npos) << refused.body;
  EXPECT_EQ(
      client
          .request(
              "POST", "/api/note",
              {{"Cookie", cookie}, {"X-CSRF-Token", token}, {"Origin", "https://evil.example"}})
          .status,
      403);
  const HttpResult accepted =
      client.request("POST", "/api/note", {{"Cookie", cookie}, {"X-CSRF-Token", token}});
  EXPECT_EQ(accepted.status, 200);
  EXPECT_EQ(accepted.body, "noted");
  EXPECT_EQ(client.request("POST", "/api/note", {{"Authorization", "Bearer x"}}).status, 200);
}

TEST_F(SafetyOverHttp, DeeplyNestedJsonIsRefused) {
  const std::string deep = std::string(10000, '[') + std::string(10000, ']');
  const HttpResult r =
      client.request("POST", "/api/ping", {{"Content-Type", "application/json"}}, deep);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("nested too deeply"), std::string::npos);
  EXPECT_EQ(blog.api_calls, 1);  // the handler ran, and req.json() refused
  const std::string ok = std::string(60, '[') + "\"]]]\"" + std::string(60, ']');
  EXPECT_EQ(client.request("POST", "/api/ping", {{"Content-Type", "application/json"}}, ok).status,
            200);
}

TEST_F(SafetyOverHttp, SessionPersistsInASignedCookie) {
  const HttpResult first = client.get("/count");
  EXPECT_EQ(first.body, "1");
  const std::string cookie = cookie_value(first, "session");
  ASSERT_FALSE(cookie.empty());
  const HttpResult second = client.get("/count", {{"Cookie", "session=" + cookie}});
  EXPECT_EQ(second.body, "2");
  // A forged or altered cookie is ignored: a new session starts.
  std::string forged = cookie;
  forged[5] = forged[5] == 'a' ? 'b' : 'a';
  EXPECT_EQ(client.get("/count", {{"Cookie", "session=" + forged}}).body, "1");
}

TEST_F(SafetyOverHttp, LoginRotatesTheSession) {
  const auto [token, cookie] = open_form(client);
  const HttpResult login =
      client.post_form("/login", "csrf_token=" + token + "&user=sammy", {{"Cookie", cookie}});
  ASSERT_EQ(login.status, 303);
  const std::string new_cookie = "session=" + cookie_value(login, "session");
  EXPECT_EQ(client.get("/whoami", {{"Cookie", new_cookie}}).body, "sammy");
  // The token from before login belongs to the old session: refused with the new one.
  EXPECT_EQ(client.post_form("/1/", "csrf_token=" + token + "&content=x", {{"Cookie", new_cookie}})
                .status,
            403);
}

TEST_F(SafetyOverHttp, CookiesAreHttpOnlyAndSameSiteLaxByDefault) {
  const HttpResult r = client.get("/cookies", {{"Cookie", "theme=light; junk"}});
  EXPECT_EQ(r.body, "theme=light");
  const auto cookies = r.set_cookies();
  ASSERT_EQ(cookies.size(), 2u);
  EXPECT_EQ(cookies[0], "theme=dark; Path=/; HttpOnly; SameSite=Lax");
  EXPECT_EQ(cookies[1], "visible=1; Path=/; SameSite=Strict");  // opted out, explicitly
  const HttpResult session = client.get("/count");
  const std::string set = session.set_cookies().at(0);
  EXPECT_NE(set.find("; HttpOnly; SameSite=Lax"), std::string::npos) << set;
  EXPECT_EQ(set.find("Secure"), std::string::npos);
  EXPECT_EQ(session.header("Cache-Control"), "private, no-store");
}

TEST(SecureCookies, AreSecureWhenConfiguredForHttps) {
  TutorialBlog blog{Config{.secure_cookies = true}};
  RunningServer server{*blog.app};
  Client client{server.port()};
  for (const std::string& cookie : client.get("/count").set_cookies()) {
    EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  }
}

TEST_F(SafetyOverHttp, HtmlResponsesCarrySecurityHeaders) {
  const HttpResult r = client.get("/");
  EXPECT_EQ(r.header("Content-Security-Policy"),
            "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; "
            "object-src 'none'");
  EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r.header("X-Frame-Options"), "DENY");
  EXPECT_EQ(r.header("Referrer-Policy"), "same-origin");
  // Error pages are HTML too.
  EXPECT_EQ(client.get("/missing").header("X-Frame-Options"), "DENY");
}

TEST_F(SafetyOverHttp, UserInputIsEscapedInPages) {
  const std::string attack = "<script>alert(\"x\")</script>'\"&";
  const HttpResult r = client.get("/echo?text=" + form_encode(attack));
  EXPECT_NE(r.body.find("<p id=\"text\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;"
                        "&quot;&amp;</p>"),
            std::string::npos)
      << r.body;
  EXPECT_EQ(r.body.find("<script>"), std::string::npos);
  EXPECT_NE(r.body.find("<div id=\"html\"><b>bold</b></div>"), std::string::npos);  // trusted
}

TEST_F(SafetyOverHttp, InvalidFormIsRerenderedWith422) {
  const auto [token, cookie] = open_form(client);
  const HttpResult r =
      client.post_form("/1/", "csrf_token=" + token + "&content=", {{"Cookie", cookie}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("<p class=\"error\">Content is required.</p>"), std::string::npos);
}

TEST_F(SafetyOverHttp, FlashMessagesShowOnce) {
  const auto [token, cookie] = open_form(client);
  const HttpResult posted =
      client.post_form("/1/", "csrf_token=" + token + "&content=Hi", {{"Cookie", cookie}});
  ASSERT_EQ(posted.status, 303);
  const std::string with_flash = "session=" + cookie_value(posted, "session");
  const HttpResult page = client.get("/1/", {{"Cookie", with_flash}});
  EXPECT_NE(page.body.find("<p class=\"flash message\">Comment added.</p>"), std::string::npos)
      << page.body;
  const HttpResult again =
      client.get("/1/", {{"Cookie", "session=" + cookie_value(page, "session")}});
  EXPECT_EQ(again.body.find("Comment added."), std::string::npos);
}

}  // namespace
}  // namespace web::testing
