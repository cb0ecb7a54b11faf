// Strict decoding of paths, query strings, forms and cookies (decode.hpp).
#include "decode.hpp"

#include <gtest/gtest.h>

namespace web::detail {
namespace {

std::string decoded(std::string_view in, bool plus_is_space = false) {
  std::string out;
  EXPECT_EQ(percent_decode(in, plus_is_space, out), DecodeResult::ok) << in;
  return out;
}

DecodeResult result_of(std::string_view in) {
  std::string out;
  return percent_decode(in, true, out);
}

TEST(PercentDecode, DecodesEscapesAndUtf8) {
  EXPECT_EQ(decoded("/tags/c%2B%2B/"), "/tags/c++/");
  EXPECT_EQ(decoded("caf%C3%A9"), "caf\xC3\xA9");
  EXPECT_EQ(decoded("%e2%82%ac"), "\xE2\x82\xAC");   // lower-case hex digits
  EXPECT_EQ(decoded("caf\xC3\xA9"), "caf\xC3\xA9");  // raw UTF-8 passes too
}

TEST(PercentDecode, PlusIsSpaceOnlyInForms) {
  EXPECT_EQ(decoded("a+b", false), "a+b");
  EXPECT_EQ(decoded("a+b", true), "a b");
  EXPECT_EQ(decoded("a%2Bb", true), "a+b");
}

TEST(PercentDecode, RejectsBadEscapes) {
  for (std::string_view bad : {"%", "%4", "abc%", "%zz", "%4g", "%%41", "%G0"}) {
    EXPECT_EQ(result_of(bad), DecodeResult::bad_escape) << bad;
  }
}

TEST(PercentDecode, RejectsInvalidUtf8) {
  for (std::string_view bad : {
           "%80",           // lone continuation byte
           "%C3",           // truncated sequence
           "%C0%AF",        // overlong '/'
           "%E0%80%AF",     // overlong, three bytes
           "%ED%A0%80",     // UTF-16 surrogate
           "%F4%90%80%80",  // above U+10FFFF
           "%FF",           // never valid
           "ok\xC3",        // raw invalid bytes too
       }) {
    EXPECT_EQ(result_of(bad), DecodeResult::bad_utf8) << bad;
  }
}

TEST(Utf8, AcceptsTheWholeRange) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("\x7F"));
  EXPECT_TRUE(is_valid_utf8("\xC2\x80"));
  EXPECT_TRUE(is_valid_utf8("\xEF\xBF\xBF"));
  EXPECT_TRUE(is_valid_utf8("\xF0\x90\x80\x80"));
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xF0\x80\x80\x80"));
}

TEST(Urlencoded, ParsesPairsInOrder) {
  DecodedParams params;
  EXPECT_FALSE(parse_urlencoded("content=Hello+world%21&tag=a&tag=b&empty=&flag", "form", params));
  const DecodedParams expected = {
      {"content", "Hello world!"}, {"tag", "a"}, {"tag", "b"}, {"empty", ""}, {"flag", ""}};
  EXPECT_EQ(params, expected);
}

TEST(Urlencoded, SkipsEmptyPairs) {
  DecodedParams params;
  EXPECT_FALSE(parse_urlencoded("&a=1&&b=2&", "query string", params));
  EXPECT_EQ(params.size(), 2u);
}

TEST(Urlencoded, ExplainsWhatIsWrong) {
  DecodedParams params;
  const auto escape = parse_urlencoded("page=%zz", "query string", params);
  ASSERT_TRUE(escape);
  EXPECT_NE(escape->find("percent-encoding in the query string"), std::string::npos);
  const auto utf8 = parse_urlencoded("x=%C0%AF", "form body", params);
  ASSERT_TRUE(utf8);
  EXPECT_NE(utf8->find("form body is not valid UTF-8"), std::string::npos);
}

// A NUL byte is in no real query or form; in a handler's hands it truncates C strings and
// splits log lines. The path refuses it too (RequestAccess::decode).
// A form keeps them: the application checks its text fields and answers beside the field.
TEST(Urlencoded, AFormKeepsNulBytesForTheApplicationToRefuse) {
  DecodedParams params;
  EXPECT_FALSE(parse_urlencoded("content=a%00b", "form body", params, web::detail::Nul::keep));
  ASSERT_EQ(params.size(), 1U);
  EXPECT_EQ(params[0].second, std::string("a\0b", 3));
}

TEST(Urlencoded, RefusesNulBytes) {
  for (const char* input : {"q=%00", "q=a%00b", "%00=x", "a=1&b=%00"}) {
    DecodedParams params;
    const auto error = parse_urlencoded(input, "query string", params);
    ASSERT_TRUE(error) << input;
    EXPECT_NE(error->find("query string contains a NUL byte"), std::string::npos) << *error;
  }
}

TEST(Urlencoded, LimitsTheNumberOfFields) {
  std::string many;
  for (std::size_t i = 0; i <= kMaxParams; ++i)
    many += "a=1&";
  DecodedParams params;
  const auto error = parse_urlencoded(many, "form body", params);
  ASSERT_TRUE(error);
  EXPECT_NE(error->find("too many fields"), std::string::npos);
}

TEST(CookieHeader, ParsesPairsAndSkipsMalformedOnes) {
  CookiePairs pairs;
  parse_cookie_header("session=abc.def; theme=\"dark\";bad value=1; noequals; =x; ok=1", pairs);
  const CookiePairs expected = {{"session", "abc.def"}, {"theme", "dark"}, {"ok", "1"}};
  EXPECT_EQ(pairs, expected);
}

TEST(CookieHeader, SkipsValuesOutsideCookieOctets) {
  CookiePairs pairs;
  parse_cookie_header("a=x\\y; b=x,y; c=\xC3\xA9; d=fine", pairs);
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0].first, "d");
}

}  // namespace
}  // namespace web::detail
