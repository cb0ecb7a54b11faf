// Route patterns and matching (route_pattern.hpp, router.hpp).
#include "router.hpp"

#include <gtest/gtest.h>

#include "web/route_pattern.hpp"

namespace web::detail {
namespace {

using Kind = RouteMatch::Kind;

// The _route literal parses at compile time.
using namespace web::literals;
static_assert(decltype("/<int:post_id>/"_route)::converters() ==
              std::array<Converter, 1>{Converter::int64});
static_assert(decltype("/tags/<name>/<path:rest>"_route)::converters() ==
              std::array<Converter, 2>{Converter::string, Converter::path});
static_assert(decltype("/"_route)::converters().empty());
static_assert(count_params("/comments/<int:comment_id>/delete") == 1);

class TutorialRoutes : public ::testing::Test {
 protected:
  void SetUp() override {
    index = router.add("/", {Method::get});
    post = router.add("/<int:post_id>/", {Method::get, Method::post});
    comments = router.add("/comments/", {Method::get});
    delete_comment = router.add("/comments/<int:comment_id>/delete", {Method::post});
    tag = router.add("/tags/<name>/", {Method::get});
  }
  Router router;
  std::size_t index = 0, post = 0, comments = 0, delete_comment = 0, tag = 0;
};

TEST_F(TutorialRoutes, MatchesEachRoute) {
  EXPECT_EQ(router.match(Method::get, "/").route, index);
  const RouteMatch m = router.match(Method::get, "/42/");
  ASSERT_EQ(m.kind, Kind::found);
  EXPECT_EQ(m.route, post);
  ASSERT_EQ(m.values.count, 1u);
  EXPECT_EQ(std::get<std::int64_t>(m.values.values[0]), 42);
  EXPECT_EQ(router.match(Method::get, "/comments/").route, comments);
  const RouteMatch d = router.match(Method::post, "/comments/7/delete");
  ASSERT_EQ(d.kind, Kind::found);
  EXPECT_EQ(d.route, delete_comment);
  EXPECT_EQ(std::get<std::int64_t>(d.values.values[0]), 7);
  const RouteMatch t = router.match(Method::get, "/tags/c++/");
  ASSERT_EQ(t.kind, Kind::found);
  EXPECT_EQ(std::get<std::string_view>(t.values.values[0]), "c++");
}

TEST_F(TutorialRoutes, IntConverterTakesOnlyDigitsThatFit) {
  EXPECT_EQ(router.match(Method::get, "/abc/").kind, Kind::not_found);
  EXPECT_EQ(router.match(Method::get, "/-1/").kind, Kind::not_found);
  EXPECT_EQ(router.match(Method::get, "/+1/").kind, Kind::not_found);
  EXPECT_EQ(router.match(Method::get, "/1.5/").kind, Kind::not_found);
  EXPECT_EQ(router.match(Method::get, "/9223372036854775807/").kind, Kind::found);
  EXPECT_EQ(router.match(Method::get, "/9223372036854775808/").kind, Kind::not_found);
  EXPECT_EQ(router.match(Method::get, "/99999999999999999999999/").kind, Kind::not_found);
}

// One URL per resource: an <int> segment matches only the number's canonical spelling.
TEST_F(TutorialRoutes, IntConverterRefusesLeadingZeros) {
  EXPECT_EQ(router.match(Method::get, "/00001/").kind, Kind::not_found);
  EXPECT_EQ(router.match(Method::get, "/01/").kind, Kind::not_found);
  EXPECT_EQ(router.match(Method::get, "/00/").kind, Kind::not_found);
  EXPECT_EQ(router.match(Method::post, "/comments/007/delete").kind, Kind::not_found);
  const RouteMatch zero = router.match(Method::get, "/0/");
  ASSERT_EQ(zero.kind, Kind::found);
  EXPECT_EQ(std::get<std::int64_t>(zero.values.values[0]), 0);
  EXPECT_EQ(router.match(Method::get, "/10/").kind, Kind::found);
}

TEST_F(TutorialRoutes, IntConverterRefusesPercentEncodedDigits) {
  // The path is matched decoded; the raw path tells how each segment was spelled.
  EXPECT_EQ(router.match(Method::get, "/1/", "/%31/").kind, Kind::not_found);
  EXPECT_EQ(router.match(Method::get, "/12/", "/1%32/").kind, Kind::not_found);
  EXPECT_EQ(router.match(Method::post, "/comments/7/delete", "/comments/%37/delete").kind,
            Kind::not_found);
  // Escapes elsewhere in the path do not matter, nor does an encoded '/' before the number.
  EXPECT_EQ(router.match(Method::get, "/1/", "/1/").kind, Kind::found);
  EXPECT_EQ(router.match(Method::post, "/comments/7/delete", "/%63omments/7/delete").kind,
            Kind::found);
  EXPECT_EQ(router.match(Method::get, "/tags/1/", "/tags/%31/").kind, Kind::found);  // text
}

TEST_F(TutorialRoutes, WrongMethodListsAllowedMethods) {
  const RouteMatch m = router.match(Method::get, "/comments/3/delete");
  ASSERT_EQ(m.kind, Kind::method_not_allowed);
  EXPECT_EQ(m.allowed.to_string(), "POST, OPTIONS");
  const RouteMatch p = router.match(Method::delete_, "/3/");
  ASSERT_EQ(p.kind, Kind::method_not_allowed);
  EXPECT_EQ(p.allowed.to_string(), "GET, HEAD, POST, OPTIONS");
}

TEST_F(TutorialRoutes, HeadIsServedByGetRoutes) {
  EXPECT_EQ(router.match(Method::head, "/comments/").kind, Kind::found);
  EXPECT_EQ(router.match(Method::head, "/comments/3/delete").kind, Kind::method_not_allowed);
}

TEST_F(TutorialRoutes, MissingTrailingSlashRedirects) {
  EXPECT_EQ(router.match(Method::get, "/1").kind, Kind::redirect);
  EXPECT_EQ(router.match(Method::get, "/comments").kind, Kind::redirect);
  EXPECT_EQ(router.match(Method::post, "/1").kind, Kind::redirect);
  // No route ends in "/delete/": no redirect from a route without a trailing slash.
  EXPECT_EQ(router.match(Method::post, "/comments/1/delete/").kind, Kind::not_found);
  EXPECT_EQ(router.match(Method::get, "/nothing").kind, Kind::not_found);
}

TEST_F(TutorialRoutes, UnknownPathsAreNotFound) {
  EXPECT_EQ(router.match(Method::get, "/comments/x/delete").kind, Kind::not_found);
  EXPECT_EQ(router.match(Method::get, "//").kind, Kind::not_found);
  EXPECT_EQ(router.match(Method::get, "/tags//").kind, Kind::not_found);
  EXPECT_EQ(router.match(Method::get, "").kind, Kind::not_found);
}

TEST(Router, MostSpecificPatternWinsWhateverTheOrder) {
  Router router;
  const auto any = router.add("/<path:rest>", {Method::get});
  const auto name = router.add("/<name>/", {Method::get});
  const auto number = router.add("/<int:id>/", {Method::get});
  const auto literal = router.add("/about/", {Method::get});
  EXPECT_EQ(router.match(Method::get, "/about/").route, literal);
  EXPECT_EQ(router.match(Method::get, "/12/").route, number);
  EXPECT_EQ(router.match(Method::get, "/hello/").route, name);
  EXPECT_EQ(router.match(Method::get, "/a/b/c").route, any);
}

TEST(Router, FallsThroughToALessSpecificRouteForTheMethod) {
  Router router;
  router.add("/<int:id>/", {Method::post});
  const auto name = router.add("/<name>/", {Method::get});
  EXPECT_EQ(router.match(Method::get, "/5/").route, name);
}

TEST(Router, PathConverterTakesTheRest) {
  Router router;
  router.add("/files/<path:rest>", {Method::get});
  const RouteMatch m = router.match(Method::get, "/files/a/b/c.txt");
  ASSERT_EQ(m.kind, Kind::found);
  EXPECT_EQ(std::get<std::string_view>(m.values.values[0]), "a/b/c.txt");
  EXPECT_EQ(router.match(Method::get, "/files/").kind, Kind::not_found);
}

TEST(Router, RejectsMalformedPatterns) {
  Router router;
  for (std::string_view bad :
       {"", "no-slash", "/<int:id", "/<float:x>/", "/<1abc>/", "/post-<int:id>/", "/<a>/<a>/",
        "/<path:p>/more", "/a?b", "/<>/", "/<int:>/", "/a/<b:c:d>/"}) {
    EXPECT_THROW(router.add(bad, {Method::get}), std::invalid_argument) << bad;
  }
}

TEST(Router, RejectsConflictingRoutes) {
  Router router;
  router.add("/<int:id>/", {Method::get});
  EXPECT_THROW(router.add("/<int:other>/", {Method::get, Method::post}), std::invalid_argument);
  EXPECT_NO_THROW(router.add("/<int:other>/", {Method::post}));
  EXPECT_NO_THROW(router.add("/<name>/", {Method::get}));
}

}  // namespace
}  // namespace web::detail
