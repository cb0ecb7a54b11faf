// Signed session cookies and CSRF tokens (session_codec.hpp, csrf.hpp).
#include <gtest/gtest.h>

#include "crypto.hpp"
#include "csrf.hpp"
#include "session_codec.hpp"

namespace web::detail {
namespace {

constexpr std::int64_t kNow = 1'700'000'000;
constexpr std::chrono::seconds kMaxAge{3600};

std::int64_t now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class SessionCookie : public ::testing::Test {
 protected:
  void SetUp() override { ensure_sodium(); }
  SessionCodec codec{"a secret key that is long enough for tests"};
};

TEST_F(SessionCookie, RoundTrips) {
  Session session = SessionAccess::make_new();
  session.set("user_id", 42);
  const std::string cookie = codec.encode(session);
  const auto decoded = codec.decode(cookie, kMaxAge, now());
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->id(), session.id());
  EXPECT_EQ(*decoded->get("user_id"), 42);
  EXPECT_EQ(SessionAccess::csrf_secret(*decoded), SessionAccess::csrf_secret(session));
  EXPECT_FALSE(decoded->modified());
}

TEST_F(SessionCookie, RejectsTampering) {
  Session session = SessionAccess::make_new();
  session.set("is_admin", false);
  std::string cookie = codec.encode(session);
  for (std::size_t i = 0; i < cookie.size(); i += 7) {
    std::string changed = cookie;
    changed[i] = changed[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(codec.decode(changed, kMaxAge, now())) << i;
  }
  EXPECT_FALSE(codec.decode(cookie.substr(0, cookie.size() - 1), kMaxAge, now()));
  EXPECT_FALSE(codec.decode("", kMaxAge, now()));
  EXPECT_FALSE(codec.decode("no-dot", kMaxAge, now()));
}

TEST_F(SessionCookie, RejectsAnotherSecret) {
  const std::string cookie = codec.encode(SessionAccess::make_new());
  const SessionCodec other{"another secret key, just as long as the first"};
  EXPECT_FALSE(other.decode(cookie, kMaxAge, now()));
}

TEST_F(SessionCookie, ExpiresAfterMaxAge) {
  const std::string cookie = codec.encode(SessionAccess::make_new());
  EXPECT_TRUE(codec.decode(cookie, kMaxAge, now() + 3000));
  EXPECT_FALSE(codec.decode(cookie, kMaxAge, now() + 4000));
  EXPECT_FALSE(codec.decode(cookie, kMaxAge, kNow - 1'000'000));  // issued in the "future"
}

TEST_F(SessionCookie, RefusesOversizedSessions) {
  Session session = SessionAccess::make_new();
  session.set("blob", std::string(5000, 'x'));
  EXPECT_THROW(codec.encode(session), std::length_error);
}

TEST_F(SessionCookie, RotateChangesIdAndCsrfSecret) {
  Session session = SessionAccess::make_new();
  const std::string id = session.id();
  const std::string secret = SessionAccess::csrf_secret(session);
  session.rotate();
  EXPECT_NE(session.id(), id);
  EXPECT_NE(SessionAccess::csrf_secret(session), secret);
}

TEST(CsrfToken, MaskedTokensDifferButAllVerify) {
  ensure_sodium();
  const std::string secret = random_bytes(32);
  const std::string a = mask_csrf_token(secret);
  const std::string b = mask_csrf_token(secret);
  EXPECT_NE(a, b);
  EXPECT_TRUE(verify_csrf_token(a, secret));
  EXPECT_TRUE(verify_csrf_token(b, secret));
  EXPECT_FALSE(verify_csrf_token(a, random_bytes(32)));
  EXPECT_FALSE(verify_csrf_token("", secret));
  EXPECT_FALSE(verify_csrf_token(a.substr(1), secret));
  EXPECT_FALSE(verify_csrf_token(std::string(a.size(), 'A'), secret));
}

TEST(Provenance, ComparesOriginWithHost) {
  const std::vector<std::string> none;
  const auto of = [&](std::optional<std::string_view> origin,
                      std::optional<std::string_view> fetch_site, std::string_view host,
                      const std::vector<std::string>& trusted) {
    return provenance_of(origin, fetch_site, host, trusted);
  };
  EXPECT_EQ(of(std::nullopt, std::nullopt, "blog.example", none), Provenance::unknown);
  EXPECT_EQ(of("https://blog.example", std::nullopt, "blog.example", none),
            Provenance::same_origin);
  EXPECT_EQ(of("http://127.0.0.1:5000", "same-origin", "127.0.0.1:5000", none),
            Provenance::same_origin);
  EXPECT_EQ(of(std::nullopt, "same-origin", "blog.example", none), Provenance::same_origin);
  // A sibling subdomain is not this origin.
  EXPECT_EQ(of(std::nullopt, "same-site", "blog.example", none), Provenance::unknown);
  EXPECT_EQ(of("https://evil.example", std::nullopt, "blog.example", none), Provenance::cross_site);
  EXPECT_EQ(of("https://evil.example", "same-origin", "blog.example", none),
            Provenance::cross_site);
  EXPECT_EQ(of("null", std::nullopt, "blog.example", none), Provenance::cross_site);
  EXPECT_EQ(of("https://blog.example.evil.example", std::nullopt, "blog.example", none),
            Provenance::cross_site);
  EXPECT_EQ(of(std::nullopt, "cross-site", "blog.example", none), Provenance::cross_site);
  EXPECT_EQ(of("https://blog.example", "cross-site", "blog.example", none), Provenance::cross_site);
  const std::vector<std::string> trusted = {"https://admin.example"};
  EXPECT_EQ(of("https://admin.example", std::nullopt, "blog.example", trusted),
            Provenance::same_origin);
}

}  // namespace
}  // namespace web::detail
