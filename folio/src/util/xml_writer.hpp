#pragma once
// Writing XML 1.0 documents (the Atom feeds, the sitemap) that parse whatever
// text goes into them: xml_escape turns any bytes into well-formed character
// data, and XmlWriter nests elements and escapes every value it is given.

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace folio {

// Where escaped text goes: element content, or an attribute value (in
// double or single quotes), where a parser would turn a literal tab or
// line break into a space.
enum class XmlContext { text, attribute };

// `text` as XML 1.0 character data: & < > " ' become entities; CR (and, in
// an attribute, tab and LF) a character reference, so that parsers keep it;
// characters XML 1.0 forbids (U+0000-U+001F but tab, LF and CR; U+FFFE and
// U+FFFF) are dropped; bytes that are not UTF-8 (stray continuation bytes,
// cut-off sequences, overlong forms, surrogates, beyond U+10FFFF) become one
// U+FFFD per broken sequence. The result always parses, and reads back as
// `text` when `text` was valid XML-able UTF-8. Throws only std::bad_alloc.
std::string xml_escape(std::string_view text, XmlContext context = XmlContext::text);
// xml_escape, appended to `out`.
void append_xml_escaped(std::string& out, std::string_view text,
                        XmlContext context = XmlContext::text);

struct XmlAttribute {
  std::string_view name{};
  std::string_view value{};  // any bytes: escaped
};

// One XML document built in memory: the declaration, then elements, each
// closed in the reverse order it was opened, indented two spaces a level.
// Element and attribute names are the program's own and must be XML names
// of ASCII letters, digits, '_', '-', '.' and ':' (std::invalid_argument
// otherwise); text and attribute values may be anything (xml_escape).
// Not thread-safe: one writer per document.
class XmlWriter {
 public:
  using Attributes = std::initializer_list<XmlAttribute>;

  // Starts with <?xml version="1.0" encoding="utf-8"?>.
  XmlWriter();

  // <name attributes...>; what follows is its content until close().
  void open(std::string_view name, Attributes attributes = {});
  // Closes the innermost open element; std::logic_error when none is open.
  void close();
  // <name attributes...>text</name>, or <name attributes.../> when `text` is empty.
  void element(std::string_view name, std::string_view text, Attributes attributes = {});

  // The document. std::logic_error when an element is still open or there
  // is no root element.
  std::string finish() &&;

 private:
  void start_tag(std::string_view name, Attributes attributes);
  void indent();

  std::string out_;
  std::vector<std::string> open_;
  bool has_root_ = false;
};

}  // namespace folio
