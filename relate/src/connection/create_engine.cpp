// Opens an Engine for a URL with the backend registered for its scheme. Knows
// no backend: each registers itself (relate/connection/backend_registry.hpp).

#include <string>

#include "relate/connection/backend_registry.hpp"
#include "relate/connection/driver.hpp"
#include "relate/connection/engine.hpp"

namespace relate {

std::shared_ptr<Engine> create_engine(std::string_view text, EngineOptions options) {
  Url url = Url::parse(text);
  driver::Backend backend = make_backend(url);
  return std::make_shared<Engine>(std::move(url), std::move(backend), std::move(options));
}

}  // namespace relate
