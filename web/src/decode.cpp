#include "decode.hpp"

#include "text_util.hpp"

namespace web::detail {
namespace {

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string describe(DecodeResult result, std::string_view what) {
  if (result == DecodeResult::bad_escape) {
    return "invalid percent-encoding in the " + std::string(what) +
           ": '%' must be followed by two hexadecimal digits";
  }
  return "the " + std::string(what) + " is not valid UTF-8 once decoded";
}

}  // namespace

bool is_valid_utf8(std::string_view s) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* const end = p + s.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    std::size_t length = 0;
    unsigned char lo = 0x80;  // the range the second byte must fall in (excludes overlongs,
    unsigned char hi = 0xBF;  // surrogates and code points past U+10FFFF)
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (static_cast<std::size_t>(end - p) < length) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (std::size_t i = 2; i < length; ++i) {
      if (p[i] < 0x80 || p[i] > 0xBF) return false;
    }
    p += length;
  }
  return true;
}

DecodeResult percent_decode(std::string_view in, bool plus_is_space, std::string& out) {
  const std::size_t start = out.size();
  bool any_high = false;
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return DecodeResult::bad_escape;
      const int high = hex_value(in[i + 1]);
      const int low = hex_value(in[i + 2]);
      if (high < 0 || low < 0) return DecodeResult::bad_escape;
      c = static_cast<char>(high * 16 + low);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    any_high = any_high || static_cast<unsigned char>(c) >= 0x80;
    out.push_back(c);
  }
  // Only bytes >= 0x80 can make UTF-8 invalid; most inputs are ASCII and skip the check.
  if (any_high && !is_valid_utf8(std::string_view(out).substr(start))) {
    return DecodeResult::bad_utf8;
  }
  return DecodeResult::ok;
}

std::optional<std::string> parse_urlencoded(std::string_view in, std::string_view what,
                                            DecodedParams& out, Nul nul) {
  while (!in.empty()) {
    const std::size_t amp = in.find('&');
    const std::string_view pair = in.substr(0, amp);
    in = amp == std::string_view::npos ? std::string_view{} : in.substr(amp + 1);
    if (pair.empty()) continue;
    if (out.size() == kMaxParams) {
      return "too many fields in the " + std::string(what) + " (at most " +
             std::to_string(kMaxParams) + ")";
    }
    const std::size_t eq = pair.find('=');
    std::string name;
    std::string value;
    DecodeResult result = percent_decode(pair.substr(0, eq), true, name);
    if (result == DecodeResult::ok && eq != std::string_view::npos) {
      result = percent_decode(pair.substr(eq + 1), true, value);
    }
    if (result != DecodeResult::ok) return describe(result, what);
    if (nul == Nul::refuse &&
        (name.find('\0') != std::string::npos || value.find('\0') != std::string::npos)) {
      return "the " + std::string(what) + " contains a NUL byte";
    }
    out.emplace_back(std::move(name), std::move(value));
  }
  return std::nullopt;
}

void parse_cookie_header(std::string_view header, CookiePairs& out) {
  while (!header.empty()) {
    const std::size_t semi = header.find(';');
    const std::string_view pair = trim_ows(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view name = trim_ows(pair.substr(0, eq));
    std::string_view value = trim_ows(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (!is_token(name) || !is_cookie_value(value)) continue;
    out.emplace_back(name, value);
  }
}

}  // namespace web::detail
