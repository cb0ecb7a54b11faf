// Percent-decoding of paths: never crashes; success means valid UTF-8 no longer than the
// input; a bad escape is reported only where a '%' is not followed by two hex digits.
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>

#include "decode.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  bool escapes_ok = true;
  for (std::size_t i = 0; i < input.size(); ++i) {
    if (input[i] != '%') continue;
    if (i + 2 >= input.size() || !std::isxdigit(static_cast<unsigned char>(input[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(input[i + 2]))) {
      escapes_ok = false;
      break;
    }
    i += 2;
  }
  for (const bool plus_is_space : {false, true}) {
    std::string out;
    const auto result = web::detail::percent_decode(input, plus_is_space, out);
    FUZZ_CHECK((result == web::detail::DecodeResult::bad_escape) == !escapes_ok);
    if (result == web::detail::DecodeResult::ok) {
      FUZZ_CHECK(out.size() <= input.size());
      FUZZ_CHECK(web::detail::is_valid_utf8(out));
      if (!plus_is_space)
        FUZZ_CHECK(input.find('+') == std::string_view::npos || out.find('+') != std::string::npos);
    }
  }
  return 0;
}
