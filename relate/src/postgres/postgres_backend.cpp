#include "relate/postgres/postgres_backend.hpp"

#include "connection.hpp"
#include "relate/connection/driver.hpp"
#include "settings.hpp"

namespace relate::postgres {

driver::Backend backend(const Url& url) {
  Settings settings = settings_for(url);
  const std::size_t pool_size = settings.pool_size;
  const auto reconnect_timeout = settings.reconnect_timeout;
  return driver::Backend{
      &sql::postgres_dialect(),
      [settings = std::move(settings)] { return std::make_unique<Connection>(settings); },
      pool_size,
      reconnect_timeout,
  };
}

}  // namespace relate::postgres
