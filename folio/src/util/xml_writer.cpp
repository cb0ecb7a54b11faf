#include "util/xml_writer.hpp"

#include <stdexcept>

namespace folio {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool is_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// The length of the well-formed UTF-8 sequence at the front of `s` (Unicode
// table 3-7), or 0 with `*broken` set to how many bytes make up the broken
// one (its lead and the continuation bytes that fit: one U+FFFD for them).
std::size_t sequence_length(std::string_view s, std::size_t* broken) {
  const auto lead = static_cast<unsigned char>(s[0]);
  std::size_t length = 0;
  unsigned char low = 0x80;  // the second byte's range; later ones are 80-BF
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // no overlong forms
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // no overlong forms
    if (lead == 0xF4) high = 0x8F;  // nothing past U+10FFFF
  } else {
    *broken = 1;  // a continuation byte, C0, C1 or F5-FF
    return 0;
  }
  for (std::size_t i = 1; i < length; ++i) {
    if (i >= s.size()) {
      *broken = i;
      return 0;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    const bool fits = i == 1 ? c >= low && c <= high : is_continuation(c);
    if (!fits) {
      *broken = i;
      return 0;
    }
  }
  return length;
}

bool is_name(std::string_view name) {
  if (name.empty()) return false;
  const char first = name.front();
  if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '_'))
    return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

void check_name(std::string_view name) {
  if (!is_name(name)) throw std::invalid_argument("not an XML name: '" + std::string(name) + "'");
}

}  // namespace

void append_xml_escaped(std::string& out, std::string_view text, XmlContext context) {
  const bool attribute = context == XmlContext::attribute;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";  // also keeps "]]>" out of the text
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&apos;";
          break;
        case '\r':
          out += "&#13;";  // parsers turn a literal CR into LF
          break;
        case '\t':
          out += attribute ? "&#9;" : "\t";
          break;
        case '\n':
          out += attribute ? "&#10;" : "\n";
          break;
        default:
          if (c >= 0x20) out += static_cast<char>(c);  // other C0 controls: not XML 1.0
      }
      ++i;
      continue;
    }
    std::size_t broken = 0;
    const std::size_t length = sequence_length(text.substr(i), &broken);
    if (length == 0) {
      out += kReplacement;
      i += broken;
      continue;
    }
    const std::string_view sequence = text.substr(i, length);
    // U+FFFE and U+FFFF are not XML characters.
    if (sequence != "\xEF\xBF\xBE" && sequence != "\xEF\xBF\xBF") out += sequence;
    i += length;
  }
}

std::string xml_escape(std::string_view text, XmlContext context) {
  std::string out;
  out.reserve(text.size());
  append_xml_escaped(out, text, context);
  return out;
}

XmlWriter::XmlWriter() : out_("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n") {}

void XmlWriter::indent() {
  out_.append(2 * open_.size(), ' ');
}

void XmlWriter::start_tag(std::string_view name, Attributes attributes) {
  check_name(name);
  if (open_.empty()) {
    if (has_root_)
      throw std::logic_error("XmlWriter: a second root element <" + std::string(name) + ">");
    has_root_ = true;
  }
  indent();
  out_ += '<';
  out_ += name;
  for (const XmlAttribute& a : attributes) {
    check_name(a.name);
    out_ += ' ';
    out_ += a.name;
    out_ += "=\"";
    append_xml_escaped(out_, a.value, XmlContext::attribute);
    out_ += '"';
  }
}

void XmlWriter::open(std::string_view name, Attributes attributes) {
  start_tag(name, attributes);
  out_ += ">\n";
  open_.emplace_back(name);
}

void XmlWriter::close() {
  if (open_.empty()) throw std::logic_error("XmlWriter: close() with no element open");
  const std::string name = std::move(open_.back());
  open_.pop_back();
  indent();
  out_ += "</";
  out_ += name;
  out_ += ">\n";
}

void XmlWriter::element(std::string_view name, std::string_view text, Attributes attributes) {
  start_tag(name, attributes);
  if (text.empty()) {
    out_ += "/>\n";
    return;
  }
  out_ += '>';
  append_xml_escaped(out_, text);
  out_ += "</";
  out_ += name;
  out_ += ">\n";
}

std::string XmlWriter::finish() && {
  if (!open_.empty()) throw std::logic_error("XmlWriter: <" + open_.back() + "> is not closed");
  if (!has_root_) throw std::logic_error("XmlWriter: no root element");
  return std::move(out_);
}

}  // namespace folio
