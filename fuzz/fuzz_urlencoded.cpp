// Query strings and form bodies: parse_urlencoded never crashes, accepts only what decodes to
// valid UTF-8 without NUL bytes, and what it accepts survives re-encoding unchanged.
#include <cstdint>
#include <string>
#include <string_view>

#include "decode.hpp"
#include "fuzz_check.hpp"

namespace {

std::string encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9')) {
      out += c;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  web::detail::DecodedParams params;
  // As a query string (NUL refused); forms differ only in keeping NUL.
  const auto error = web::detail::parse_urlencoded(input, "query string", params);
  if (error) {
    FUZZ_CHECK(!error->empty());
    return 0;
  }
  FUZZ_CHECK(params.size() <= web::detail::kMaxParams);
  std::string again;
  for (const auto& [name, value] : params) {
    FUZZ_CHECK(web::detail::is_valid_utf8(name));
    FUZZ_CHECK(web::detail::is_valid_utf8(value));
    FUZZ_CHECK(name.find('\0') == std::string::npos && value.find('\0') == std::string::npos);
    if (!again.empty()) again += '&';
    again += encode(name) + "=" + encode(value);
  }
  web::detail::DecodedParams reparsed;
  FUZZ_CHECK(!web::detail::parse_urlencoded(again, "query string", reparsed));
  FUZZ_CHECK(reparsed == params);
  return 0;
}
