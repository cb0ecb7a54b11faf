// Templates: Mustache pages, escaped by default.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace web {

namespace detail {
class CompiledTemplate;
}

// Thrown by the App constructor (and App::page / App::fragment) for a missing or broken
// template, with the template's name, line and the reason.
class TemplateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Returns a view value that templates output without escaping. Only for HTML that is safe by
// construction (e.g. produced by a sanitizing Markdown renderer); everything else is escaped.
// The marker is a JSON binary value with a private subtype: JSON text from a client can never
// produce it (json::parse has no binary values).
nlohmann::json trusted_html(std::string_view html);

// True when value was made by trusted_html().
bool is_trusted_html(const nlohmann::json& value) noexcept;

// A handle to a loaded template, got once at startup from App::page() or App::fragment() (which
// fail then, not on a request, when the name is wrong) and used by Request::render().
// Cheap to copy; valid as long as the App that made it. Thread-safe to use concurrently.
class Template {
 public:
  const std::string& name() const noexcept { return name_; }
  // True when the page renders inside the App's layout.
  bool uses_layout() const noexcept { return layout_ != nullptr; }

 private:
  friend class App;
  friend class Request;
  Template(std::string name, const detail::CompiledTemplate* page,
           const detail::CompiledTemplate* layout)
      : name_(std::move(name)), page_(page), layout_(layout) {}
  std::string name_;
  const detail::CompiledTemplate* page_;
  const detail::CompiledTemplate* layout_;
};

}  // namespace web
