// Renders CompiledTemplate operations against a JSON view (see template_engine.hpp).
#include <array>
#include <charconv>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// Object keys are short, and a std::string's buffer holds capacity() + 1 >= 16 bytes (see
// write_short_clean below): two keys shorter than 16 bytes are compared with one 16-byte
// compare, without a loop or a call to memcmp. Lookups are much of a render's work.
inline bool both_short(const std::string& a, const std::string& b) {
  return a.size() < 16 && b.size() < 16 && a.capacity() >= 15 && b.capacity() >= 15;
}

#if defined(__SSE2__)
// Bit i set when byte i of a and b differ, for i below the shorter length.
inline unsigned short_diff(const std::string& a, const std::string& b) {
  const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a.data()));
  const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b.data()));
  const unsigned equal = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, y)));
  const std::size_t n = a.size() < b.size() ? a.size() : b.size();
  return ~equal & ((1u << n) - 1u);
}
#endif

inline bool key_less(const std::string& a, const std::string& b) {
#if defined(__SSE2__)
  if (both_short(a, b)) {
    const unsigned diff = short_diff(a, b);
    if (diff == 0) return a.size() < b.size();
    const auto i = static_cast<std::size_t>(__builtin_ctz(diff));
    return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
  }
#endif
  return a < b;
}

inline bool key_equal(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
#if defined(__SSE2__)
  if (both_short(a, b)) return short_diff(a, b) == 0;
#endif
  return a == b;
}

// A key for heterogeneous lookup in a JSON object (std::map<std::string, json, std::less<>>),
// ordered as std::string orders, compared as above.
struct Key {
  const std::string& text;
};
inline bool operator<(const std::string& a, Key b) {
  return key_less(a, b.text);
}
inline bool operator<(Key a, const std::string& b) {
  return key_less(a.text, b);
}

// The member named key of an object, or nullptr (also when value is not an object).
const nlohmann::json* member(const nlohmann::json& value, const std::string& key) {
  if (!value.is_object()) return nullptr;
  const auto& object = value.get_ref<const nlohmann::json::object_t&>();
  const auto it = object.find(Key{key});
  return it == object.end() ? nullptr : &it->second;
}

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

// The index of the first byte at or after from that needs escaping, or text.size(). Most
// text needs none: SSE2 (in every x86-64) checks 16 bytes per step, the last step
// overlapping the one before rather than falling back to bytes.
inline std::size_t next_special(std::string_view text, std::size_t from) {
  const std::size_t n = text.size();
  std::size_t i = from;
#if defined(__SSE2__)
  if (n >= 16) {
    const __m128i amp = _mm_set1_epi8('&');
    const __m128i lt = _mm_set1_epi8('<');
    const __m128i gt = _mm_set1_epi8('>');
    const __m128i quot = _mm_set1_epi8('"');
    const __m128i apos = _mm_set1_epi8('\'');
    const auto specials_in = [&](std::size_t at) {
      const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
      const __m128i hits = _mm_or_si128(
          _mm_or_si128(_mm_cmpeq_epi8(chunk, amp), _mm_cmpeq_epi8(chunk, lt)),
          _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, gt), _mm_cmpeq_epi8(chunk, quot)),
                       _mm_cmpeq_epi8(chunk, apos)));
      return static_cast<unsigned>(_mm_movemask_epi8(hits));
    };
    for (; i + 16 <= n; i += 16) {
      if (const unsigned mask = specials_in(i); mask != 0) {
        return i + static_cast<std::size_t>(__builtin_ctz(mask));
      }
    }
    if (i < n) {
      // The last 16 bytes, minus those already checked.
      const unsigned mask = specials_in(n - 16) & ~((1u << (i - (n - 16))) - 1u);
      return mask != 0 ? n - 16 + static_cast<std::size_t>(__builtin_ctz(mask)) : n;
    }
    return n;
  }
#endif
  for (; i < n; ++i) {
    if (kNeedsEscape[static_cast<unsigned char>(text[i])]) return i;
  }
  return n;
}

// Where a render writes: a cursor into a std::string sized ahead (resize once, grow rarely),
// so that each write is a bounds check and a memcpy rather than a std::string::append.
class Output {
 public:
  Output(std::string& out, std::size_t expected) : out_(out), start_(out.size()) {
    out_.resize(start_ + expected + 256);
    cursor_ = out_.data() + start_;
    end_ = out_.data() + out_.size();
  }
  ~Output() { out_.resize(static_cast<std::size_t>(cursor_ - out_.data())); }
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  void write(const char* data, std::size_t n) {
    if (static_cast<std::size_t>(end_ - cursor_) < n) grow(n);
    std::memcpy(cursor_, data, n);
    cursor_ += n;
  }
  void write(std::string_view text) { write(text.data(), text.size()); }

  // Copies n bytes in 16-byte blocks: the source must be readable up to n rounded up to 16
  // (the template text is padded for this). Cheaper than memcpy's dispatch on size for the
  // short runs of text between tags.
  void write_blocks(const char* data, std::size_t n) {
    if (static_cast<std::size_t>(end_ - cursor_) < n + 16) grow(n + 16);
#if defined(__SSE2__)
    for (std::size_t i = 0; i < n; i += 16) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(cursor_ + i),
                       _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i)));
    }
#else
    std::memcpy(cursor_, data, n);
#endif
    cursor_ += n;
  }

  // Copies n >= 16 bytes in 16-byte blocks, the last one overlapping the one before: never
  // reads past data + n.
  void write_long(const char* data, std::size_t n) {
#if defined(__SSE2__)
    if (static_cast<std::size_t>(end_ - cursor_) < n) grow(n);
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(cursor_ + i),
                       _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i)));
    }
    if (i < n) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(cursor_ + n - 16),
                       _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + n - 16)));
    }
    cursor_ += n;
#else
    write(data, n);
#endif
  }

  // Room for n bytes at the cursor; the caller writes there, then calls advance_to().
  char* claim(std::size_t n) {
    if (static_cast<std::size_t>(end_ - cursor_) < n) grow(n);
    return cursor_;
  }
  void advance_to(char* position) {
    cursor_ = position;
  }

 private:
  void grow(std::size_t n) {
    const auto used = static_cast<std::size_t>(cursor_ - out_.data());
    out_.resize(std::max(out_.size() * 2, used + n));
    cursor_ = out_.data() + used;
    end_ = out_.data() + out_.size();
  }

  std::string& out_;
  std::size_t start_;
  char* cursor_;
  char* end_;
};

void write_escaped(Output& out, std::string_view text) {
  std::size_t special = next_special(text, 0);
  if (special == text.size()) {  // the common case: nothing to escape
    if (text.size() >= 16) return out.write_long(text.data(), text.size());
    return out.write(text);
  }
  // Room for the worst case (every byte a 6-byte entity), written in one pass.
  char* const begin = out.claim(special + (text.size() - special) * 6);
  std::memcpy(begin, text.data(), special);
  char* to = begin + special;
  while (true) {
    switch (text[special]) {
      case '&':
        std::memcpy(to, "&amp;", 5), to += 5;
        break;
      case '<':
        std::memcpy(to, "&lt;", 4), to += 4;
        break;
      case '>':
        std::memcpy(to, "&gt;", 4), to += 4;
        break;
      case '"':
        std::memcpy(to, "&quot;", 6), to += 6;
        break;
      default:
        std::memcpy(to, "&#39;", 5), to += 5;
        break;
    }
    const std::size_t run = special + 1;
    special = next_special(text, run);
    std::memcpy(to, text.data() + run, special - run);
    to += special - run;
    if (special == text.size()) break;
  }
  out.advance_to(to);
}

template <class Number>
void write_number(Output& out, Number number) {
  char* const at = out.claim(24);
  out.advance_to(std::to_chars(at, at + 24, number).ptr);
}

#if defined(__SSE2__)
// A std::string's buffer holds capacity() + 1 bytes, and capacity() is at least 15 (the
// small-string buffer of libstdc++; 22 in libc++), so 16 bytes from data() are always
// readable, whatever the size: for a string shorter than that, one load and one compare check
// it, one store writes it (the bytes past size() are read but masked out, never written).
// Returns false (writing nothing) when it needs escaping or is not short.
inline bool write_short_clean(Output& out, const std::string& text) {
  const std::size_t n = text.size();
  if (n >= 16 || text.capacity() < 15) return false;
  const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data()));
  const __m128i hits =
      _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('&')),
                                _mm_cmpeq_epi8(chunk, _mm_set1_epi8('<'))),
                   _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('>')),
                                             _mm_cmpeq_epi8(chunk, _mm_set1_epi8('"'))),
                                _mm_cmpeq_epi8(chunk, _mm_set1_epi8('\''))));
  if ((static_cast<unsigned>(_mm_movemask_epi8(hits)) & ((1u << n) - 1u)) != 0) return false;
  char* const to = out.claim(16);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(to), chunk);
  out.advance_to(to + n);
  return true;
}
#endif

void write_value(Output& out, const nlohmann::json& value) {
  // Strings first, out of the switch: nearly every value is one, and the test predicts well
  // where the switch's jump table does not.
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
#if defined(__SSE2__)
    if (write_short_clean(out, text)) return;
#endif
    return write_escaped(out, text);
  }
  switch (value.type()) {
    case nlohmann::json::value_t::number_integer:
      write_number(out, value.get<std::int64_t>());
      break;
    case nlohmann::json::value_t::number_unsigned:
      write_number(out, value.get<std::uint64_t>());
      break;
    case nlohmann::json::value_t::number_float:
      out.write(value.dump());
      break;
    case nlohmann::json::value_t::boolean:
      out.write(value.get<bool>() ? std::string_view("true") : std::string_view("false"));
      break;
    case nlohmann::json::value_t::binary:
      if (is_trusted_html(value)) {
        const auto& bytes = value.get_binary();
        out.write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
      }
      break;
    default:  // null, objects and arrays print nothing
      break;
  }
}

}  // namespace

void append_html_escaped(std::string& out, std::string_view text) {
  Output output(out, text.size());
  write_escaped(output, text);
}

// The state of one render: the context stack and where the output goes.
class CompiledTemplate::Renderer {
 public:
  Renderer(TemplateGlobals* globals, const CompiledTemplate* page, Output& out)
      : globals_(globals), page_(page), out_(out) {}

  void push_view(const nlohmann::json* view) {
    stack_[depth_] = view;
    resolved_[depth_] = false;
    ++depth_;
  }

  void render(const CompiledTemplate& t, std::size_t begin, std::size_t end) {
    const Op* const ops = t.ops_.data();
    const char* const text = t.text_.data();
    std::size_t i = begin;
    while (i < end) {
      const Op& op = ops[i];
      out_.write_blocks(text + op.text_offset, op.text_length);
      if (op.kind == Op::Kind::variable) {  // the common op, tested before the switch
        if (const nlohmann::json* value = lookup(t, op)) write_value(out_, *value);
        ++i;
        continue;
      }
      switch (op.kind) {
        case Op::Kind::text:
          ++i;
          break;
        case Op::Kind::variable:
          if (const nlohmann::json* value = lookup(t, op)) write_value(out_, *value);
          ++i;
          break;
        case Op::Kind::section: {
          const nlohmann::json* value = lookup(t, op);
          if (value != nullptr && truthy(*value)) {
            if (value->is_array()) {
              for (const nlohmann::json& item : *value)
                section_body(t, op, i, item);
            } else {
              section_body(t, op, i, *value);
            }
          }
          i = op.end;
          break;
        }
        case Op::Kind::inverted: {
          const nlohmann::json* value = lookup(t, op);
          if (value == nullptr || !truthy(*value)) render(t, i + 1, op.end);
          i = op.end;
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
  // Renders a section's body with item on top of the stack, its fields resolved first.
  void section_body(const CompiledTemplate& t, const Op& op, std::size_t i,
                    const nlohmann::json& item) {
    stack_[depth_] = &item;
    resolved_[depth_] = op.fields != 0 && item.is_object();
    if (resolved_[depth_]) resolve(t.field_sets_[op.fields], item, slots_[depth_]);
    ++depth_;
    render(t, i + 1, op.end);
    --depth_;
  }

  // Finds every field in one in-order walk of the object (both are sorted).
  static void resolve(const std::vector<std::string>& fields, const nlohmann::json& item,
                      std::array<const nlohmann::json*, kMaxSectionFields>& slots) {
    const auto& object = item.get_ref<const nlohmann::json::object_t&>();
    auto it = object.begin();
    for (std::size_t k = 0; k < fields.size(); ++k) {
      while (it != object.end() && key_less(it->first, fields[k]))
        ++it;
      slots[k] = it != object.end() && key_equal(it->first, fields[k]) ? &it->second : nullptr;
    }
  }

  // Mustache lookup: the first name part is searched from the innermost context outwards
  // (then in the globals); the other parts only inside what it found.
  const nlohmann::json* lookup(const CompiledTemplate& t, const Op& op) {
    const nlohmann::json* found = nullptr;
    std::size_t d = depth_;
    if (op.slot != kNoSlot && resolved_[depth_ - 1]) {
      found = slots_[depth_ - 1][op.slot];
      if (found != nullptr && op.simple_name) return found;  // the common case
      --d;                                                   // the top context has been searched
    }
    const Name& name = t.names_[op.name];
    if (name.parts.empty()) return depth_ > 0 ? stack_[depth_ - 1] : nullptr;
    while (found == nullptr && d-- > 0)
      found = member(*stack_[d], name.parts.front());
    if (found == nullptr && globals_ != nullptr) found = globals_->find(name.parts.front());
    for (std::size_t k = 1; k < name.parts.size() && found != nullptr; ++k) {
      found = member(*found, name.parts[k]);
    }
    return found;
  }

  static constexpr std::size_t kStackSize = 2 * kMaxSectionDepth + 1;

  TemplateGlobals* globals_;
  const CompiledTemplate* page_;
  Output& out_;
  // The view, then one entry per open section of the layout and of the page.
  std::array<const nlohmann::json*, kStackSize> stack_{};
  // For each entry pushed by a section over an object: its fields, as Op::slot indexes them.
  std::array<bool, kStackSize> resolved_{};
  std::array<std::array<const nlohmann::json*, kMaxSectionFields>, kStackSize> slots_;
  std::size_t depth_ = 0;
};

void CompiledTemplate::render(const nlohmann::json& view, TemplateGlobals* globals,
                              const CompiledTemplate* page, std::string& out) const {
  Output output(out, (page != nullptr ? page : this)->size_hint());
  Renderer renderer(globals, page, output);
  renderer.push_view(&view);
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
