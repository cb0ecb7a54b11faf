// The building blocks: form rules, URLs, rate limits, passwords, Markdown, slugs.

#include <gtest/gtest.h>

#include "util/client_address.hpp"
#include "util/comment_form.hpp"
#include "util/markdown.hpp"
#include "util/password_policy.hpp"
#include "util/passwords.hpp"
#include "util/rate_limiter.hpp"
#include "util/slug.hpp"

using namespace folio;
using namespace std::chrono_literals;

TEST(CommentForm, TrimsAndAcceptsAValidComment) {
  const auto form = validate_comment("  Hello  \n", " Ada ", " https://ada.example ");
  EXPECT_TRUE(form.valid());
  const auto comment = form.to_comment();
  EXPECT_EQ(comment.content, "Hello");
  EXPECT_EQ(comment.author, "Ada");
  EXPECT_EQ(comment.website, "https://ada.example");
  EXPECT_FALSE(validate_comment("x", "", "").to_comment().website.has_value());
}

TEST(CommentForm, CountsCharactersNotBytes) {
  std::string accents;
  for (int i = 0; i < 128; ++i)
    accents += "é";
  EXPECT_TRUE(validate_comment("x", accents, "").valid());
  EXPECT_FALSE(validate_comment("x", accents + "é", "").valid());
}

TEST(CommentForm, NamesEveryFieldAtFault) {
  const auto form = validate_comment("", std::string(200, 'a'), "mailto:x@example.org");
  EXPECT_EQ(form.errors.size(), 3U);
  EXPECT_TRUE(form.errors.contains("content"));
  EXPECT_TRUE(form.errors.contains("author"));
  EXPECT_TRUE(form.errors.contains("website"));
}

TEST(HttpUrl, OnlyAbsoluteHttpAddressesWithAHost) {
  for (const char* ok : {"http://a.example", "https://a.example/x?y=1#z", "HTTPS://A.EXAMPLE"}) {
    EXPECT_TRUE(is_http_url(ok)) << ok;
  }
  for (const char* bad : {"javascript:alert(1)", "data:text/html,x", "//a.example", "https://",
                          "https:// a.example", "http://a.example/\"onmouseover=x", "ftp://a",
                          "https://@a", "http://a.example/<x>", "  https://a.example"}) {
    EXPECT_FALSE(is_http_url(bad)) << bad;
  }
}

TEST(RateLimit, ParsesCountPerSecondsOrOff) {
  const auto limit = RateLimit::parse("10/180");
  EXPECT_EQ(limit.limit, 10U);
  EXPECT_EQ(limit.window, 180s);
  EXPECT_EQ(RateLimit::parse("0").limit, 0U);
  EXPECT_THROW(RateLimit::parse("10"), std::invalid_argument);
  EXPECT_THROW(RateLimit::parse("10/0"), std::invalid_argument);
  EXPECT_THROW(RateLimit::parse("ten/60"), std::invalid_argument);
}

TEST(RateLimiter, BlocksAfterTheLimitUntilTheWindowMovesOn) {
  RateLimiter limiter(RateLimit{2, 60s});
  const auto t0 = RateLimiter::Clock::time_point{} + 1000s;
  EXPECT_FALSE(limiter.blocked("a", t0));
  limiter.record("a", t0);
  limiter.record("a", t0 + 10s);
  const auto wait = limiter.blocked("a", t0 + 20s);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 40s);                         // until the first event leaves the window
  EXPECT_FALSE(limiter.blocked("b", t0 + 20s));  // per client
  EXPECT_FALSE(limiter.blocked("a", t0 + 60s));
  limiter.reset("a");
  EXPECT_FALSE(limiter.blocked("a", t0 + 20s));
}

TEST(RateLimiter, ZeroMeansUnlimited) {
  RateLimiter limiter(RateLimit{0, 60s});
  for (int i = 0; i < 100; ++i)
    limiter.record("a");
  EXPECT_FALSE(limiter.blocked("a"));
}

TEST(Passwords, Argon2idHashesVerifyOnlyTheirPassword) {
  const std::string hash = hash_password("s3cret");
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password("s3cret", hash));
  EXPECT_FALSE(verify_password("S3cret", hash));
  EXPECT_FALSE(verify_password("s3cret", "not a hash"));
  EXPECT_NE(hash_password("s3cret"), hash);  // salted
  EXPECT_FALSE(verify_password("", decoy_hash()));
}

TEST(Markdown, RendersAndDropsRawHtmlAndScriptLinks) {
  EXPECT_EQ(markdown_to_html("*hi*"), "<p><em>hi</em></p>\n");
  const std::string html = markdown_to_html("<b onclick=x>raw</b>\n\n[a](javascript:alert(1))");
  EXPECT_EQ(html.find("onclick"), std::string::npos);
  EXPECT_EQ(html.find("javascript:"), std::string::npos);
}

// Found by fuzz/fuzz_markdown: cmark copied invalid UTF-8 through to the HTML.
TEST(Markdown, InvalidUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(markdown_to_html("a\xff\xfe b\xc3"),
            "<p>a\xEF\xBF\xBD\xEF\xBF\xBD b\xEF\xBF\xBD</p>\n");
  EXPECT_EQ(markdown_to_html("caf\xc3\xa9"), "<p>caf\xc3\xa9</p>\n");
}

TEST(Slug, LowerCaseWordsJoinedByDashes) {
  EXPECT_EQ(slugify("Post The First!"), "post-the-first");
  EXPECT_EQ(slugify("  C++ & Rust  "), "c-rust");
  EXPECT_EQ(slugify("Ünïcode"), "ncode");
  EXPECT_EQ(slugify("abcdef", 3), "abc");
}

TEST(ClientAddress, IsThePeerUnlessThePeerIsATrustedProxy) {
  const std::vector<std::string> none;
  const std::vector<std::string_view> forwarded = {"203.0.113.7"};
  EXPECT_EQ(client_address("198.51.100.1", forwarded, none), "198.51.100.1");
  const auto proxies = parse_trusted_proxies("10.0.0.2, 10.0.0.3");
  EXPECT_EQ(client_address("198.51.100.1", forwarded, proxies), "198.51.100.1");
  EXPECT_EQ(client_address("10.0.0.2", forwarded, proxies), "203.0.113.7");
  EXPECT_EQ(client_address("10.0.0.2", {}, proxies), "10.0.0.2");  // no header
}

TEST(ClientAddress, TakesTheRightmostEntryNoTrustedProxyWrote) {
  const auto proxies = parse_trusted_proxies("10.0.0.2 10.0.0.3");
  // The client wrote "1.2.3.4" itself; the proxies appended the real address, then 10.0.0.3.
  const std::vector<std::string_view> one_line = {"1.2.3.4, 203.0.113.7,10.0.0.3"};
  EXPECT_EQ(client_address("10.0.0.2", one_line, proxies), "203.0.113.7");
  const std::vector<std::string_view> two_lines = {"1.2.3.4", "203.0.113.7"};
  EXPECT_EQ(client_address("10.0.0.2", two_lines, proxies), "203.0.113.7");
  const std::vector<std::string_view> garbage = {"1.2.3.4, unknown"};
  EXPECT_EQ(client_address("10.0.0.2", garbage, proxies), "10.0.0.2");
  const std::vector<std::string_view> v6 = {"2001:DB8::1"};
  EXPECT_EQ(client_address("10.0.0.2", v6, proxies), "2001:db8::1");
}

TEST(ClientAddress, TrustedProxiesAreIpAddresses) {
  EXPECT_TRUE(parse_trusted_proxies("").empty());
  EXPECT_EQ(parse_trusted_proxies("::1,127.0.0.1"), (std::vector<std::string>{"::1", "127.0.0.1"}));
  EXPECT_THROW(parse_trusted_proxies("10.0.0.0/8"), std::invalid_argument);
  EXPECT_THROW(parse_trusted_proxies("proxy.example"), std::invalid_argument);
}

TEST(CommentForm, RefusesControlCharactersButTabsAndLineBreaksInTheComment) {
  using namespace std::string_literals;
  EXPECT_TRUE(validate_comment("line one\r\n\tline two", "Ada", "").valid());
  const auto nul = validate_comment("before\0after"s, "", "");
  ASSERT_EQ(nul.errors.count("content"), 1U);
  EXPECT_NE(nul.errors.at("content").find("control characters"), std::string::npos);
  EXPECT_FALSE(validate_comment("bell\a", "", "").valid());
  EXPECT_FALSE(validate_comment("escape \x1b[31m", "", "").valid());
  EXPECT_FALSE(validate_comment("delete \x7f", "", "").valid());
  EXPECT_FALSE(validate_comment("c1 \xc2\x85", "", "").valid());            // NEL
  EXPECT_TRUE(validate_comment("latin \xc2\xa0\xc3\xa9", "", "").valid());  // NBSP, é
  const auto name = validate_comment("x", "Ada\nLovelace", "");
  ASSERT_EQ(name.errors.count("author"), 1U);
  EXPECT_NE(name.errors.at("author").find("control characters"), std::string::npos);
  EXPECT_FALSE(validate_comment("x", "Ada\tL", "").valid());
  EXPECT_FALSE(validate_comment("x", "A\0da"s, "").valid());
  const auto site = validate_comment("x", "", "https://a.example/\0x"s);
  ASSERT_EQ(site.errors.count("website"), 1U);
  EXPECT_NE(site.errors.at("website").find("control characters"), std::string::npos);
}

TEST(PasswordPolicy, AtLeastTwelveCharactersCountedAsCharacters) {
  ASSERT_TRUE(password_weakness("short").has_value());
  EXPECT_NE(password_weakness("short")->find("at least 12 characters"), std::string::npos);
  EXPECT_NE(password_weakness("short")->find("ASVS 2.1.1"), std::string::npos);
  EXPECT_TRUE(password_weakness("ééééééééééé").has_value());  // 11 characters, 22 bytes
  EXPECT_FALSE(password_weakness("ééééé tremble").has_value());
  EXPECT_FALSE(password_weakness("correct horse battery staple").has_value());
}

TEST(PasswordPolicy, RefusesTheShippedCommonPasswordsAndTheirEasyVariants) {
  EXPECT_GT(common_password_count(), 3000U);
  for (const char* weak :
       {"winniethepooh", "WinnieThePooh", "password1234", "Password1234!", "iloveyou2024!!",
        "abc123abc123", "123456789012", "!!!!!!!!!!!!", "aaaaaaaaaaaa", "ababababababab"}) {
    const auto why = password_weakness(weak);
    ASSERT_TRUE(why.has_value()) << weak;
  }
  EXPECT_NE(password_weakness("Password1234!")->find("most common passwords"), std::string::npos);
  EXPECT_FALSE(password_weakness("a long enough password for ada").has_value());
  EXPECT_FALSE(password_weakness("tulip-harbour-31").has_value());
}
