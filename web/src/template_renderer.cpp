// Renders CompiledTemplate operations against a JSON view (see template_engine.hpp).
#include <array>
#include <charconv>

#include "template_engine.hpp"
#include "web/template.hpp"

namespace web::detail {
namespace {

// The JSON binary subtype that marks trusted HTML ('h').
constexpr std::uint64_t kTrustedHtmlSubtype = 0x68;

// A 256-entry table: which bytes need escaping. The common case (none) is one lookup a byte.
constexpr std::array<bool, 256> kNeedsEscape = [] {
  std::array<bool, 256> table{};
  table['&'] = table['<'] = table['>'] = table['"'] = table['\''] = true;
  return table;
}();

bool truthy(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      return false;
    case nlohmann::json::value_t::boolean:
      return value.get<bool>();
    case nlohmann::json::value_t::string:
      return !value.get_ref<const std::string&>().empty();
    case nlohmann::json::value_t::array:
      return !value.empty();
    case nlohmann::json::value_t::binary:
      return !value.get_binary().empty();
    default:
      return true;  // numbers (0 too) and objects
  }
}

template <class Number>
void append_number(std::string& out, Number number) {
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), number);
  out.append(buffer.data(), result.ptr);
}

void append_value(std::string& out, const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::string:
      append_html_escaped(out, value.get_ref<const std::string&>());
      break;
    case nlohmann::json::value_t::number_integer:
      append_number(out, value.get<std::int64_t>());
      break;
    case nlohmann::json::value_t::number_unsigned:
      append_number(out, value.get<std::uint64_t>());
      break;
    case nlohmann::json::value_t::number_float:
      out += value.dump();
      break;
    case nlohmann::json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      break;
    case nlohmann::json::value_t::binary:
      if (is_trusted_html(value)) {
        const auto& bytes = value.get_binary();
        out.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
      }
      break;
    default:  // null, objects and arrays print nothing
      break;
  }
}

}  // namespace

void append_html_escaped(std::string& out, std::string_view text) {
  std::size_t run = 0;  // start of the pending run of bytes that need no escaping
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (!kNeedsEscape[byte]) continue;
    out.append(text.data() + run, i - run);
    switch (text[i]) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += "&#39;";
        break;
    }
    run = i + 1;
  }
  out.append(text.data() + run, text.size() - run);
}

// The state of one render: the context stack and where the output goes.
class CompiledTemplate::Renderer {
 public:
  Renderer(TemplateGlobals* globals, const CompiledTemplate* page, std::string& out)
      : globals_(globals), page_(page), out_(out) {}

  void push(const nlohmann::json* context) { stack_[depth_++] = context; }
  void pop() { --depth_; }

  void render(const CompiledTemplate& t, std::size_t begin, std::size_t end) {
    std::size_t i = begin;
    while (i < end) {
      const Op& op = t.ops_[i];
      switch (op.kind) {
        case Op::Kind::text:
          out_.append(t.text_.data() + op.a, op.b);
          ++i;
          break;
        case Op::Kind::variable:
          if (const nlohmann::json* value = lookup(t.names_[op.a])) append_value(out_, *value);
          ++i;
          break;
        case Op::Kind::section: {
          const nlohmann::json* value = lookup(t.names_[op.a]);
          if (value != nullptr && truthy(*value)) {
            if (value->is_array()) {
              for (const nlohmann::json& item : *value) {
                push(&item);
                render(t, i + 1, op.b);
                pop();
              }
            } else {
              push(value);
              render(t, i + 1, op.b);
              pop();
            }
          }
          i = op.b;
          break;
        }
        case Op::Kind::inverted: {
          const nlohmann::json* value = lookup(t.names_[op.a]);
          if (value == nullptr || !truthy(*value)) render(t, i + 1, op.b);
          i = op.b;
          break;
        }
        case Op::Kind::page_slot:
          if (page_ != nullptr) {
            const CompiledTemplate* page = page_;
            page_ = nullptr;  // a page has no slot of its own
            render(*page, 0, page->ops_.size());
            page_ = page;
          }
          ++i;
          break;
      }
    }
  }

 private:
  // Mustache lookup: the first name part is searched from the innermost context outwards
  // (then in the globals); the other parts only inside what it found.
  const nlohmann::json* lookup(const Name& name) {
    if (name.parts.empty()) return depth_ > 0 ? stack_[depth_ - 1] : nullptr;
    const nlohmann::json* found = nullptr;
    for (std::size_t d = depth_; d-- > 0;) {
      const nlohmann::json* context = stack_[d];
      if (!context->is_object()) continue;
      const auto it = context->find(name.parts.front());
      if (it != context->end()) {
        found = &*it;
        break;
      }
    }
    if (found == nullptr && globals_ != nullptr) found = globals_->find(name.parts.front());
    for (std::size_t k = 1; k < name.parts.size() && found != nullptr; ++k) {
      if (!found->is_object()) return nullptr;
      const auto it = found->find(name.parts[k]);
      found = it == found->end() ? nullptr : &*it;
    }
    return found;
  }

  TemplateGlobals* globals_;
  const CompiledTemplate* page_;
  std::string& out_;
  // The view, then one entry per open section of the layout and of the page.
  std::array<const nlohmann::json*, 2 * kMaxSectionDepth + 1> stack_{};
  std::size_t depth_ = 0;
};

void CompiledTemplate::render(const nlohmann::json& view, TemplateGlobals* globals,
                              const CompiledTemplate* page, std::string& out) const {
  Renderer renderer(globals, page, out);
  renderer.push(&view);
  renderer.render(*this, 0, ops_.size());
}

}  // namespace web::detail

namespace web {

nlohmann::json trusted_html(std::string_view html) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(html.data());
  return nlohmann::json::binary(std::vector<std::uint8_t>(bytes, bytes + html.size()),
                                detail::kTrustedHtmlSubtype);
}

bool is_trusted_html(const nlohmann::json& value) noexcept {
  if (!value.is_binary()) return false;
  const auto& binary = value.get_binary();
  return binary.has_subtype() && binary.subtype() == detail::kTrustedHtmlSubtype;
}

}  // namespace web
