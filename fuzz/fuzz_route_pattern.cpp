// Route patterns: any text either is refused with std::invalid_argument or makes a route that
// matches the paths it describes, with those values.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "router.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view pattern(reinterpret_cast<const char*>(data), size);
  std::vector<web::detail::PatternSegment> segments;
  try {
    web::detail::parse_pattern(
        pattern, [&](const web::detail::PatternSegment& s) { segments.push_back(s); });
  } catch (const std::invalid_argument&) {
    return 0;
  }
  web::detail::Router router;
  const std::size_t route = router.add(pattern, {web::Method::get});
  FUZZ_CHECK(router.converters(route).size() == web::detail::count_params(pattern));

  // A path the pattern describes, and the values it should yield.
  std::string path;
  std::vector<std::string> expected;
  for (const auto& segment : segments) {
    path += '/';
    if (!segment.is_param) {
      path += segment.text;
    } else if (segment.converter == web::Converter::int64) {
      path += "42";
      expected.emplace_back("42");
    } else if (segment.converter == web::Converter::string) {
      path += "word";
      expected.emplace_back("word");
    } else {
      path += "a/b";
      expected.emplace_back("a/b");
    }
  }
  const auto match = router.match(web::Method::get, path);
  FUZZ_CHECK(match.kind == web::detail::RouteMatch::Kind::found);
  FUZZ_CHECK(match.values.count == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& value = match.values.values[i];
    if (std::holds_alternative<std::int64_t>(value)) {
      FUZZ_CHECK(std::to_string(std::get<std::int64_t>(value)) == expected[i]);
    } else {
      FUZZ_CHECK(std::get<std::string_view>(value) == expected[i]);
    }
  }
  return 0;
}
