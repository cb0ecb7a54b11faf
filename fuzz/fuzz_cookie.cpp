// Cookie headers: parsing never crashes, and every pair it returns is a token name and a
// cookie-octet value that lie inside the header.
#include <cstdint>
#include <string_view>

#include "decode.hpp"
#include "fuzz_check.hpp"
#include "text_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view header(reinterpret_cast<const char*>(data), size);
  web::detail::CookiePairs pairs;
  web::detail::parse_cookie_header(header, pairs);
  for (const auto& [name, value] : pairs) {
    FUZZ_CHECK(web::detail::is_token(name));
    FUZZ_CHECK(web::detail::is_cookie_value(value));
    FUZZ_CHECK(name.data() >= header.data() && name.data() + name.size() <= header.data() + size);
    FUZZ_CHECK(value.data() >= header.data() &&
               value.data() + value.size() <= header.data() + size);
  }
  return 0;
}
