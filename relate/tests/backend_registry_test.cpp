#include "relate/connection/backend_registry.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "relate/connection/driver.hpp"
#include "relate/connection/engine.hpp"
#include "relate/error.hpp"
#include "relate/sql/dialect.hpp"

namespace {

bool has(const std::vector<std::string>& schemes, const std::string& scheme) {
  return std::find(schemes.begin(), schemes.end(), scheme) != schemes.end();
}

// Read while this file's static objects are built: the backends must have
// registered before (a Database at namespace scope needs its backend).
const std::vector<std::string> schemes_during_static_init = relate::registered_schemes();

}  // namespace

TEST(BackendRegistry, LinkedBackendsRegisterTheirSchemes) {
  const auto schemes = relate::registered_schemes();
  EXPECT_TRUE(has(schemes, "sqlite"));
  EXPECT_TRUE(has(schemes, "postgresql"));
  EXPECT_TRUE(has(schemes, "postgres"));
  EXPECT_TRUE(has(schemes, "mysql"));
  EXPECT_TRUE(has(schemes, "mariadb"));
  EXPECT_TRUE(std::is_sorted(schemes.begin(), schemes.end()));
}

TEST(BackendRegistry, BackendsRegisterBeforeTheProgramsOwnStaticObjects) {
  EXPECT_TRUE(has(schemes_during_static_init, "sqlite"));
  EXPECT_TRUE(has(schemes_during_static_init, "postgresql"));
  EXPECT_TRUE(has(schemes_during_static_init, "mysql"));
}

TEST(BackendRegistry, CreateEngineUsesTheFactoryRegisteredForTheScheme) {
  relate::register_backend("fake", [](const relate::Url& url) {
    relate::driver::Backend backend;
    backend.dialect = &relate::sql::sqlite_dialect();
    backend.connect = []() -> std::unique_ptr<relate::driver::Connection> {
      throw relate::ConnectionError("fake: no connections");
    };
    backend.pool_size = url.database.size();
    return backend;
  });
  auto engine = relate::create_engine("fake:///four");
  EXPECT_EQ(engine->pool_size(), 4U);
  EXPECT_EQ(engine->dialect().name(), "sqlite");
  EXPECT_THROW(engine->connect(), relate::ConnectionError);
  EXPECT_TRUE(has(relate::registered_schemes(), "fake"));
}

TEST(BackendRegistry, UnknownSchemeNamesItTheUrlAndTheLinkedBackends) {
  try {
    relate::create_engine("oracle://root:topsecret@localhost/blog");
    FAIL() << "expected UrlError";
  } catch (const relate::UrlError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("scheme 'oracle'"), std::string::npos) << what;
    EXPECT_NE(what.find("oracle://root:***@localhost/blog"), std::string::npos) << what;
    EXPECT_NE(what.find("relate has no backend for it"), std::string::npos) << what;
    EXPECT_NE(what.find("backends linked: "), std::string::npos) << what;
    EXPECT_NE(what.find("postgresql"), std::string::npos) << what;
    EXPECT_NE(what.find("mariadb, mysql"), std::string::npos) << what;
    EXPECT_NE(what.find("sqlite"), std::string::npos) << what;
    EXPECT_EQ(what.find("topsecret"), std::string::npos) << what;
  }
}
