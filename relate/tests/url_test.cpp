#include "relate/connection/url.hpp"

#include <gtest/gtest.h>

#include "relate/connection/engine.hpp"
#include "relate/error.hpp"
#include "relate/sql/dialect.hpp"

using relate::Url;

TEST(Url, SqliteRelativePathHasThreeSlashes) {
  const Url url = Url::parse("sqlite:///relative/path.db");
  EXPECT_EQ(url.scheme, "sqlite");
  EXPECT_EQ(url.host, "");
  EXPECT_EQ(url.database, "relative/path.db");
}

TEST(Url, SqliteAbsolutePathHasFourSlashes) {
  EXPECT_EQ(Url::parse("sqlite:////var/lib/blog.db").database, "/var/lib/blog.db");
}

TEST(Url, SqliteWithoutPathIsMemory) {
  EXPECT_EQ(Url::parse("sqlite://").database, "");
  EXPECT_EQ(Url::parse("sqlite:///:memory:").database, ":memory:");
}

TEST(Url, ServerUrlHasUserPasswordHostPortAndOptions) {
  const Url url = Url::parse("postgresql://folio:s%40cret@db.example:5433/blog?connect_timeout=5");
  EXPECT_EQ(url.username, "folio");
  EXPECT_EQ(url.password, "s@cret");
  EXPECT_EQ(url.host, "db.example");
  EXPECT_EQ(url.port, 5433);
  EXPECT_EQ(url.database, "blog");
  EXPECT_EQ(url.options.at("connect_timeout"), "5");
}

TEST(Url, RedactedHidesThePassword) {
  const Url url = Url::parse("postgresql://folio:secret@localhost/blog");
  EXPECT_EQ(url.redacted(), "postgresql://folio:***@localhost/blog");
}

TEST(Url, MalformedUrlsNameTheUrlAndTheProblem) {
  const auto message = [](const char* text) {
    try {
      Url::parse(text);
    } catch (const relate::UrlError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message("database.db").find("'database.db'"), std::string::npos);
  EXPECT_NE(message("sqlite:/x.db").find("expected <scheme>://"), std::string::npos);
  EXPECT_NE(message("postgresql://h:99999/db").find("port"), std::string::npos);
  EXPECT_NE(message("sqlite:///a%zz.db").find("percent-escape"), std::string::npos);
  EXPECT_NE(message("SQLite:///x.db").find("scheme"), std::string::npos);
  // The second value used to replace the first without a word.
  EXPECT_NE(message("postgresql:///db?options=-ca%3D1&options=-cb%3D2").find("given twice"),
            std::string::npos);
}

TEST(Url, ErrorsNeverShowThePassword) {
  try {
    Url::parse("postgresql://u:topsecret@h:notaport/db");
    FAIL() << "expected UrlError";
  } catch (const relate::UrlError& e) {
    EXPECT_EQ(std::string(e.what()).find("topsecret"), std::string::npos) << e.what();
  }
}

// Seen while writing fuzz/fuzz_db_url: an unencoded '/' in the password made the user info look
// like a path, and the error message showed the password.
TEST(Url, ErrorsHideAPasswordWithAnUnencodedSlash) {
  try {
    Url::parse("postgresql://app:s3cr/t0p@db/folio");
    FAIL() << "expected UrlError";
  } catch (const relate::UrlError& e) {
    EXPECT_EQ(std::string(e.what()).find("s3cr/t0p"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("postgresql://app:***@db/folio"), std::string::npos)
        << e.what();
  }
}

TEST(CreateEngine, UnknownSchemeIsAnErrorNamingTheUrl) {
  try {
    relate::create_engine("oracle://root@localhost/blog");
    FAIL() << "expected UrlError";
  } catch (const relate::UrlError& e) {
    EXPECT_NE(std::string(e.what()).find("oracle://root@localhost/blog"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("unsupported"), std::string::npos);
  }
}

TEST(CreateEngine, SqliteRefusesHostsAndUnknownOptions) {
  EXPECT_THROW(relate::create_engine("sqlite://somehost/blog.db"), relate::UrlError);
  EXPECT_THROW(relate::create_engine("sqlite:///blog.db?colour=blue"), relate::UrlError);
  EXPECT_THROW(relate::create_engine("sqlite:///blog.db?pool_size=many"), relate::UrlError);
}

TEST(CreateEngine, InMemoryDatabaseHasOneConnection) {
  EXPECT_EQ(relate::create_engine("sqlite://")->pool_size(), 1U);
  EXPECT_EQ(relate::create_engine("sqlite:///x.db?pool_size=3")->pool_size(), 3U);
  // A pool size asked for in the options used to open more in-memory
  // connections, each an empty database of its own.
  relate::EngineOptions options;
  options.pool_size = 4;
  EXPECT_EQ(relate::create_engine("sqlite://", options)->pool_size(), 1U);
}

TEST(Url, PasswordOptionsAreRedactedToo) {
  const Url url = Url::parse("postgresql:///blog?host=/run/pg&password=topsecret");
  EXPECT_EQ(url.redacted(), "postgresql:///blog?host=/run/pg&password=***");
  try {
    Url::parse("postgresql://h:bad/db?password=topsecret");
    FAIL() << "expected UrlError";
  } catch (const relate::UrlError& e) {
    EXPECT_EQ(std::string(e.what()).find("topsecret"), std::string::npos) << e.what();
  }
}

TEST(Url, UnixSocketFormKeepsTheDirectoryAsAnOption) {
  const Url url = Url::parse("postgresql:///blog?host=/var/run/postgresql");
  EXPECT_EQ(url.host, "");
  EXPECT_EQ(url.database, "blog");
  EXPECT_EQ(url.options.at("host"), "/var/run/postgresql");
  // Or the directory percent-encoded in the host, as libpq also takes it.
  EXPECT_EQ(Url::parse("postgresql://%2Fvar%2Frun%2Fpostgresql/blog").host, "/var/run/postgresql");
}

TEST(CreateEngine, PostgresSchemesPickThePostgresDialectWithoutConnecting) {
  // Nothing listens there: creating an engine opens no connection.
  EXPECT_EQ(relate::create_engine("postgresql://u:pw@127.0.0.1:1/db")->dialect().name(),
            "postgresql");
  EXPECT_EQ(relate::create_engine("postgres://u@127.0.0.1:1/db")->dialect().name(), "postgresql");
  EXPECT_EQ(relate::create_engine("postgresql://127.0.0.1:1/db?pool_size=3")->pool_size(), 3U);
}

TEST(CreateEngine, PostgresRefusesUnknownOrUnreadableOptions) {
  const auto message = [](const std::string& url) {
    try {
      relate::create_engine(url);
    } catch (const relate::UrlError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string unknown = message("postgresql://u:topsecret@h/db?colour=blue");
  EXPECT_NE(unknown.find("unknown option 'colour'"), std::string::npos) << unknown;
  EXPECT_EQ(unknown.find("topsecret"), std::string::npos) << unknown;
  EXPECT_NE(message("postgresql://h/db?pool_size=0").find("pool_size"), std::string::npos);
  EXPECT_NE(message("postgresql://h/db?connect_timeout=soon").find("connect_timeout"),
            std::string::npos);
  EXPECT_NE(message("postgresql://h/db?host=/tmp").find("host is given twice"), std::string::npos);
}
