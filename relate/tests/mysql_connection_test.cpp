// The MySQL / MariaDB backend below the ORM: URLs, connecting, the session
// it sets up, errors by server code, prepared statements and values.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>

#include "relate/connection/engine.hpp"
#include "relate/error.hpp"
#include "relate/sql/dialect.hpp"
#include "test_database.hpp"

using relate_test::scalar;
using relate_test::TestDatabase;
using relate_test::text;
using relate_test::with_password;

namespace {

class MysqlConnection : public ::testing::Test {
 protected:
  void SetUp() override { RELATE_REQUIRE_BACKEND(database); }

  std::shared_ptr<relate::Engine> engine(std::string_view options = {}) {
    return relate::create_engine(database.url(options));
  }

  TestDatabase database{"mariadb"};
};

template <class E, class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected an exception";
  return {};
}

}  // namespace

TEST(MysqlUrl, BothSchemesAreRegisteredWithTheirDialects) {
  EXPECT_EQ(relate::create_engine("mysql://u@127.0.0.1:1/db")->dialect().name(), "mysql");
  EXPECT_EQ(relate::create_engine("mariadb://u@127.0.0.1:1/db")->dialect().name(), "mariadb");
}

TEST(MysqlUrl, UnknownOptionsAndOtherCharsetsAreRefusedWithoutThePassword) {
  const std::string unknown = message_of<relate::UrlError>(
      [] { relate::create_engine("mysql://u:topsecret@h/db?colour=blue"); });
  EXPECT_NE(unknown.find("unknown option 'colour'"), std::string::npos) << unknown;
  EXPECT_EQ(unknown.find("topsecret"), std::string::npos) << unknown;
  const std::string charset = message_of<relate::UrlError>(
      [] { relate::create_engine("mysql://u:topsecret@h/db?charset=latin1"); });
  EXPECT_NE(charset.find("utf8mb4"), std::string::npos) << charset;
  EXPECT_NO_THROW(relate::create_engine("mysql://u@h/db?charset=utf8mb4&pool_size=2"));
  EXPECT_THROW(relate::create_engine("mysql://u@h/db?pool_size=none"), relate::UrlError);
  EXPECT_THROW(relate::create_engine("mysql://u@h/db?unix_socket=relative"), relate::UrlError);
  EXPECT_THROW(relate::create_engine("mysql://u@h"), relate::UrlError);
}

TEST(MysqlConnect, ARefusedConnectionNamesHostAndPortButNotThePassword) {
  auto engine = relate::create_engine("mysql://relate:topsecret@127.0.0.1:1/blog");
  const std::string what = message_of<relate::ConnectionError>([&] { engine->connect(); });
  EXPECT_NE(what.find("host 127.0.0.1, port 1"), std::string::npos) << what;
  EXPECT_EQ(what.find("topsecret"), std::string::npos) << what;
}

TEST_F(MysqlConnection, AWrongPasswordIsAConnectionErrorThatDoesNotShowIt) {
  auto wrong = relate::create_engine(with_password(database.url(), "wrong-secret-42"));
  const std::string what = message_of<relate::ConnectionError>([&] { wrong->connect(); });
  EXPECT_NE(what.find("Access denied"), std::string::npos) << what;
  EXPECT_NE(what.find("host 127.0.0.1"), std::string::npos) << what;
  EXPECT_EQ(what.find("wrong-secret-42"), std::string::npos) << what;
}

TEST_F(MysqlConnection, ConnectsThroughAUnixSocket) {
  const char* socket_url = std::getenv("RELATE_TEST_MARIADB_SOCKET_URL");
  ASSERT_NE(socket_url, nullptr) << "scripts/with-mariadb sets RELATE_TEST_MARIADB_SOCKET_URL";
  auto socket_engine = relate::create_engine(socket_url);
  auto c = socket_engine->connect();
  EXPECT_EQ(scalar(*c, "SELECT 1 + 1"), 2);
}

TEST_F(MysqlConnection, EverySessionIsUtcStrictUtf8mb4AndReadCommitted) {
  auto owner = engine();
  auto c = owner->connect();
  EXPECT_EQ(text(*c, "SELECT @@session.time_zone"), "+00:00");
  EXPECT_NE(text(*c, "SELECT @@session.sql_mode").find("STRICT_ALL_TABLES"), std::string::npos);
  EXPECT_NE(text(*c, "SELECT @@session.sql_mode").find("NO_BACKSLASH_ESCAPES"), std::string::npos);
  EXPECT_NE(text(*c, "SELECT @@session.sql_mode").find("ANSI_QUOTES"), std::string::npos);
  EXPECT_EQ(text(*c, "SELECT @@character_set_client"), "utf8mb4");
  EXPECT_EQ(text(*c, "SELECT @@session.tx_isolation"), "READ-COMMITTED");
}

TEST_F(MysqlConnection, ValuesRoundTripThroughPreparedStatements) {
  auto owner = engine();
  auto c = owner->connect();
  c->execute_script(
      "CREATE TABLE v (i BIGINT, d DOUBLE, b TINYINT(1), t LONGTEXT, ts DATETIME(6)) "
      "ENGINE=InnoDB");
  const relate::Timestamp when{std::chrono::sys_days{std::chrono::year{2026} / 1 / 2} +
                               std::chrono::hours{3} + std::chrono::microseconds{4'000'006}};
  const std::string long_text(100'000, 'x');
  const relate::Param row[] = {std::int64_t{-9'000'000'000}, 0.1 + 0.2, true,
                               std::string_view{long_text}, when};
  c->execute("INSERT INTO v VALUES (?, ?, ?, ?, ?)", row).run();
  const relate::Param nulls[] = {std::monostate{}, std::monostate{}, std::monostate{},
                                 std::string_view{""}, std::monostate{}};
  c->execute("INSERT INTO v VALUES (?, ?, ?, ?, ?)", nulls).run();
  auto cursor = c->execute("SELECT i, d, b, t, ts FROM v ORDER BY i IS NULL");
  ASSERT_TRUE(cursor.next());
  EXPECT_EQ(cursor.get_int64(0), -9'000'000'000);
  EXPECT_EQ(cursor.get_double(1), 0.1 + 0.2);
  EXPECT_EQ(cursor.get_int64(2), 1);
  EXPECT_EQ(cursor.get_text(3), long_text);
  EXPECT_EQ(cursor.get_timestamp(4), when);
  ASSERT_TRUE(cursor.next());
  EXPECT_TRUE(cursor.is_null(0));
  EXPECT_TRUE(cursor.is_null(4));
  EXPECT_FALSE(cursor.is_null(3));
  EXPECT_NE(cursor.get_text(3).data(), nullptr);
  EXPECT_FALSE(cursor.next());
}

// A prepared statement is run again as it is: no COM_STMT_RESET (a round
// trip to the server) between runs, and its values and rows are new each time.
TEST_F(MysqlConnection, AReusedStatementCostsNoResetRoundTrip) {
  auto owner = engine();
  auto c = owner->connect();
  c->execute_script("CREATE TABLE r (i BIGINT, t VARCHAR(20)) ENGINE=InnoDB");
  const auto resets = [&] {
    return std::stoll(text(*c, "SELECT variable_value FROM information_schema.session_status "
                               "WHERE variable_name = 'COM_STMT_RESET'"));
  };
  const long long before = resets();
  for (std::int64_t i = 1; i <= 5; ++i) {
    const std::string label = "row " + std::to_string(i);
    const relate::Param row[] = {i, std::string_view{label}};
    c->execute("INSERT INTO r VALUES (?, ?)", row).run();
    const relate::Param key[] = {i};
    auto cursor = c->execute("SELECT t FROM r WHERE i = ?", key);
    ASSERT_TRUE(cursor.next());
    EXPECT_EQ(cursor.get_text(0), label);
    EXPECT_FALSE(cursor.next());
  }
  EXPECT_EQ(resets(), before);
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM r"), 5);
}

TEST_F(MysqlConnection, ServerErrorsAreTypedAndNameTheConstraint) {
  auto owner = engine();
  auto c = owner->connect();
  c->execute_script(
      "CREATE TABLE parent (id BIGINT PRIMARY KEY, name VARCHAR(5) NOT NULL, "
      "CONSTRAINT uq_parent_name UNIQUE (name)) ENGINE=InnoDB");
  c->execute_script(
      "CREATE TABLE child (id BIGINT PRIMARY KEY, parent_id BIGINT, CONSTRAINT "
      "fk_child_parent_id FOREIGN KEY (parent_id) REFERENCES parent (id)) ENGINE=InnoDB");
  c->execute_script("INSERT INTO parent VALUES (1, 'ada')");
  try {
    c->execute_script("INSERT INTO parent VALUES (2, 'ada')");
    FAIL() << "expected UniqueViolation";
  } catch (const relate::UniqueViolation& e) {
    EXPECT_EQ(e.constraint(), "uq_parent_name");
    EXPECT_EQ(e.table(), "parent");
  }
  try {
    c->execute_script("INSERT INTO child VALUES (1, 42)");
    FAIL() << "expected ForeignKeyViolation";
  } catch (const relate::ForeignKeyViolation& e) {
    EXPECT_EQ(e.constraint(), "fk_child_parent_id");
  }
  try {
    c->execute_script("INSERT INTO parent VALUES (3, NULL)");
    FAIL() << "expected NotNullViolation";
  } catch (const relate::NotNullViolation& e) {
    EXPECT_EQ(e.constraint(), "parent.name");
  }
  // Strict mode: a value longer than its VARCHAR is refused, not cut.
  EXPECT_THROW(c->execute_script("INSERT INTO parent VALUES (4, 'toolong')"), relate::DataError);
  EXPECT_THROW(c->execute_script("SELECT * FROM nowhere"), relate::DatabaseError);
}

TEST_F(MysqlConnection, AConnectionKilledByTheServerIsDroppedAndReplaced) {
  auto e = engine("pool_size=1");
  std::int64_t first_id = 0;
  {
    auto c = e->connect();
    first_id = scalar(*c, "SELECT CONNECTION_ID()");
  }
  {
    relate::create_engine(database.url())
        ->connect()
        ->execute_script("KILL CONNECTION " + std::to_string(first_id));
  }
  // The killed connection either looks dead in the pool or fails its first
  // statement with ConnectionError; the one after is a new connection.
  try {
    auto c = e->connect();
    EXPECT_NE(scalar(*c, "SELECT CONNECTION_ID()"), first_id);
  } catch (const relate::ConnectionError&) {
    auto c = e->connect();
    EXPECT_NE(scalar(*c, "SELECT CONNECTION_ID()"), first_id);
  }
  EXPECT_GE(e->status().discarded, 1U);
}
