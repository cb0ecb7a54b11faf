// Route matching: for any path and method, the router's answer is consistent with the routes
// (the right methods, values of the right kinds taken from the path, redirects that lead to a
// route).
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "router.hpp"

namespace {

web::detail::Router make_router() {
  using web::Method;
  web::detail::Router router;
  router.add("/", {Method::get});
  router.add("/<int:post_id>/", {Method::get, Method::post});
  router.add("/comments/", {Method::get});
  router.add("/comments/<int:comment_id>/delete", {Method::post});
  router.add("/tags/<name>/", {Method::get});
  router.add("/<name>/", {Method::delete_});
  router.add("/authors/<name>/posts/<int:page>", {Method::get});
  router.add("/files/<path:rest>", {Method::get, Method::put});
  router.add("/about", {Method::get});
  return router;
}

bool within(std::string_view part, std::string_view whole) {
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const web::detail::Router router = make_router();
  if (size == 0) return 0;
  const auto method = static_cast<web::Method>(data[0] % 7);
  const std::string path(reinterpret_cast<const char*>(data + 1), size - 1);
  const web::detail::RouteMatch match = router.match(method, path);
  using Kind = web::detail::RouteMatch::Kind;
  switch (match.kind) {
    case Kind::found: {
      const web::MethodSet methods = router.methods(match.route);
      FUZZ_CHECK(methods.contains(method) ||
                 (method == web::Method::head && methods.contains(web::Method::get)));
      const auto converters = router.converters(match.route);
      FUZZ_CHECK(match.values.count == converters.size());
      for (std::size_t i = 0; i < converters.size(); ++i) {
        const auto& value = match.values.values[i];
        if (converters[i] == web::Converter::int64) {
          FUZZ_CHECK(std::holds_alternative<std::int64_t>(value));
          FUZZ_CHECK(std::get<std::int64_t>(value) >= 0);
        } else {
          const auto text = std::get<std::string_view>(value);
          FUZZ_CHECK(!text.empty());
          FUZZ_CHECK(within(text, path));
          if (converters[i] == web::Converter::string) {
            FUZZ_CHECK(text.find('/') == std::string_view::npos);
          }
        }
      }
      break;
    }
    case Kind::method_not_allowed:
      FUZZ_CHECK(!match.allowed.empty());
      FUZZ_CHECK(!match.allowed.contains(method) || method == web::Method::options);
      break;
    case Kind::redirect: {
      FUZZ_CHECK(!path.empty() && path.back() != '/');
      const auto target = router.match(web::Method::get, path + "/");
      FUZZ_CHECK(target.kind == Kind::found || target.kind == Kind::method_not_allowed);
      break;
    }
    case Kind::not_found:
      break;
  }
  return 0;
}
