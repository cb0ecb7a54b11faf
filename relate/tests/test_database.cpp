#include "test_database.hpp"

#include <algorithm>
#include <cstdlib>
#include <random>

#include "relate/connection/engine.hpp"

namespace relate_test {

namespace {

constexpr const char* kPostgresUrlVariable = "RELATE_TEST_POSTGRES_URL";
constexpr const char* kMariadbUrlVariable = "RELATE_TEST_MARIADB_URL";

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::string random_suffix() {
  std::random_device device;
  std::uniform_int_distribution<unsigned long long> pick;
  const unsigned long long n = pick(device);
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string out;
  for (unsigned long long v = n; out.size() < 12; v /= 36)
    out += kDigits[v % 36];
  return out;
}

std::string with_options(const std::string& url, std::string_view options) {
  if (options.empty()) return url;
  return url + (url.find('?') == std::string::npos ? "?" : "&") + std::string(options);
}

bool is_set(const std::string& value) {
  return !value.empty() && value != "0" && value != "false";
}

// `url` with its database (the path) replaced by `database`.
std::string with_database(const std::string& url, const std::string& database) {
  const std::size_t authority = url.find("://") + 3;
  const std::size_t slash = url.find('/', authority);
  const std::size_t query = url.find('?', authority);
  std::string out = url.substr(0, std::min(slash, query)) + "/" + database;
  if (query != std::string::npos) out += url.substr(query);
  return out;
}

}  // namespace

std::vector<std::string> backend_names() {
  return {"sqlite", "postgresql", "mariadb"};
}

std::string backend_test_name(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

std::string postgres_url() {
  return environment(kPostgresUrlVariable);
}

std::string mariadb_url() {
  return environment(kMariadbUrlVariable);
}

bool backends_required() {
  return is_set(environment("CI")) || is_set(environment("RELATE_TEST_REQUIRE_POSTGRES"));
}

bool backend_required(std::string_view backend) {
  if (backend == "mariadb") {
    return is_set(environment("CI")) || is_set(environment("RELATE_TEST_REQUIRE_MARIADB"));
  }
  return backends_required();
}

TestDatabase::TestDatabase(std::string_view backend) : backend_(backend) {
  if (backend_ == "sqlite") {
    base_url_ = "sqlite://";
    return;
  }
  if (backend_ == "mariadb") {
    base_url_ = mariadb_url();
    if (base_url_.empty()) {
      reason_ = std::string(kMariadbUrlVariable) +
                " is not set, so the MariaDB cases cannot run: run the tests through "
                "scripts/with-mariadb (as `make test` does)";
      return;
    }
    schema_ = "test_" + random_suffix();
    relate::create_engine(base_url_)->connect()->execute_script(
        "CREATE DATABASE " + schema_ + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    return;
  }
  base_url_ = postgres_url();
  if (base_url_.empty()) {
    reason_ = std::string(kPostgresUrlVariable) +
              " is not set, so the PostgreSQL cases cannot run: run the tests through "
              "scripts/with-postgres (as `make test` does)";
    return;
  }
  schema_ = "test_" + random_suffix();
  relate::create_engine(base_url_)->connect()->execute_script("CREATE SCHEMA " + schema_);
}

TestDatabase::~TestDatabase() {
  if (schema_.empty()) return;
  try {
    relate::create_engine(base_url_)->connect()->execute_script(
        backend_ == "mariadb" ? "DROP DATABASE " + schema_ : "DROP SCHEMA " + schema_ + " CASCADE");
  } catch (const relate::Error&) {
    // A test that stopped the server leaves its schema; the server's
    // folder is removed with the run anyway.
  }
}

std::string TestDatabase::url(std::string_view options) const {
  if (!available()) return with_options("sqlite://", options);
  if (schema_.empty()) return with_options(base_url_, options);
  if (backend_ == "mariadb") return with_options(with_database(base_url_, schema_), options);
  // Every connection of the test's engine works in the test's schema.
  const std::string search_path = "options=-csearch_path%3D" + schema_;
  return with_options(with_options(base_url_, search_path), options);
}

std::string TestDatabase::url_with_server_settings(std::string_view settings) const {
  if (!available() || schema_.empty()) return url();
  if (backend_ == "mariadb") {
    // "-clock_timeout%3D100": milliseconds, as whole seconds of at least 1.
    const std::size_t at = settings.find("lock_timeout%3D");
    if (at == std::string_view::npos) return url();
    const long ms = std::strtol(std::string(settings.substr(at + 15)).c_str(), nullptr, 10);
    return url("lock_wait_timeout=" + std::to_string(std::max(1L, (ms + 999) / 1000)));
  }
  return with_options(base_url_,
                      "options=-csearch_path%3D" + schema_ + "%20" + std::string(settings));
}

std::int64_t scalar(relate::Connection& c, std::string_view sql,
                    std::span<const relate::Param> params) {
  auto cursor = c.execute(sql, params);
  EXPECT_TRUE(cursor.next()) << sql;
  return cursor.get_int64(0);
}

std::string text(relate::Connection& c, std::string_view sql) {
  auto cursor = c.execute(sql);
  EXPECT_TRUE(cursor.next()) << sql;
  return std::string(cursor.get_text(0));
}

std::string with_password(const std::string& url, const std::string& password) {
  const auto scheme_end = url.find("://") + 3;
  const auto at = url.find('@', scheme_end);
  const auto colon = url.find(':', scheme_end);
  return url.substr(0, colon + 1) + password + url.substr(at);
}

std::vector<std::string> table_names(relate::Database& db) {
  const std::string& scheme = db.engine().url().scheme;
  const char* sql = scheme == "sqlite" ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                    : scheme == "mariadb" || scheme == "mysql"
                        ? "SELECT table_name FROM information_schema.tables "
                          "WHERE table_schema = DATABASE()"
                        : "SELECT table_name FROM information_schema.tables "
                          "WHERE table_schema = current_schema()";
  auto connection = db.engine().connect();
  auto cursor = connection->execute(sql);
  std::vector<std::string> names;
  while (cursor.next())
    names.emplace_back(cursor.get_text(0));
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace relate_test
