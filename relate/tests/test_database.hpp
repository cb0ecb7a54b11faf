#pragma once
// The backends relate's suite runs on, and a fresh empty database on one of
// them for each test.
//
// SQLite runs everywhere (in memory). PostgreSQL needs a server: its URL
// comes from RELATE_TEST_POSTGRES_URL, which scripts/with-postgres sets (and
// `make test` runs ctest through it). Without it, PostgreSQL cases are
// skipped with a message, or fail when CI or RELATE_TEST_REQUIRE_POSTGRES
// is set (with-postgres sets it), so that a CI run cannot pass without
// having run them. MariaDB likewise: RELATE_TEST_MARIADB_URL and
// RELATE_TEST_REQUIRE_MARIADB, set by scripts/with-mariadb; each test gets a
// database of its own on that server.

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "relate/connection/connection.hpp"
#include "relate/orm/database.hpp"

namespace relate_test {

// Names of every backend the suite is instantiated for: "sqlite",
// "postgresql", "mariadb".
std::vector<std::string> backend_names();

// The name a parameterized test gets for its backend: the backend's name.
std::string backend_test_name(const ::testing::TestParamInfo<std::string>& info);

// The base URL of the test PostgreSQL server, or "" when there is none.
std::string postgres_url();
// The base URL of the test MariaDB server, or "" when there is none.
std::string mariadb_url();

// Whether a missing backend must fail the test rather than skip it (CI, or
// RELATE_TEST_REQUIRE_POSTGRES set; for "mariadb", RELATE_TEST_REQUIRE_MARIADB).
bool backends_required();
bool backend_required(std::string_view backend);

// A fresh, empty database for one test: SQLite in memory, a PostgreSQL
// schema of its own, or a MariaDB database of its own (so that tests may run
// in parallel processes and keys start at 1), dropped when this object is
// destroyed.
class TestDatabase {
 public:
  explicit TestDatabase(std::string_view backend);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // Whether the backend can run here; if not, why.
  bool available() const noexcept { return reason_.empty(); }
  const std::string& unavailable_reason() const noexcept { return reason_; }
  const std::string& backend() const noexcept { return backend_; }

  // The database's URL with `options` ("name=value&...") added. When the
  // backend is unavailable, an in-memory SQLite URL, so that fixtures can
  // still be built before the test is skipped.
  std::string url(std::string_view options = {}) const;
  // url() with PostgreSQL server settings added to its session options
  // (`-clock_timeout%3D100`, URL-encoded), beside the test's search_path.
  // MariaDB: a lock_timeout becomes lock_wait_timeout (whole seconds, at
  // least 1). SQLite has none: url().
  std::string url_with_server_settings(std::string_view settings) const;

 private:
  std::string backend_;
  std::string base_url_;
  std::string schema_;  // PostgreSQL: the schema; MariaDB: the database
  std::string reason_;
};

// For tests of a backend below the ORM: the first column of the first row
// of `sql` as an integer / as text (a test failure if there is no row).
std::int64_t scalar(relate::Connection& c, std::string_view sql,
                    std::span<const relate::Param> params = {});
std::string text(relate::Connection& c, std::string_view sql);
// `url` with its password replaced by `password`.
std::string with_password(const std::string& url, const std::string& password);

// The names of the tables in `db` (its schema, on PostgreSQL), sorted.
std::vector<std::string> table_names(relate::Database& db);

}  // namespace relate_test

// Skips the test (or fails it, when backends are required) unless `database`
// (a TestDatabase) is available. For SetUp() or a test body.
#define RELATE_REQUIRE_BACKEND(database)                           \
  do {                                                             \
    if (!(database).available()) {                                 \
      if (::relate_test::backend_required((database).backend())) { \
        GTEST_FAIL() << (database).unavailable_reason();           \
      } else {                                                     \
        GTEST_SKIP() << (database).unavailable_reason();           \
      }                                                            \
    }                                                              \
  } while (false)

// Runs the TEST_P tests of `suite` once per backend: Backends/suite.Name/sqlite...
#define RELATE_INSTANTIATE_FOR_EVERY_BACKEND(suite)                                              \
  INSTANTIATE_TEST_SUITE_P(Backends, suite, ::testing::ValuesIn(::relate_test::backend_names()), \
                           ::relate_test::backend_test_name)
