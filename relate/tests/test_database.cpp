#include "test_database.hpp"

#include <algorithm>
#include <cstdlib>
#include <random>

#include "relate/connection/engine.hpp"

namespace relate_test {

namespace {

constexpr const char* kPostgresUrlVariable = "RELATE_TEST_POSTGRES_URL";

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

}  // namespace

std::vector<std::string> backend_names() {
  return {"sqlite", "postgresql"};
}

std::string backend_test_name(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

std::string postgres_url() {
  return environment(kPostgresUrlVariable);
}

bool backends_required() {
  const auto set = [](const std::string& value) {
    return !value.empty() && value != "0" && value != "false";
  };
  return set(environment("CI")) || set(environment("RELATE_TEST_REQUIRE_POSTGRES"));
}

TestDatabase::TestDatabase(std::string_view backend) : backend_(backend) {
  if (backend_ == "sqlite") {
    base_url_ = "sqlite://";
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
    relate::create_engine(base_url_)->connect()->execute_script("DROP SCHEMA " + schema_ +
                                                                " CASCADE");
  } catch (const relate::Error&) {
    // A test that stopped the server leaves its schema; the server's
    // folder is removed with the run anyway.
  }
}

std::string TestDatabase::url(std::string_view options) const {
  if (!available()) return with_options("sqlite://", options);
  if (schema_.empty()) return with_options(base_url_, options);
  // Every connection of the test's engine works in the test's schema.
  const std::string search_path = "options=-csearch_path%3D" + schema_;
  return with_options(with_options(base_url_, search_path), options);
}

std::string TestDatabase::url_with_server_settings(std::string_view settings) const {
  if (!available() || schema_.empty()) return url();
  return with_options(base_url_,
                      "options=-csearch_path%3D" + schema_ + "%20" + std::string(settings));
}

std::vector<std::string> table_names(relate::Database& db) {
  const bool postgres = db.engine().url().scheme != "sqlite";
  const char* sql = postgres ? "SELECT table_name FROM information_schema.tables "
                               "WHERE table_schema = current_schema()"
                             : "SELECT name FROM sqlite_master WHERE type = 'table'";
  auto connection = db.engine().connect();
  auto cursor = connection->execute(sql);
  std::vector<std::string> names;
  while (cursor.next())
    names.emplace_back(cursor.get_text(0));
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace relate_test
