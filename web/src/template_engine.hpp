// web's Mustache engine: templates compiled once into a flat list of operations, rendered
// straight from nlohmann::json views.
//
// Why not render with kainjow::mustache: it re-walks a tree of one node per word and space,
// through std::function, for every render (measured: 171 us for a 19.6 KB page, which alone
// would cap a 2-core server near 12k pages/s). kainjow still checks every template's syntax
// at load time (template_loader.cpp), and the tests check that both render the same text.
//
// Supported Mustache: {{name}}, {{a.b}}, {{.}}, {{#section}}, {{^inverted}}, {{/close}},
// {{! comment}}, {{> partial}} (inlined at load time), and the spec's standalone-line rule.
// Refused at load time, on purpose: {{{raw}}} and {{&raw}} (unescaped output comes only from
// values made by web::trusted_html), and {{=<% %>=}} (custom delimiters).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace web::detail {

// Values a template can see besides its view ({{csrf_token}}, {{flashes}}), looked up after
// the view. find() is called on the rendering thread; the pointer must live during the render.
class TemplateGlobals {
 public:
  virtual const nlohmann::json* find(std::string_view name) = 0;

 protected:
  ~TemplateGlobals() = default;
};

inline constexpr std::size_t kMaxSectionDepth = 32;
// Names a section's item can have resolved in one pass when pushed (see Op::slot).
inline constexpr std::size_t kMaxSectionFields = 24;

// One compiled template. Immutable after compilation, so render() may run concurrently.
class CompiledTemplate {
 public:
  const std::string& name() const noexcept { return name_; }
  // True for a layout: it holds {{> content}}, where the page goes.
  bool has_page_slot() const noexcept { return has_page_slot_; }

  // Appends the rendering of this template for view to out. When the template has a page
  // slot, page is rendered there (with the same context). globals may be null.
  void render(const nlohmann::json& view, TemplateGlobals* globals, const CompiledTemplate* page,
              std::string& out) const;

  // The size of the last rendering, to reserve the output buffer once.
  std::size_t size_hint() const noexcept { return size_hint_.load(std::memory_order_relaxed); }
  void record_size(std::size_t size) const noexcept {
    size_hint_.store(size, std::memory_order_relaxed);
  }

  static constexpr std::uint16_t kNoSlot = 0xFFFF;

  // One step of a render: write a run of template text, then do one thing. Folding the
  // text into the following step halves the steps (and the mispredicted dispatches).
  struct Op {
    enum class Kind : std::uint8_t { text, variable, section, inverted, page_slot };
    Kind kind = Kind::text;  // text: only the text run
    // The name is one part, not "." nor dotted: a value found by slot is the answer.
    bool simple_name = false;
    // For a name used directly in a section's body (the item of that section is then the
    // top of the context stack): its first part's index in the section's field set, whose
    // values are resolved once per item instead of once per use. kNoSlot otherwise.
    std::uint16_t slot = kNoSlot;
    std::uint32_t text_offset = 0;  // the text run, in text_
    std::uint32_t text_length = 0;
    std::uint32_t name = 0;    // variable, section, inverted: index in names_
    std::uint32_t end = 0;     // section, inverted: index of the op after the body
    std::uint32_t fields = 0;  // section: index in field_sets_ (0: none)
  };
  struct Name {
    std::vector<std::string> parts;  // "a.b" -> {"a", "b"}; "." -> {}
  };

 private:
  friend class TemplateCompiler;
  class Renderer;

  std::string name_;
  std::string text_;  // every text op's bytes, back to back
  std::vector<Op> ops_;
  std::vector<Name> names_;
  // Per section, the first name parts its body uses directly, sorted as std::string sorts
  // (so as JSON object keys are). Entry 0 is empty.
  std::vector<std::vector<std::string>> field_sets_{1};
  bool has_page_slot_ = false;
  mutable std::atomic<std::size_t> size_hint_{0};
};

// Compiles Mustache sources. `sources` maps template names to their text; partials are looked
// up there. Throws web::TemplateError with the template's name, the line and the reason.
class TemplateCompiler {
 public:
  explicit TemplateCompiler(const std::map<std::string, std::string, std::less<>>& sources)
      : sources_(sources) {}

  // Compiles one template. With is_layout, {{> content}} becomes the page slot (and must
  // appear); elsewhere it includes a template named "content".
  std::unique_ptr<CompiledTemplate> compile(const std::string& name, bool is_layout);

  struct Token;  // one piece of a template's text (template_compiler.cpp)

 private:
  std::vector<Token> tokenize(const std::string& name);
  static void assign_slots(CompiledTemplate& t);
  void expand(const std::string& name, bool is_layout, std::vector<std::string>& including,
              std::vector<Token>& out);

  const std::map<std::string, std::string, std::less<>>& sources_;
};

// The HTML escaping templates apply: & < > " ' become entities. Appends to out.
void append_html_escaped(std::string& out, std::string_view text);

}  // namespace web::detail
