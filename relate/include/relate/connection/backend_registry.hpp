#pragma once
// The backends create_engine() knows: URL scheme ("sqlite", "postgresql") to
// the function that makes a driver::Backend, filled by the backend libraries
// a program links, before main() (docs/relate.md, Backends). Thread-safe,
// also during static initialisation.

#include <string>
#include <string_view>
#include <vector>

#include "relate/connection/url.hpp"

namespace relate {

namespace driver {
struct Backend;  // src/relate/connection/driver.hpp
}

// Makes a backend for a parsed URL of the scheme it was registered for.
// Throws UrlError for options it does not take; opens no connection.
using BackendFactory = driver::Backend (*)(const Url& url);

// Makes `factory` the backend for URLs whose scheme is `scheme` (lower case,
// as Url::parse gives it). Registering a scheme again replaces its factory
// (the last registration wins), so registering the same one twice is
// harmless. Does not throw except std::bad_alloc.
void register_backend(std::string_view scheme, BackendFactory factory);

// The schemes registered so far, sorted.
std::vector<std::string> registered_schemes();

// The backend for `url`, from the factory registered for its scheme.
// Throws UrlError when no backend is registered for the scheme, naming the
// scheme, the URL (password hidden) and, for a backend relate has, the
// library to link; or whatever the factory throws.
driver::Backend make_backend(const Url& url);

}  // namespace relate
