// Templates: any source is either refused with TemplateError or compiles; rendering it never
// crashes and never lets markup from the view through unescaped. Input: the page's source,
// then optionally "\xff" and a partial's source (included as {{> part}}).
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "template_library.hpp"
#include "web/template.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t split = input.find('\xff');
  web::detail::TemplateLibrary::Sources sources;
  sources.emplace("page", std::string(input.substr(0, split)));
  if (split != std::string_view::npos)
    sources.emplace("part", std::string(input.substr(split + 1)));
  sources.emplace("base", "<main>{{> content}}</main>");

  std::unique_ptr<web::detail::TemplateLibrary> library;
  try {
    library = web::detail::TemplateLibrary::from_sources(sources, "base");
  } catch (const web::TemplateError&) {
    return 0;
  }
  static const nlohmann::json view = [] {
    nlohmann::json item = {{"name", "<b>x</b>"}, {"n", 7}, {"list", {"<i>", "&", "\"", "'"}}};
    return nlohmann::json{{"title", "<script>alert(1)</script>"},
                          {"posts", {item, item}},
                          {"author", {{"name", "<img src=x onerror=alert(1)>"}}},
                          {"flag", true},
                          {"none", nullptr},
                          {"empty", ""},
                          {"safe", web::trusted_html("<em>ok</em>")}};
  }();
  std::string out;
  library->layout()->render(view, nullptr, library->find("page"), out);
  // Markup can come from the template text or trusted_html, never from a plain string.
  const bool from_template = input.find('<') != std::string_view::npos;
  if (!from_template) {
    std::string without_trusted = out;
    for (std::size_t at; (at = without_trusted.find("<em>ok</em>")) != std::string::npos;) {
      without_trusted.erase(at, 11);
    }
    without_trusted.erase(0, 6);                        // "<main>"
    without_trusted.erase(without_trusted.size() - 7);  // "</main>"
    FUZZ_CHECK(without_trusted.find('<') == std::string::npos);
    FUZZ_CHECK(without_trusted.find('"') == std::string::npos ||
               input.find('"') != std::string_view::npos);
  }
  return 0;
}
