#include "relate/mysql/mysql_backend.hpp"

#include "connection.hpp"
#include "relate/connection/driver.hpp"
#include "settings.hpp"

namespace relate::mysql {

driver::Backend backend(const Url& url) {
  Settings settings = settings_for(url);
  const std::size_t pool_size = settings.pool_size;
  const auto reconnect_timeout = settings.reconnect_timeout;
  const sql::Dialect* dialect =
      settings.requires_returning ? &sql::mariadb_dialect() : &sql::mysql_dialect();
  return driver::Backend{
      dialect,
      [settings = std::move(settings)] { return std::make_unique<Connection>(settings); },
      pool_size,
      reconnect_timeout,
  };
}

}  // namespace relate::mysql
