// TemplateLibrary: every template of an App, loaded and compiled once at startup.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "template_engine.hpp"

namespace web::detail {

// Immutable once built; find() and rendering are safe from any thread.
class TemplateLibrary {
 public:
  using Sources = std::map<std::string, std::string, std::less<>>;

  // Reads every *.html and *.mustache file under dir (recursively; "admin/users.html" is
  // named "admin/users"), checks each with kainjow::mustache, then compiles it. With a layout
  // name, that template must exist and include {{> content}}. Throws TemplateError for an
  // unreadable folder or file, a syntax error, a missing partial or a missing layout.
  static std::unique_ptr<TemplateLibrary> load(const std::filesystem::path& dir,
                                               const std::optional<std::string>& layout);
  // The same from sources in memory (tests, fuzzing).
  static std::unique_ptr<TemplateLibrary> from_sources(Sources sources,
                                                       const std::optional<std::string>& layout);

  // The named template, or nullptr.
  const CompiledTemplate* find(std::string_view name) const;
  // The layout, or nullptr when there is none.
  const CompiledTemplate* layout() const noexcept { return layout_; }
  // A digest of every template's name and text: another release's templates, another digest.
  const std::string& version() const noexcept { return version_; }

 private:
  std::string version_;
  std::map<std::string, std::unique_ptr<CompiledTemplate>, std::less<>> templates_;
  const CompiledTemplate* layout_ = nullptr;
};

}  // namespace web::detail
