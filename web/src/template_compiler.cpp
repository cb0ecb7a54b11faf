// Compiles Mustache text into CompiledTemplate operations (see template_engine.hpp).
#include <algorithm>
#include <map>

#include "template_engine.hpp"
#include "web/template.hpp"

namespace web::detail {

struct TemplateCompiler::Token {
  enum class Kind : std::uint8_t {
    text,
    variable,
    section,
    inverted,
    close,
    comment,
    partial,
    page_slot
  };
  Kind kind = Kind::text;
  std::string_view text;  // text: the bytes; tags: the name
  std::size_t line = 1;
  const std::string* file = nullptr;  // the template it came from, for messages
};

namespace {

using Kind = TemplateCompiler::Token::Kind;  // NOLINT: private alias through friendship below

[[noreturn]] void fail(const std::string& file, std::size_t line, const std::string& why) {
  throw TemplateError("template '" + file + "', line " + std::to_string(line) + ": " + why);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

bool is_name_char(char c, bool is_partial) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || (is_partial && c == '/');
}

bool valid_name(std::string_view name, bool is_partial) {
  if (name == ".") return !is_partial;
  if (name.empty() || name.front() == '.' || name.back() == '.' ||
      name.find("..") != std::string_view::npos) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [&](char c) { return is_name_char(c, is_partial); });
}

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

}  // namespace

std::vector<TemplateCompiler::Token> TemplateCompiler::tokenize(const std::string& name) {
  const auto found = sources_.find(name);
  const std::string& file = found->first;
  const std::string_view source = found->second;
  std::vector<Token> tokens;
  std::size_t line = 1;
  std::size_t pos = 0;

  // Text is cut after every '\n' so that each line's tokens can be looked at on their own.
  const auto emit_text = [&](std::string_view text) {
    while (!text.empty()) {
      const std::size_t newline = text.find('\n');
      const std::size_t length = newline == std::string_view::npos ? text.size() : newline + 1;
      tokens.push_back(Token{Kind::text, text.substr(0, length), line, &file});
      if (newline != std::string_view::npos) ++line;
      text.remove_prefix(length);
    }
  };

  while (pos < source.size()) {
    const std::size_t open = source.find("{{", pos);
    emit_text(
        source.substr(pos, open == std::string_view::npos ? std::string_view::npos : open - pos));
    if (open == std::string_view::npos) break;
    if (source.compare(open, 3, "{{{") == 0) {
      fail(file, line,
           "{{{...}}} (unescaped output) is not allowed: mark the value with web::trusted_html "
           "and write {{name}}");
    }
    const std::size_t close = source.find("}}", open + 2);
    if (close == std::string_view::npos) fail(file, line, "tag '{{' is never closed with '}}'");
    const std::string_view content = trim(source.substr(open + 2, close - open - 2));
    const std::size_t tag_line = line;
    line += static_cast<std::size_t>(std::count(source.begin() + static_cast<std::ptrdiff_t>(open),
                                                source.begin() + static_cast<std::ptrdiff_t>(close),
                                                '\n'));
    pos = close + 2;
    if (content.empty()) fail(file, tag_line, "empty tag {{}}");

    Kind kind = Kind::variable;
    std::string_view tag_name = content;
    switch (content.front()) {
      case '#':
        kind = Kind::section;
        break;
      case '^':
        kind = Kind::inverted;
        break;
      case '/':
        kind = Kind::close;
        break;
      case '!':
        kind = Kind::comment;
        break;
      case '>':
        kind = Kind::partial;
        break;
      case '&':
        fail(file, tag_line,
             "{{&...}} (unescaped output) is not allowed: mark the value with web::trusted_html "
             "and write {{name}}");
      case '=':
        fail(file, tag_line, "custom delimiters ({{=...=}}) are not supported");
      default:
        break;
    }
    if (kind != Kind::variable) tag_name = trim(content.substr(1));
    if (kind != Kind::comment && !valid_name(tag_name, kind == Kind::partial)) {
      fail(file, tag_line, "bad name in tag {{" + std::string(content) + "}}");
    }
    tokens.push_back(Token{kind, tag_name, tag_line, &file});
  }

  // The standalone-line rule: a line holding only whitespace and one section, inverted,
  // close, comment or partial tag leaves no trace in the output (not even its newline).
  std::size_t begin = 0;
  while (begin < tokens.size()) {
    std::size_t end = begin;
    while (end < tokens.size() &&
           !(tokens[end].kind == Kind::text && tokens[end].text.back() == '\n')) {
      ++end;
    }
    end = std::min(end + 1, tokens.size());  // include the line's newline token
    std::size_t tags = 0;
    bool standalone = true;
    for (std::size_t i = begin; i < end && standalone; ++i) {
      const Token& token = tokens[i];
      if (token.kind == Kind::text) {
        standalone = is_blank(token.text);
      } else if (token.kind == Kind::variable) {
        standalone = false;
      } else {
        ++tags;
      }
    }
    if (standalone && tags == 1) {
      for (std::size_t i = begin; i < end; ++i) {
        if (tokens[i].kind == Kind::text) tokens[i].text = {};
      }
    }
    begin = end;
  }
  std::erase_if(tokens, [](const Token& t) { return t.kind == Kind::text && t.text.empty(); });

  // Each file balances its own sections (a section may not open in a partial and close in
  // the template that includes it).
  std::vector<const Token*> open_sections;
  for (const Token& token : tokens) {
    if (token.kind == Kind::section || token.kind == Kind::inverted) {
      open_sections.push_back(&token);
      if (open_sections.size() > kMaxSectionDepth) {
        fail(file, token.line, "sections nested more than 32 deep");
      }
    } else if (token.kind == Kind::close) {
      if (open_sections.empty()) {
        fail(file, token.line, "{{/" + std::string(token.text) + "}} closes no section");
      }
      if (open_sections.back()->text != token.text) {
        fail(file, token.line,
             "{{/" + std::string(token.text) + "}} does not match {{#" +
                 std::string(open_sections.back()->text) + "}} opened on line " +
                 std::to_string(open_sections.back()->line));
      }
      open_sections.pop_back();
    }
  }
  if (!open_sections.empty()) {
    fail(file, open_sections.back()->line,
         "section {{#" + std::string(open_sections.back()->text) + "}} is never closed");
  }
  return tokens;
}

void TemplateCompiler::expand(const std::string& name, bool is_layout,
                              std::vector<std::string>& including, std::vector<Token>& out) {
  if (std::find(including.begin(), including.end(), name) != including.end()) {
    fail(including.back(), 1, "partials include each other in a cycle through '" + name + "'");
  }
  if (including.size() > 16) fail(name, 1, "partials nested more than 16 deep");
  including.push_back(name);
  for (Token& token : tokenize(name)) {
    if (token.kind != Kind::partial) {
      out.push_back(token);
      continue;
    }
    if (is_layout && including.size() == 1 && token.text == "content") {
      token.kind = Kind::page_slot;
      out.push_back(token);
      continue;
    }
    const auto partial = sources_.find(token.text);
    if (partial == sources_.end()) {
      fail(*token.file, token.line,
           token.text == "content"
               ? std::string("{{> content}} includes the page only in the layout")
               : "partial '" + std::string(token.text) + "' not found");
    }
    expand(partial->first, false, including, out);
  }
  including.pop_back();
}

void TemplateCompiler::assign_slots(CompiledTemplate& t) {
  using OpKind = CompiledTemplate::Op::Kind;
  // Sections that push a context, innermost last; inverted sections push none, so the names
  // in their bodies belong to the enclosing section.
  std::vector<std::size_t> pushing;
  std::map<std::size_t, std::vector<std::size_t>> uses;  // section op -> ops naming a field
  for (std::size_t i = 0; i < t.ops_.size(); ++i) {
    while (!pushing.empty() && t.ops_[pushing.back()].end <= i)
      pushing.pop_back();
    const CompiledTemplate::Op& op = t.ops_[i];
    const bool named =
        op.kind == OpKind::variable || op.kind == OpKind::section || op.kind == OpKind::inverted;
    if (named && !pushing.empty() && !t.names_[op.name].parts.empty()) {
      uses[pushing.back()].push_back(i);
    }
    if (op.kind == OpKind::section) pushing.push_back(i);
  }
  for (const auto& [section, ops] : uses) {
    std::vector<std::string> fields;
    for (std::size_t i : ops)
      fields.push_back(t.names_[t.ops_[i].name].parts.front());
    std::sort(fields.begin(), fields.end());
    fields.erase(std::unique(fields.begin(), fields.end()), fields.end());
    if (fields.size() > kMaxSectionFields) fields.resize(kMaxSectionFields);
    for (std::size_t i : ops) {
      const auto found =
          std::find(fields.begin(), fields.end(), t.names_[t.ops_[i].name].parts.front());
      if (found != fields.end()) {
        t.ops_[i].slot = static_cast<std::uint16_t>(found - fields.begin());
      }
    }
    t.ops_[section].fields = static_cast<std::uint32_t>(t.field_sets_.size());
    t.field_sets_.push_back(std::move(fields));
  }
}

std::unique_ptr<CompiledTemplate> TemplateCompiler::compile(const std::string& name,
                                                            bool is_layout) {
  if (!sources_.contains(name)) throw TemplateError("template '" + name + "' not found");
  std::vector<Token> tokens;
  std::vector<std::string> including;
  expand(name, is_layout, including, tokens);

  auto compiled = std::make_unique<CompiledTemplate>();
  CompiledTemplate& t = *compiled;
  t.name_ = name;
  std::vector<std::size_t> open;  // op indexes of open sections
  std::size_t depth_with_partials = 0;
  // Text waiting for the next op (it is written before that op acts), as a range of text_.
  std::uint32_t pending_offset = 0;
  std::uint32_t pending_length = 0;
  const auto name_index = [&t](std::string_view tag) {
    CompiledTemplate::Name parsed;
    if (tag != ".") {
      std::size_t start = 0;
      while (true) {
        const std::size_t dot = tag.find('.', start);
        parsed.parts.emplace_back(tag.substr(start, dot - start));
        if (dot == std::string_view::npos) break;
        start = dot + 1;
      }
    }
    t.names_.push_back(std::move(parsed));
    return static_cast<std::uint32_t>(t.names_.size() - 1);
  };
  using OpKind = CompiledTemplate::Op::Kind;
  const auto push_op = [&](OpKind kind, std::uint32_t name_index_value) {
    CompiledTemplate::Op op;
    op.kind = kind;
    op.text_offset = pending_offset;
    op.text_length = pending_length;
    op.name = name_index_value;
    op.simple_name = kind != OpKind::text && kind != OpKind::page_slot &&
                     t.names_[name_index_value].parts.size() == 1;
    t.ops_.push_back(op);
    pending_offset = static_cast<std::uint32_t>(t.text_.size());
    pending_length = 0;
  };
  for (const Token& token : tokens) {
    switch (token.kind) {
      case Kind::text:
        t.text_.append(token.text);
        pending_length += static_cast<std::uint32_t>(token.text.size());
        break;
      case Kind::variable:
        push_op(OpKind::variable, name_index(token.text));
        break;
      case Kind::section:
      case Kind::inverted:
        open.push_back(t.ops_.size());
        depth_with_partials = std::max(depth_with_partials, open.size());
        push_op(token.kind == Kind::section ? OpKind::section : OpKind::inverted,
                name_index(token.text));
        break;
      case Kind::close:
        // Text before the close belongs to the body: it gets an op of its own.
        if (pending_length > 0) push_op(OpKind::text, 0);
        t.ops_[open.back()].end = static_cast<std::uint32_t>(t.ops_.size());
        open.pop_back();
        break;
      case Kind::page_slot:
        push_op(OpKind::page_slot, 0);
        t.has_page_slot_ = true;
        break;
      case Kind::comment:
      case Kind::partial:
        break;
    }
  }
  if (pending_length > 0) push_op(OpKind::text, 0);
  assign_slots(t);
  if (depth_with_partials > kMaxSectionDepth) {
    fail(name, 1, "sections (with partials) nested more than 32 deep");
  }
  if (t.text_.size() > UINT32_MAX / 2) fail(name, 1, "template too large");
  // Padding, so that the renderer may copy text in whole 16-byte blocks (it reads past the end
  // of the last run, never past the end of text_).
  t.text_.append(16, '\0');
  if (is_layout && !t.has_page_slot_) {
    fail(name, 1, "the layout never includes the page: add {{> content}} where it goes");
  }
  return compiled;
}

}  // namespace web::detail
