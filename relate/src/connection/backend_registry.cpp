#include "relate/connection/backend_registry.hpp"

#include <algorithm>
#include <map>
#include <mutex>

#include "relate/connection/driver.hpp"
#include "relate/error.hpp"

namespace relate {

namespace {

struct Registry {
  std::mutex mutex;
  std::map<std::string, BackendFactory, std::less<>> factories;
};

// Built on first use, so that backends registering from static
// initialisers in other translation units never find it unconstructed.
Registry& registry() {
  static Registry instance;
  return instance;
}

// The backends relate ships, by scheme: only to tell someone whose program
// does not link one which library would. Lookup never reads this table.
struct LinkHint {
  std::string_view scheme;
  std::string_view cmake_target;
  std::string_view pkg_config_module;
};
constexpr LinkHint kLinkHints[] = {
    {"sqlite", "relate::sqlite", "relate-sqlite"},
    {"postgresql", "relate::postgres", "relate-postgres"},
    {"postgres", "relate::postgres", "relate-postgres"},
    {"mysql", "relate::mysql", "relate-mysql"},
    {"mariadb", "relate::mysql", "relate-mysql"},
};

std::string joined(const std::vector<std::string>& names) {
  if (names.empty()) return "none";
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

[[noreturn]] void throw_unregistered(const Url& url) {
  std::string message =
      "unsupported database URL scheme '" + url.scheme + "' in '" + url.redacted() + "': ";
  const auto* hint = std::find_if(std::begin(kLinkHints), std::end(kLinkHints),
                                  [&](const LinkHint& h) { return h.scheme == url.scheme; });
  if (hint != std::end(kLinkHints)) {
    message += "its backend is not linked into this program; link ";
    message += hint->cmake_target;
    message += " (CMake: find_package(relate COMPONENTS ...)) or ";
    message += hint->pkg_config_module;
    message += " (pkg-config)";
  } else {
    message += "relate has no backend for it";
  }
  message += "; backends linked: " + joined(registered_schemes());
  throw UrlError(message);
}

}  // namespace

void register_backend(std::string_view scheme, BackendFactory factory) {
  Registry& r = registry();
  const std::lock_guard lock(r.mutex);
  r.factories.insert_or_assign(std::string(scheme), factory);
}

std::vector<std::string> registered_schemes() {
  Registry& r = registry();
  const std::lock_guard lock(r.mutex);
  std::vector<std::string> schemes;
  schemes.reserve(r.factories.size());
  for (const auto& entry : r.factories)
    schemes.push_back(entry.first);
  return schemes;
}

driver::Backend make_backend(const Url& url) {
  BackendFactory factory = nullptr;
  {
    Registry& r = registry();
    const std::lock_guard lock(r.mutex);
    if (const auto it = r.factories.find(url.scheme); it != r.factories.end()) factory = it->second;
  }
  if (factory == nullptr) throw_unregistered(url);
  // Outside the lock: a factory may be slow or throw.
  return factory(url);
}

}  // namespace relate
