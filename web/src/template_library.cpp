#include "template_library.hpp"

#include <fstream>
#include <kainjow/mustache.hpp>
#include <sstream>

#include "web/conditional.hpp"
#include "web/template.hpp"

namespace web::detail {

std::unique_ptr<TemplateLibrary> TemplateLibrary::load(const std::filesystem::path& dir,
                                                       const std::optional<std::string>& layout) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) {
    throw TemplateError("templates folder '" + dir.string() + "' does not exist");
  }
  Sources sources;
  std::filesystem::recursive_directory_iterator it(
      dir, std::filesystem::directory_options::follow_directory_symlink, error);
  if (error) throw TemplateError("cannot read templates folder '" + dir.string() + "'");
  for (; it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (error) throw TemplateError("cannot read templates folder '" + dir.string() + "'");
    const std::filesystem::path& path = it->path();
    if (!it->is_regular_file(error)) continue;
    if (path.extension() != ".html" && path.extension() != ".mustache") continue;
    std::filesystem::path relative = path.lexically_relative(dir);
    relative.replace_extension();
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    if (!file) throw TemplateError("cannot read template '" + path.string() + "'");
    sources.emplace(relative.generic_string(), std::move(text).str());
  }
  return from_sources(std::move(sources), layout);
}

std::unique_ptr<TemplateLibrary> TemplateLibrary::from_sources(
    Sources sources, const std::optional<std::string>& layout) {
  if (layout && !sources.contains(*layout)) {
    throw TemplateError("layout template '" + *layout +
                        "' not found (add it, or set Config::layout = std::nullopt)");
  }
  auto library = std::make_unique<TemplateLibrary>();
  std::string everything;
  for (const auto& [name, text] : sources) {
    everything += std::to_string(name.size()) + ':' + name + std::to_string(text.size()) + ':';
    everything += text;
  }
  library->version_ = etag_of(everything);
  TemplateCompiler compiler(sources);
  for (const auto& [name, text] : sources) {
    const bool is_layout = layout && name == *layout;
    auto compiled = compiler.compile(name, is_layout);
    if (is_layout) library->layout_ = compiled.get();
    library->templates_.emplace(name, std::move(compiled));
  }
  // kainjow::mustache is the reference parser: a template it rejects is broken, whatever
  // web's own compiler (which reports first, with line numbers) made of it.
  for (const auto& [name, text] : sources) {
    const kainjow::mustache::mustache reference{text};
    if (!reference.is_valid()) {
      throw TemplateError("template '" + name + "': " + reference.error_message());
    }
  }
  return library;
}

const CompiledTemplate* TemplateLibrary::find(std::string_view name) const {
  const auto it = templates_.find(name);
  return it == templates_.end() ? nullptr : it->second.get();
}

}  // namespace web::detail
