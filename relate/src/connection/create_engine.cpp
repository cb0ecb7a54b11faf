// Opens an Engine for a URL with the backend its scheme names. The one place
// that knows every backend.

#include <string>

#include "relate/connection/engine.hpp"
#include "relate/error.hpp"
#include "relate/postgres/postgres_backend.hpp"
#include "relate/sqlite/sqlite_backend.hpp"

namespace relate {

std::shared_ptr<Engine> create_engine(std::string_view text, EngineOptions options) {
  Url url = Url::parse(text);
  driver::Backend backend;
  if (url.scheme == "sqlite") {
    backend = sqlite::backend(url);
  } else if (url.scheme == "postgresql" || url.scheme == "postgres") {
    backend = postgres::backend(url);
  } else {
    throw UrlError("unsupported database URL scheme '" + url.scheme + "' in '" + url.redacted() +
                   "': relate supports sqlite:// and postgresql:// (or postgres://) URLs");
  }
  return std::make_shared<Engine>(std::move(url), std::move(backend), std::move(options));
}

}  // namespace relate
