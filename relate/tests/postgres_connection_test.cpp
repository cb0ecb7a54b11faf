// The PostgreSQL backend below the ORM: connecting, errors, prepared
// statements, values, and connections the server closes.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>

#include "relate/connection/engine.hpp"
#include "relate/error.hpp"
#include "test_database.hpp"

using relate_test::scalar;
using relate_test::TestDatabase;
using relate_test::text;
using relate_test::with_password;

namespace {

class PostgresConnection : public ::testing::Test {
 protected:
  void SetUp() override { RELATE_REQUIRE_BACKEND(database); }

  std::shared_ptr<relate::Engine> engine(std::string_view options = {},
                                         relate::EngineOptions engine_options = {}) {
    return relate::create_engine(database.url(options), std::move(engine_options));
  }

  TestDatabase database{"postgresql"};
};

}  // namespace

TEST(PostgresConnect, ARefusedConnectionNamesHostAndPortButNotThePassword) {
  // Nothing listens on port 1; no server is needed for this test.
  auto engine = relate::create_engine("postgresql://relate:topsecret@127.0.0.1:1/blog");
  try {
    engine->connect();
    FAIL() << "expected ConnectionError";
  } catch (const relate::ConnectionError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("host 127.0.0.1, port 1"), std::string::npos) << what;
    EXPECT_NE(what.find("refused"), std::string::npos) << what;
    EXPECT_EQ(what.find("topsecret"), std::string::npos) << what;
  }
}

TEST_F(PostgresConnection, AWrongPasswordIsAConnectionErrorThatDoesNotShowIt) {
  auto engine = relate::create_engine(with_password(database.url(), "wrong-secret-42"));
  try {
    engine->connect();
    FAIL() << "expected ConnectionError";
  } catch (const relate::ConnectionError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("password authentication failed"), std::string::npos) << what;
    EXPECT_NE(what.find("host 127.0.0.1"), std::string::npos) << what;
    EXPECT_EQ(what.find("wrong-secret-42"), std::string::npos) << what;
  }
}

TEST_F(PostgresConnection, ConnectsThroughAUnixSocket) {
  const char* socket_url = std::getenv("RELATE_TEST_POSTGRES_SOCKET_URL");
  if (socket_url == nullptr) GTEST_SKIP() << "RELATE_TEST_POSTGRES_SOCKET_URL is not set";
  auto engine = relate::create_engine(socket_url);
  auto c = engine->connect();
  EXPECT_EQ(scalar(*c, "SELECT 1"), 1);
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM (SELECT inet_server_addr() AS a) s WHERE a IS NULL"),
            1);  // no server address: not TCP
}

TEST_F(PostgresConnection, SessionsRunInUtc) {
  auto pool = engine();
  auto c = pool->connect();
  EXPECT_EQ(text(*c, "SHOW TimeZone"), "UTC");
}

TEST_F(PostgresConnection, PreparedStatementsAreReusedPerConnection) {
  auto pool = engine();
  auto c = pool->connect();
  const relate::Param one{std::int64_t{1}};
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(scalar(*c, "SELECT $1::bigint + 1", {&one, 1}), 2);
  EXPECT_EQ(c->statements_prepared(), 1U);
  EXPECT_EQ(c->statements_run(), 3U);
  // Prepared once on the server too.
  EXPECT_EQ(scalar(*c,
                   "SELECT count(*) FROM pg_prepared_statements "
                   "WHERE statement = 'SELECT $1::bigint + 1'"),
            1);
}

TEST_F(PostgresConnection, ANestedCursorGetsAStatementThatIsDeallocatedAfterwards) {
  auto pool = engine();
  auto c = pool->connect();
  {
    auto outer = c->execute("SELECT 1 UNION ALL SELECT 2");
    ASSERT_TRUE(outer.next());
    EXPECT_EQ(scalar(*c, "SELECT 1 UNION ALL SELECT 2"), 1);  // while `outer` is open
    ASSERT_TRUE(outer.next());
    EXPECT_EQ(outer.get_int64(0), 2);
  }
  EXPECT_EQ(scalar(*c,
                   "SELECT count(*) FROM pg_prepared_statements "
                   "WHERE statement = 'SELECT 1 UNION ALL SELECT 2'"),
            1);  // the cached one; the nested one's was deallocated
}

TEST_F(PostgresConnection, ValuesRoundTrip) {
  using namespace std::chrono;
  auto pool = engine();
  auto c = pool->connect();
  const relate::Timestamp when = sys_days{year{2026} / 11 / 22} + hours{10} + microseconds{123456};
  const relate::Param params[] = {
      true, 0.1, std::string_view{"it's \xc3\xa9"}, std::int64_t{-42}, when, std::monostate{}};
  auto cursor = c->execute(
      "SELECT $1::boolean, $2::double precision, $3::text, $4::bigint, $5::timestamptz, $6::text",
      params);
  ASSERT_TRUE(cursor.next());
  EXPECT_TRUE(cursor.get_bool(0));
  EXPECT_EQ(cursor.get_double(1), 0.1);
  EXPECT_EQ(cursor.get_text(2), "it's \xc3\xa9");
  EXPECT_EQ(cursor.get_int64(3), -42);
  EXPECT_EQ(cursor.get_timestamp(4), when);
  EXPECT_TRUE(cursor.is_null(5));
  EXPECT_EQ(cursor.get_text(5).data(), nullptr);
}

TEST_F(PostgresConnection, TimestampsAreUtcInstants) {
  using namespace std::chrono;
  auto pool = engine();
  auto c = pool->connect();
  const relate::Timestamp when = sys_days{year{2026} / 1 / 2} + hours{3} + minutes{4};
  const relate::Param param{when};
  EXPECT_EQ(scalar(*c, "SELECT extract(epoch FROM $1::timestamptz)::bigint", {&param, 1}),
            duration_cast<seconds>(when.time_since_epoch()).count());
  auto cursor = c->execute("SELECT '2026-01-02 03:04:05.5+02'::timestamptz");
  ASSERT_TRUE(cursor.next());
  EXPECT_EQ(cursor.get_timestamp(0),
            relate::Timestamp{sys_days{year{2026} / 1 / 2} + hours{1} + minutes{4} + seconds{5} +
                              milliseconds{500}});
}

TEST_F(PostgresConnection, ErrorsAreTypedAndNameTableAndConstraint) {
  auto pool = engine();
  auto c = pool->connect();
  c->execute_script(
      "CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT NOT NULL CONSTRAINT uq_t_name UNIQUE, "
      "parent BIGINT CONSTRAINT fk_t_parent REFERENCES t (id), n BIGINT CONSTRAINT ck_t_n "
      "CHECK (n > 0))");
  c->execute_script("INSERT INTO t (id, name) VALUES (1, 'a')");
  const auto fails = [&](std::string_view sql) -> std::string {
    try {
      c->execute(sql).run();
    } catch (const relate::IntegrityError& e) {
      EXPECT_EQ(e.table(), "t") << sql;
      return e.constraint() + " | " + e.detail() + " | " + e.what();
    }
    return "no IntegrityError";
  };
  EXPECT_THROW(c->execute("INSERT INTO t (id, name) VALUES (2, 'a')").run(),
               relate::UniqueViolation);
  EXPECT_TRUE(fails("INSERT INTO t (id, name) VALUES (2, 'a')")
                  .starts_with("uq_t_name | Key (name)=(a) already exists."));
  EXPECT_THROW(c->execute("INSERT INTO t (id, name, parent) VALUES (3, 'b', 99)").run(),
               relate::ForeignKeyViolation);
  EXPECT_TRUE(fails("INSERT INTO t (id, name, parent) VALUES (3, 'b', 99)")
                  .starts_with("fk_t_parent | Key (parent)=(99) is not present"));
  EXPECT_THROW(c->execute("INSERT INTO t (id) VALUES (4)").run(), relate::NotNullViolation);
  EXPECT_TRUE(fails("INSERT INTO t (id) VALUES (4)").starts_with("t.name | "));
  EXPECT_THROW(c->execute("INSERT INTO t (id, name, n) VALUES (5, 'c', -1)").run(),
               relate::CheckViolation);
  EXPECT_TRUE(fails("INSERT INTO t (id, name, n) VALUES (5, 'c', -1)").starts_with("ck_t_n | "));
  try {
    c->execute("SELEC nonsense").run();
    FAIL() << "expected DatabaseError";
  } catch (const relate::DatabaseError& e) {
    EXPECT_NE(std::string(e.what()).find("while running: SELEC nonsense"), std::string::npos);
  }
  EXPECT_THROW(c->execute("SELECT 'x'::bigint").run(), relate::DataError);
  // The connection is still usable after errors.
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM t"), 1);
}

TEST_F(PostgresConnection, WriteTransactionsBeginWithAPlainBegin) {
  std::vector<std::string> statements;
  relate::EngineOptions options;
  options.on_statement = [&](const relate::StatementEvent& e) { statements.emplace_back(e.sql); };
  auto pool = engine({}, options);
  auto c = pool->connect();
  c->begin_write();
  c->commit();
  EXPECT_EQ(statements, (std::vector<std::string>{"BEGIN", "COMMIT"}));
}

TEST_F(PostgresConnection, CommittingATransactionThatAnErrorAbortedIsAnError) {
  auto pool = engine();
  auto c = pool->connect();
  c->execute_script("CREATE TABLE t (id BIGINT PRIMARY KEY)");
  c->begin_write();
  c->execute_script("INSERT INTO t VALUES (1)");
  EXPECT_THROW(c->execute_script("INSERT INTO t VALUES (1)"), relate::UniqueViolation);
  // PostgreSQL answers COMMIT with a rollback here: that must not pass as a commit.
  EXPECT_THROW(c->commit(), relate::OperationalError);
  c->rollback();
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM t"), 0);
}

TEST_F(PostgresConnection, AStatementOnAConnectionTheServerClosedFailsAlone) {
  auto engine = this->engine("pool_size=2");
  auto admin = engine->connect();
  {
    auto victim = engine->connect();
    const relate::Param pid{scalar(*victim, "SELECT pg_backend_pid()")};
    EXPECT_EQ(scalar(*admin, "SELECT pg_terminate_backend($1::int, 10000)::int", {&pid, 1}), 1);
    try {
      (void)scalar(*victim, "SELECT 1");
      FAIL() << "expected ConnectionError";
    } catch (const relate::ConnectionError& e) {
      EXPECT_NE(std::string(e.what()).find("lost the connection"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("host 127.0.0.1"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(victim->healthy());
  }
  EXPECT_EQ(engine->status().discarded, 1U);  // not put back in the pool
  auto next = engine->connect();
  EXPECT_EQ(scalar(*next, "SELECT 1"), 1);
}

TEST_F(PostgresConnection, TheEngineReplacesAnIdleConnectionTheServerClosed) {
  auto engine = this->engine("pool_size=2");
  std::int64_t victim_pid = 0;
  {
    auto victim = engine->connect();
    victim_pid = scalar(*victim, "SELECT pg_backend_pid()");
  }  // back in the pool, idle
  {
    auto admin_engine = relate::create_engine(database.url());
    auto admin = admin_engine->connect();
    const relate::Param pid{victim_pid};
    EXPECT_EQ(scalar(*admin, "SELECT pg_terminate_backend($1::int, 10000)::int", {&pid, 1}), 1);
  }
  auto c = engine->connect();  // the idle one is found closed and replaced
  EXPECT_NE(scalar(*c, "SELECT pg_backend_pid()"), victim_pid);
  EXPECT_EQ(engine->status().discarded, 1U);
  EXPECT_EQ(engine->status().opened, 2U);
}
