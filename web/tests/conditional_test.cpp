// Conditional GET for handlers (web/conditional.hpp): ETag from the body, Last-Modified, 304
// without a body, If-None-Match deciding over If-Modified-Since.
#include "web/conditional.hpp"

#include <gtest/gtest.h>

#include <string>

#include "test_support.hpp"

namespace web::testing {
namespace {

using std::chrono::system_clock;

// "Sun, 06 Nov 1994 08:49:37 GMT"
constexpr std::time_t kNov1994 = 784111777;

TEST(EtagOf, IsAQuotedHashOfTheBytes) {
  const std::string tag = etag_of("hello");
  EXPECT_EQ(tag.size(), 34u);
  EXPECT_EQ(tag.front(), '"');
  EXPECT_EQ(tag.back(), '"');
  EXPECT_EQ(tag.find_first_not_of("\"0123456789abcdef"), std::string::npos);
  EXPECT_EQ(etag_of("hello"), tag);
  EXPECT_NE(etag_of("hello!"), tag);
  EXPECT_NE(etag_of(""), tag);
  EXPECT_NE(etag_of(std::string("a\0b", 3)), etag_of(std::string("a\0c", 3)));
}

TEST(ClientCopyIsCurrent, IfNoneMatchListsTheTag) {
  const std::string tag = "\"abc\"";
  EXPECT_TRUE(client_copy_is_current("\"abc\"", {}, tag, {}));
  EXPECT_TRUE(client_copy_is_current("\"x\", \"abc\"", {}, tag, {}));
  EXPECT_TRUE(client_copy_is_current("W/\"abc\"", {}, tag, {}));
  EXPECT_TRUE(client_copy_is_current("*", {}, tag, {}));
  EXPECT_FALSE(client_copy_is_current("\"abcd\"", {}, tag, {}));
  EXPECT_FALSE(client_copy_is_current("abc", {}, tag, {}));  // unquoted: another tag
  EXPECT_FALSE(client_copy_is_current("", {}, tag, {}));
  EXPECT_FALSE(client_copy_is_current(",,", {}, tag, {}));
}

TEST(ClientCopyIsCurrent, IfModifiedSinceCountsOnlyWithoutIfNoneMatch) {
  const std::string tag = "\"abc\"";
  const std::string date = "Sun, 06 Nov 1994 08:49:37 GMT";
  EXPECT_TRUE(client_copy_is_current({}, date, tag, kNov1994));
  EXPECT_TRUE(client_copy_is_current({}, date, tag, kNov1994 - 1));
  EXPECT_FALSE(client_copy_is_current({}, date, tag, kNov1994 + 1));
  EXPECT_FALSE(client_copy_is_current({}, date, tag, std::nullopt));
  EXPECT_FALSE(client_copy_is_current({}, "yesterday", tag, kNov1994));
  EXPECT_FALSE(client_copy_is_current({}, {}, tag, kNov1994));
  // A stale tag with a fresh date: the tag decides.
  EXPECT_FALSE(client_copy_is_current("\"old\"", date, tag, kNov1994));
  EXPECT_TRUE(client_copy_is_current("\"abc\"", "Thu, 01 Jan 1970 00:00:00 GMT", tag, kNov1994));
}

class ConditionalOverHttp : public ::testing::Test {
 protected:
  // Registered before the server starts (a member initializer between the two).
  bool add_routes(App& a) {
    a.get("/doc", [this](Request& req) {
      Response r = text(body);
      r.set_header("Cache-Control", "public, no-cache");
      return conditional(req, std::move(r), system_clock::from_time_t(kNov1994));
    });
    a.get("/missing", [](Request& req) { return conditional(req, text("no", Status::not_found)); });
    a.post("/form", [](Request& req) { return conditional(req, text("posted")); },
           {.csrf_exempt = true});
    return true;
  }

  std::string body = "version 1";
  App app{Config{.secret_key = "k"}};
  bool routed = add_routes(app);
  RunningServer server{app};
  Client client{server.port()};
};

TEST_F(ConditionalOverHttp, AnswersAMatchingTagWith304AndNoBody) {
  const HttpResult first = client.get("/doc");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.body, "version 1");
  EXPECT_EQ(first.header("ETag"), etag_of("version 1"));
  EXPECT_EQ(first.header("Last-Modified"), "Sun, 06 Nov 1994 08:49:37 GMT");

  const HttpResult again = client.get("/doc", {{"If-None-Match", first.header("ETag")}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
  EXPECT_FALSE(again.has_header("Content-Type"));
  EXPECT_EQ(again.header("ETag"), first.header("ETag"));
  EXPECT_EQ(again.header("Cache-Control"), "public, no-cache");

  const HttpResult head = client.request("HEAD", "/doc", {{"If-None-Match", first.header("ETag")}});
  EXPECT_EQ(head.status, 304);

  body = "version 2";
  const HttpResult changed = client.get("/doc", {{"If-None-Match", first.header("ETag")}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_EQ(changed.body, "version 2");
  EXPECT_NE(changed.header("ETag"), first.header("ETag"));
}

TEST_F(ConditionalOverHttp, AnswersIfModifiedSinceByTheDate) {
  EXPECT_EQ(client.get("/doc", {{"If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT"}}).status,
            304);
  EXPECT_EQ(client.get("/doc", {{"If-Modified-Since", "Sun, 06 Nov 1994 08:49:36 GMT"}}).status,
            200);
  EXPECT_EQ(client.get("/doc", {{"If-Modified-Since", "not a date"}}).status, 200);
}

TEST_F(ConditionalOverHttp, LeavesErrorsAndOtherMethodsAlone) {
  const HttpResult missing = client.get("/missing", {{"If-None-Match", "*"}});
  EXPECT_EQ(missing.status, 404);
  EXPECT_FALSE(missing.has_header("ETag"));
  const HttpResult posted =
      client.request("POST", "/form", {{"If-None-Match", etag_of("posted")}}, "");
  EXPECT_EQ(posted.status, 200);
  EXPECT_EQ(posted.body, "posted");
}

}  // namespace
}  // namespace web::testing
