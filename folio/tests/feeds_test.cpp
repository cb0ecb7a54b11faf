// The Atom feeds, the sitemap and their conditional GETs, every document
// read back by a real XML parser (libxml2, strict: it refuses what XML 1.0
// forbids); the XML escaper and writer behind them; the blog's base URL.

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <random>

#include "folio_test_support.hpp"
#include "site/feed_documents.hpp"
#include "store/models.hpp"
#include "util/markdown.hpp"
#include "util/public_url.hpp"
#include "util/xml_writer.hpp"

using namespace folio_test;

using Feeds = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(Feeds);
using Sitemap = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(Sitemap);
using ConditionalGet = BlogTest;
FOLIO_INSTANTIATE_FOR_EVERY_BACKEND(ConditionalGet);

namespace {

constexpr const char* kAtom = "http://www.w3.org/2005/Atom";
constexpr const char* kSitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9";

// A document parsed by libxml2 (no network, no entities from outside), queried
// with XPath: prefix "a" is Atom, "s" the sitemap namespace.
class ParsedXml {
  static const xmlChar* x(const char* text) { return reinterpret_cast<const xmlChar*>(text); }

 public:
  explicit ParsedXml(const std::string& text)
      : doc_(xmlReadMemory(text.data(), static_cast<int>(text.size()), "document.xml", nullptr,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)) {
    if (doc_ == nullptr) {
      const xmlError* e = xmlGetLastError();
      error_ = e != nullptr && e->message != nullptr ? e->message : "unknown error";
    }
  }
  ~ParsedXml() {
    if (doc_ != nullptr) xmlFreeDoc(doc_);
  }
  ParsedXml(const ParsedXml&) = delete;
  ParsedXml& operator=(const ParsedXml&) = delete;

  bool ok() const { return doc_ != nullptr; }
  const std::string& error() const { return error_; }

  // The text of every node `xpath` selects, in document order.
  std::vector<std::string> all(const std::string& xpath) const {
    std::vector<std::string> out;
    if (doc_ == nullptr) return out;
    xmlXPathContextPtr context = xmlXPathNewContext(doc_);
    xmlXPathRegisterNs(context, x("a"), x(kAtom));
    xmlXPathRegisterNs(context, x("s"), x(kSitemaps));
    xmlXPathObjectPtr result = xmlXPathEvalExpression(x(xpath.c_str()), context);
    if (result != nullptr && result->nodesetval != nullptr) {
      for (int i = 0; i < result->nodesetval->nodeNr; ++i) {
        xmlChar* content = xmlNodeGetContent(result->nodesetval->nodeTab[i]);
        out.emplace_back(content != nullptr ? reinterpret_cast<const char*>(content) : "");
        xmlFree(content);
      }
    }
    xmlXPathFreeObject(result);
    xmlXPathFreeContext(context);
    return out;
  }
  // The first such text; "" when there is none.
  std::string one(const std::string& xpath) const {
    const auto found = all(xpath);
    return found.empty() ? std::string{} : found.front();
  }
  std::size_t count(const std::string& xpath) const { return all(xpath).size(); }

 private:
  xmlDocPtr doc_;
  std::string error_;
};

PostDraft draft(std::string title, std::vector<std::string> tags = {},
                std::string content = "Text") {
  return PostDraft{
      .title = std::move(title), .content = std::move(content), .tags = std::move(tags)};
}

// `text` without the characters XML 1.0 forbids (what the escaper drops).
std::string without_controls(std::string text) {
  std::erase_if(text, [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 && c != '\t' && c != '\n' && c != '\r';
  });
  return text;
}

// An RFC 3339 UTC time as the documents write it: whole seconds, or microseconds.
bool is_rfc3339_utc(const std::string& t) {
  const bool seconds = t.size() >= 20 && t[4] == '-' && t[7] == '-' && t[10] == 'T' &&
                       t[13] == ':' && t[16] == ':' && t.back() == 'Z';
  return seconds && (t.size() == 20 || (t.size() == 27 && t[19] == '.'));
}

// Sets every post's last edit to `when` (as if written long ago), through relate.
void date_every_post(BlogStore& store, Time when) {
  auto s = store.database().session();
  s.query<Post>().update(relate::set(&Post::updated_at, when));
  s.commit();
}

const std::string kBase = "http://127.0.0.1";  // the port follows

// Hostile text every backend stores: markup, entities, CDATA's end, quotes,
// control characters, an emoji. (Invalid UTF-8 is refused by PostgreSQL and
// MariaDB; the pure tests below feed it to the documents directly.)
const std::string kHostileTitle = "<script>alert(\"x\")</script> & 'q' ]]> \x01\x0b\x1f 😀 end";
const std::string kHostileContent =
    "Para with <script>alert(1)</script> & ]]> \"quotes\" 'apos' \x01\x0b and 😀\n\n"
    "* a [link](http://example.com/?a=1&b=2)\n";

}  // namespace

// --- The XML escaper and writer ------------------------------------------

TEST(XmlEscape, ReplacesTheFiveSpecialCharacters) {
  EXPECT_EQ(xml_escape("a & b < c > d \" e ' f"), "a &amp; b &lt; c &gt; d &quot; e &apos; f");
  EXPECT_EQ(xml_escape("]]>"), "]]&gt;");
  EXPECT_EQ(xml_escape("&amp;"), "&amp;amp;");
  EXPECT_EQ(xml_escape(""), "");
  EXPECT_EQ(xml_escape("plain text"), "plain text");
}

TEST(XmlEscape, DropsControlCharactersXmlForbids) {
  EXPECT_EQ(xml_escape(std::string("a\0b", 3)), "ab");
  EXPECT_EQ(xml_escape("a\x01\x08\x0b\x0c\x0e\x1f"
                       "b"),
            "ab");
  EXPECT_EQ(xml_escape("tab\tline\nend"), "tab\tline\nend");
  EXPECT_EQ(xml_escape("cr\r"), "cr&#13;");
  EXPECT_EQ(xml_escape("\x7f"), "\x7f");  // allowed in XML 1.0
  // U+FFFE and U+FFFF are not characters; U+FFFD and U+FFFC are.
  EXPECT_EQ(xml_escape("a\xEF\xBF\xBE\xEF\xBF\xBF"
                       "b"),
            "ab");
  EXPECT_EQ(xml_escape("\xEF\xBF\xBD\xEF\xBF\xBC"), "\xEF\xBF\xBD\xEF\xBF\xBC");
}

TEST(XmlEscape, KeepsLineBreaksInAttributesAsReferences) {
  EXPECT_EQ(xml_escape("a\tb\nc\rd", XmlContext::attribute), "a&#9;b&#10;c&#13;d");
  EXPECT_EQ(xml_escape("\"'<", XmlContext::attribute), "&quot;&apos;&lt;");
}

TEST(XmlEscape, KeepsValidUtf8) {
  const std::string text = "é ü € 中文 😀 \xF4\x8F\xBF\xBF";  // U+10FFFF the last
  EXPECT_EQ(xml_escape(text), text);
}

TEST(XmlEscape, ReplacesEachBrokenUtf8SequenceWithOneReplacementCharacter) {
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(xml_escape("a\xff"
                       "b"),
            "a" + r + "b");
  EXPECT_EQ(xml_escape("\x80\x80"), r + r);  // stray continuation bytes
  EXPECT_EQ(xml_escape("\xC3"), r);          // cut off at the end
  EXPECT_EQ(xml_escape("\xE2\x82"
                       "x"),
            r + "x");                                        // cut off before ASCII
  EXPECT_EQ(xml_escape("\xC0\xAF"), r + r);                  // overlong '/'
  EXPECT_EQ(xml_escape("\xE0\x80\xAF"), r + r + r);          // overlong, three bytes
  EXPECT_EQ(xml_escape("\xED\xA0\x80"), r + r + r);          // a UTF-16 surrogate
  EXPECT_EQ(xml_escape("\xF4\x90\x80\x80"), r + r + r + r);  // past U+10FFFF
  EXPECT_EQ(xml_escape("\xF0\x9F\x98"), r);                  // an emoji cut short
  EXPECT_EQ(xml_escape("\xF0\x9F\x98<"), r + "&lt;");
}

TEST(XmlEscape, AnyBytesParseAsXml) {
  // 2,000 random byte strings, biased to the troublesome ranges: each,
  // escaped into content and into an attribute, parses.
  std::mt19937 random(20261202);
  const std::string pool = "<>&\"']\t\n\r\x01\x0b\x7f\x80\xbf\xc0\xc3\xe0\xed\xef\xf0\xf4\xff";
  for (int round = 0; round < 2000; ++round) {
    std::string bytes;
    const int n = static_cast<int>(random() % 24);
    for (int i = 0; i < n; ++i) {
      bytes += random() % 2 == 0 ? pool[random() % pool.size()] : static_cast<char>(random() % 256);
    }
    const std::string doc =
        "<r a=\"" + xml_escape(bytes, XmlContext::attribute) + "\">" + xml_escape(bytes) + "</r>";
    ParsedXml parsed(doc);
    ASSERT_TRUE(parsed.ok()) << parsed.error() << " for " << ::testing::PrintToString(bytes);
  }
}

TEST(XmlEscape, ReadsBackAsTheTextWhenItWasValid) {
  const std::string text = "Tom & Jerry's <b>\"show\"</b> ]]> \t\r\n 😀";
  ParsedXml parsed("<r a=\"" + xml_escape(text, XmlContext::attribute) + "\">" + xml_escape(text) +
                   "</r>");
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(parsed.one("/r"), text);
  EXPECT_EQ(parsed.one("/r/@a"), text);
}

TEST(XmlWriter, NestsAndEscapes) {
  XmlWriter xml;
  xml.open("feed", {{"xmlns", kAtom}});
  xml.element("title", "A & B");
  xml.element("link", "", {{"href", "/x?a=1&b=\"2\""}});
  xml.open("entry");
  xml.element("id", "1");
  xml.close();
  xml.close();
  const std::string doc = std::move(xml).finish();
  EXPECT_EQ(doc,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
            "  <title>A &amp; B</title>\n"
            "  <link href=\"/x?a=1&amp;b=&quot;2&quot;\"/>\n"
            "  <entry>\n"
            "    <id>1</id>\n"
            "  </entry>\n"
            "</feed>\n");
  ParsedXml parsed(doc);
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(parsed.one("/a:feed/a:link/@href"), "/x?a=1&b=\"2\"");
}

TEST(XmlWriter, RefusesMisuse) {
  EXPECT_THROW(XmlWriter().open("bad name"), std::invalid_argument);
  EXPECT_THROW(XmlWriter().open("1st"), std::invalid_argument);
  EXPECT_THROW(XmlWriter().element("x", "", {{"a\"", "v"}}), std::invalid_argument);
  EXPECT_THROW(XmlWriter().close(), std::logic_error);
  EXPECT_THROW(XmlWriter().finish(), std::logic_error);  // no root
  XmlWriter open;
  open.open("root");
  EXPECT_THROW(std::move(open).finish(), std::logic_error);
  XmlWriter two;
  two.element("a", "1");
  EXPECT_THROW(two.element("b", "2"), std::logic_error);
}

// --- The base URL -------------------------------------------------------

TEST(PublicUrl, AcceptsASchemeHostAndPortOnly) {
  EXPECT_EQ(parse_public_url("https://blog.example.com"), "https://blog.example.com");
  EXPECT_EQ(parse_public_url("HTTPS://Blog.Example.COM/"), "https://blog.example.com");
  EXPECT_EQ(parse_public_url("http://127.0.0.1:5000"), "http://127.0.0.1:5000");
  EXPECT_EQ(parse_public_url("http://[::1]:8080/"), "http://[::1]:8080");
  for (const char* bad :
       {"", "blog.example.com", "ftp://x", "https://", "https://a b", "https://x/blog",
        "https://x?q", "https://x#f", "https://u@x", "https://x:0", "https://x:99999",
        "https://x:", "https://x:8o", "https://[zz]", "https://-x", "javascript:alert(1)"}) {
    EXPECT_EQ(parse_public_url(bad), std::nullopt) << bad;
  }
}

TEST(PublicUrl, ReadsAPlainHostHeaderOnly) {
  EXPECT_EQ(base_url_from_host("Example.org:8080", false), "http://example.org:8080");
  EXPECT_EQ(base_url_from_host("example.org", true), "https://example.org");
  EXPECT_EQ(base_url_from_host("[::1]", false), "http://[::1]");
  for (const char* bad : {"", "evil.com/path", "a@b", "x y", "x:1:2", "<x>", "x\"", "[::1"})
    EXPECT_EQ(base_url_from_host(bad, false), std::nullopt) << bad;
}

// --- The documents, from views (no database): any bytes at all ---------

TEST(AtomDocument, ParsesWhateverThePostsHold) {
  FeedEntry e;
  e.post.id = 7;
  e.post.title = "bad \xff\xfe utf-8 \xC3 and \x01 control <b>&";
  e.post.content = "*bold* \xed\xa0\x80 surrogate \x0b ]]> <script>x</script>";
  e.post.content_html = markdown_to_html(e.post.content);  // as the store keeps it
  e.post.author = "N\xe9ron";                              // Latin-1, not UTF-8
  e.post.author_username = "n&r";
  e.post.tags = {TagView{.id = 1, .name = "t\x02<", .slug = "t"}};
  e.post.created_at = Time{std::chrono::seconds{1'700'000'000}};
  e.updated_at = Time{std::chrono::seconds{1'700'000'100}} + std::chrono::microseconds{250'000};
  const std::string doc =
      atom_feed({.title = "F \x01&", .self_path = "/feed.atom", .page_path = "/"}, {e},
                "https://blog.example.com");
  ParsedXml parsed(doc);
  ASSERT_TRUE(parsed.ok()) << parsed.error() << "\n" << doc;
  EXPECT_EQ(parsed.one("/a:feed/a:title"), "F &");
  EXPECT_EQ(parsed.one("/a:feed/a:entry/a:title"),
            "bad \xEF\xBF\xBD\xEF\xBF\xBD utf-8 \xEF\xBF\xBD and  control <b>&");
  EXPECT_EQ(parsed.one("/a:feed/a:entry/a:author/a:name"), "N\xEF\xBF\xBDron");
  EXPECT_EQ(parsed.one("/a:feed/a:entry/a:author/a:uri"),
            "https://blog.example.com/authors/n%26r/");
  EXPECT_EQ(parsed.one("/a:feed/a:entry/a:id"), "https://blog.example.com/7/");
  EXPECT_EQ(parsed.one("/a:feed/a:entry/a:published"), "2023-11-14T22:13:20Z");
  // Microseconds: an edit in the same second still changes the document.
  EXPECT_EQ(parsed.one("/a:feed/a:entry/a:updated"), "2023-11-14T22:15:00.250000Z");
  EXPECT_EQ(parsed.one("/a:feed/a:updated"), "2023-11-14T22:15:00.250000Z");
  EXPECT_EQ(parsed.one("/a:feed/a:entry/a:category/@label"), "t<");
  const std::string content = parsed.one("/a:feed/a:entry/a:content");
  EXPECT_TRUE(contains(content, "<em>bold</em>")) << content;
  EXPECT_FALSE(contains(content, "<script>")) << content;  // cmark's safe mode, in the store
}

TEST(AtomDocument, EmptyFeedIsValidAndStable) {
  const FeedHead head{.title = "Folio", .self_path = "/feed.atom", .page_path = "/"};
  const std::string doc = atom_feed(head, {}, "http://x");
  ParsedXml parsed(doc);
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(parsed.one("/a:feed/a:updated"), "1970-01-01T00:00:00Z");
  EXPECT_EQ(parsed.count("/a:feed/a:entry"), 0u);
  EXPECT_EQ(atom_feed(head, {}, "http://x"), doc);
  EXPECT_EQ(newest_update(std::vector<FeedEntry>{}), std::nullopt);
}

// --- The feeds, served ---------------------------------------------------

TEST_P(Feeds, ListsPublishedPostsAsAtom) {
  RunningBlog blog(url());
  const std::int64_t ada = blog.add_author("ada", "Ada L.");
  const std::int64_t hostile =
      blog.store().create_post(ada, draft(kHostileTitle, {"C++ & Co"}, kHostileContent));
  PostDraft hidden = draft("Secret draft");
  hidden.draft = true;
  const std::int64_t draft_id = blog.store().create_post(ada, hidden);

  const HttpResult r = blog.browser().get("/feed.atom");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/atom+xml; charset=utf-8");
  ParsedXml feed(r.body);
  ASSERT_TRUE(feed.ok()) << feed.error() << "\n" << r.body;

  const std::string base = kBase + ":" + std::to_string(blog.port());
  EXPECT_EQ(feed.one("/a:feed/a:title"), "Folio");
  EXPECT_EQ(feed.one("/a:feed/a:id"), base + "/feed.atom");
  EXPECT_EQ(feed.one("/a:feed/a:link[@rel='self']/@href"), base + "/feed.atom");
  EXPECT_EQ(feed.one("/a:feed/a:link[@rel='alternate']/@href"), base + "/");
  EXPECT_TRUE(is_rfc3339_utc(feed.one("/a:feed/a:updated")));

  // The hostile post first (newest), then the tutorial's three; no draft.
  const auto ids = feed.all("/a:feed/a:entry/a:id");
  ASSERT_EQ(ids.size(), 4u);
  EXPECT_EQ(ids[0], base + "/" + std::to_string(hostile) + "/");
  for (const std::string& id : ids)
    EXPECT_NE(id, base + "/" + std::to_string(draft_id) + "/");
  EXPECT_FALSE(contains(r.body, "Secret draft"));

  const std::string entry = "/a:feed/a:entry[1]";
  EXPECT_EQ(feed.one(entry + "/a:title"), without_controls(kHostileTitle));
  EXPECT_EQ(feed.one(entry + "/a:link[@rel='alternate']/@href"),
            base + "/" + std::to_string(hostile) + "/");
  EXPECT_EQ(feed.one(entry + "/a:author/a:name"), "Ada L.");
  EXPECT_EQ(feed.one(entry + "/a:author/a:uri"), base + "/authors/ada/");
  EXPECT_EQ(feed.one(entry + "/a:category/@label"), "C++ & Co");
  EXPECT_TRUE(is_rfc3339_utc(feed.one(entry + "/a:published")));
  EXPECT_TRUE(is_rfc3339_utc(feed.one(entry + "/a:updated")));
  EXPECT_EQ(feed.one(entry + "/a:content/@type"), "html");
  // The content is the post page's HTML, as text: a reader unescapes it once.
  const std::string content = feed.one(entry + "/a:content");
  EXPECT_EQ(content, without_controls(markdown_to_html(kHostileContent)));
  EXPECT_TRUE(contains(content, "&amp; ]]&gt;")) << content;
  EXPECT_TRUE(contains(content, "😀"));
  EXPECT_FALSE(contains(content, "<script>"));
  EXPECT_TRUE(contains(r.body, "&lt;a href=&quot;http://example.com/?a=1&amp;amp;b=2&quot;&gt;"))
      << "the content's HTML is escaped into the XML once more";

  // The tutorial's posts have no author: the site's name stands in.
  EXPECT_EQ(feed.one("/a:feed/a:entry[4]/a:author/a:name"), "Folio");
  EXPECT_EQ(feed.count("/a:feed/a:entry[4]/a:author/a:uri"), 0u);
}

TEST_P(Feeds, InvalidUtf8InAPostStillMakesAValidFeed) {
  // Only SQLite stores bytes that are not UTF-8; the others refuse them.
  if (GetParam() != "sqlite") GTEST_SKIP() << "PostgreSQL and MariaDB refuse invalid UTF-8";
  RunningBlog blog(url());
  blog.store().add_post("broken \xff\xfe title \xC3", "content \xed\xa0\x80 \x80", std::nullopt);
  const HttpResult r = blog.browser().get("/feed.atom");
  ASSERT_EQ(r.status, 200);
  ParsedXml feed(r.body);
  ASSERT_TRUE(feed.ok()) << feed.error();
  EXPECT_EQ(feed.one("/a:feed/a:entry[1]/a:title"),
            "broken \xEF\xBF\xBD\xEF\xBF\xBD title \xEF\xBF\xBD");
}

TEST_P(Feeds, ShowsTheTwentyNewestPosts) {
  RunningBlog blog(url());
  const std::int64_t ada = blog.add_author("ada");
  std::vector<std::int64_t> ids;
  for (int i = 1; i <= 25; ++i)
    ids.push_back(blog.store().create_post(ada, draft("Post number " + std::to_string(i))));
  ParsedXml feed(blog.browser().get("/feed.atom").body);
  ASSERT_TRUE(feed.ok()) << feed.error();
  const auto titles = feed.all("/a:feed/a:entry/a:title");
  ASSERT_EQ(titles.size(), 20u);
  EXPECT_EQ(titles.front(), "Post number 25");
  EXPECT_EQ(titles.back(), "Post number 6");
}

TEST_P(Feeds, TagFeedHasThatTagsPostsOnly) {
  RunningBlog blog(url());
  const std::int64_t ada = blog.add_author("ada");
  const std::int64_t tagged = blog.store().create_post(ada, draft("Oaks", {"Trees", "Wood"}));
  blog.store().create_post(ada, draft("Roses", {"Flowers"}));
  PostDraft hidden = draft("Unfinished tree", {"Trees"});
  hidden.draft = true;
  blog.store().create_post(ada, hidden);

  const HttpResult r = blog.browser().get("/tags/trees/feed.atom");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/atom+xml; charset=utf-8");
  ParsedXml feed(r.body);
  ASSERT_TRUE(feed.ok()) << feed.error();
  const std::string base = kBase + ":" + std::to_string(blog.port());
  EXPECT_EQ(feed.one("/a:feed/a:title"), "Folio: posts tagged Trees");
  EXPECT_EQ(feed.one("/a:feed/a:link[@rel='self']/@href"), base + "/tags/trees/feed.atom");
  EXPECT_EQ(feed.one("/a:feed/a:link[@rel='alternate']/@href"), base + "/tags/trees/");
  EXPECT_EQ(feed.all("/a:feed/a:entry/a:id"),
            std::vector<std::string>{base + "/" + std::to_string(tagged) + "/"});

  const HttpResult unknown = blog.browser().get("/tags/no-such-tag/feed.atom");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_TRUE(contains(unknown.body, "There is no such tag."));
}

TEST_P(Feeds, PagesLinkTheirFeeds) {
  RunningBlog blog(url());
  blog.store().create_post(blog.add_author("ada"), draft("Oaks", {"Trees"}));
  const std::string site_feed =
      "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/feed.atom\"";
  EXPECT_TRUE(contains(blog.browser().get("/").body, site_feed));
  const HttpResult tag = blog.browser().get("/tags/trees/");
  EXPECT_TRUE(contains(tag.body, site_feed));
  EXPECT_TRUE(contains(tag.body,
                       "<link rel=\"alternate\" type=\"application/atom+xml\" "
                       "href=\"/tags/trees/feed.atom\" title=\"Posts tagged Trees\">"));
  EXPECT_TRUE(contains(tag.body, "<a href=\"/tags/trees/feed.atom\">"));
}

TEST_P(Feeds, NamesTheConfiguredPublicUrlWhateverTheHost) {
  RunningBlog blog(url(), BlogOptions{.public_url = "https://blog.example.com"});
  ParsedXml feed(blog.browser().get("/feed.atom").body);
  ASSERT_TRUE(feed.ok()) << feed.error();
  EXPECT_EQ(feed.one("/a:feed/a:link[@rel='self']/@href"), "https://blog.example.com/feed.atom");
  EXPECT_EQ(feed.one("/a:feed/a:entry[1]/a:id"), "https://blog.example.com/3/");

  web::testing::RawConnection raw(blog.port());
  raw.send("GET /sitemap.xml HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
  const HttpResult r = raw.read_response();
  EXPECT_EQ(r.status, 200);
  EXPECT_FALSE(contains(r.body, "evil"));
  EXPECT_TRUE(contains(r.body, "<loc>https://blog.example.com/</loc>"));
}

TEST_P(Feeds, WithoutAPublicUrlUsesAPlainHostHeaderOnly) {
  RunningBlog blog(url());
  {
    web::testing::RawConnection raw(blog.port());
    raw.send("GET /feed.atom HTTP/1.1\r\nHost: Other.Example:8080\r\nConnection: close\r\n\r\n");
    const HttpResult r = raw.read_response();
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(contains(r.body, "<id>http://other.example:8080/feed.atom</id>")) << r.body;
  }
  for (const char* host : {"evil.example/x", "a@b", "x\"><script>"}) {
    web::testing::RawConnection raw(blog.port());
    raw.send(std::string("GET /feed.atom HTTP/1.1\r\nHost: ") + host +
             "\r\nConnection: close\r\n\r\n");
    const HttpResult r = raw.read_response();
    EXPECT_EQ(r.status, 400) << host;
    EXPECT_FALSE(contains(r.body, "<feed")) << host;
  }
}

// --- The sitemap ---------------------------------------------------------

TEST_P(Sitemap, ListsPublishedPostsTagsAndAuthors) {
  RunningBlog blog(url());
  const std::int64_t ada = blog.add_author("ada");
  const std::int64_t bob = blog.add_author("bob");
  const std::int64_t carol = blog.add_author("carol");  // only a draft: not listed
  const std::int64_t oaks = blog.store().create_post(ada, draft("Oaks", {"Trees"}));
  const std::int64_t roses = blog.store().create_post(bob, draft("Roses", {"Flowers"}));
  PostDraft hidden = draft("Unfinished", {"Secret tag"});
  hidden.draft = true;
  const std::int64_t draft_id = blog.store().create_post(carol, hidden);

  const HttpResult r = blog.browser().get("/sitemap.xml");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/xml; charset=utf-8");
  ParsedXml map(r.body);
  ASSERT_TRUE(map.ok()) << map.error() << "\n" << r.body;
  const std::string base = kBase + ":" + std::to_string(blog.port());
  const auto locs = map.all("/s:urlset/s:url/s:loc");
  const auto has = [&](const std::string& path) {
    return std::find(locs.begin(), locs.end(), base + path) != locs.end();
  };
  EXPECT_TRUE(has("/"));
  for (const std::int64_t id : {std::int64_t{1}, std::int64_t{2}, std::int64_t{3}, oaks, roses})
    EXPECT_TRUE(has("/" + std::to_string(id) + "/")) << id;
  EXPECT_TRUE(has("/tags/trees/"));
  EXPECT_TRUE(has("/tags/flowers/"));
  EXPECT_TRUE(has("/authors/ada/"));
  EXPECT_TRUE(has("/authors/bob/"));
  EXPECT_FALSE(has("/" + std::to_string(draft_id) + "/"));
  EXPECT_FALSE(has("/tags/secret-tag/"));
  EXPECT_FALSE(has("/authors/carol/"));
  EXPECT_FALSE(has("/authors/admin/"));  // no post at all
  EXPECT_EQ(locs.size(), 1u + 5u + 2u + 2u);
  // Every URL has its last edit.
  const auto dates = map.all("/s:urlset/s:url/s:lastmod");
  EXPECT_EQ(dates.size(), locs.size());
  for (const std::string& d : dates)
    EXPECT_TRUE(is_rfc3339_utc(d)) << d;
}

TEST_P(Sitemap, DatesEachPageByItsNewestEdit) {
  RunningBlog blog(url());
  const std::int64_t ada = blog.add_author("ada");
  const std::int64_t oaks = blog.store().create_post(ada, draft("Oaks", {"Trees"}));
  date_every_post(blog.store(), Time{std::chrono::seconds{1'600'000'000}});  // 2020-09-13
  ASSERT_TRUE(blog.store().update_post(oaks, draft("Oaks, edited", {"Trees"})));
  ParsedXml map(blog.browser().get("/sitemap.xml").body);
  ASSERT_TRUE(map.ok()) << map.error();
  const std::string base = kBase + ":" + std::to_string(blog.port());
  const auto lastmod = [&](const std::string& path) {
    return map.one("/s:urlset/s:url[s:loc='" + base + path + "']/s:lastmod");
  };
  EXPECT_EQ(lastmod("/1/"), "2020-09-13T12:26:40Z");
  EXPECT_NE(lastmod("/" + std::to_string(oaks) + "/"), "2020-09-13T12:26:40Z");
  EXPECT_EQ(lastmod("/tags/trees/"), lastmod("/" + std::to_string(oaks) + "/"));
  EXPECT_EQ(lastmod("/authors/ada/"), lastmod("/" + std::to_string(oaks) + "/"));
  EXPECT_EQ(lastmod("/"), lastmod("/" + std::to_string(oaks) + "/"));
}

// --- Conditional GETs ----------------------------------------------------

TEST_P(ConditionalGet, FeedAnswers304UntilAPostChanges) {
  RunningBlog blog(url());
  const std::int64_t ada = blog.add_author("ada");
  const std::int64_t oaks = blog.store().create_post(ada, draft("Oaks", {"Trees"}));
  auto browser = blog.browser();
  for (const std::string path : {"/feed.atom", "/tags/trees/feed.atom", "/sitemap.xml"}) {
    SCOPED_TRACE(path);
    const HttpResult first = browser.get(path);
    ASSERT_EQ(first.status, 200);
    const std::string etag = first.header("ETag");
    ASSERT_FALSE(etag.empty());
    EXPECT_FALSE(first.header("Last-Modified").empty());
    const HttpResult again = browser.get(path, {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_EQ(again.body, "");
    EXPECT_EQ(again.header("ETag"), etag);
    EXPECT_EQ(browser.get(path, {{"If-None-Match", "\"other\""}}).status, 200);
  }

  // Each change to a post the documents show gives each a new tag.
  const auto tags_now = [&] {
    std::vector<std::string> tags;
    for (const char* path : {"/feed.atom", "/tags/trees/feed.atom", "/sitemap.xml"})
      tags.push_back(browser.get(path).header("ETag"));
    return tags;
  };
  std::vector<std::string> before = tags_now();
  const auto expect_all_changed = [&](const char* what) {
    const std::vector<std::string> after = tags_now();
    const char* paths[] = {"/feed.atom", "/tags/trees/feed.atom", "/sitemap.xml"};
    for (std::size_t i = 0; i < after.size(); ++i) {
      EXPECT_NE(after[i], before[i]) << what << ": " << paths[i];
      const HttpResult stale = browser.get(paths[i], {{"If-None-Match", before[i]}});
      EXPECT_EQ(stale.status, 200) << what << ": " << paths[i];
      EXPECT_FALSE(stale.body.empty());
    }
    before = after;
  };
  // Published: a new post in the tag.
  const std::int64_t elms = blog.store().create_post(ada, draft("Elms", {"Trees"}));
  expect_all_changed("published");
  // Edited.
  ASSERT_TRUE(blog.store().update_post(oaks, draft("Oaks, edited", {"Trees"}, "New text")));
  expect_all_changed("edited");
  // Deleted.
  ASSERT_TRUE(blog.store().delete_post(elms));
  expect_all_changed("deleted");
  // A draft elsewhere changes nothing shown: still 304.
  PostDraft hidden = draft("Unfinished");
  hidden.draft = true;
  blog.store().create_post(ada, hidden);
  EXPECT_EQ(browser.get("/feed.atom", {{"If-None-Match", before[0]}}).status, 304);
}

TEST_P(ConditionalGet, IfModifiedSinceAnswers304UntilAPostIsEdited) {
  RunningBlog blog(url());
  const std::int64_t ada = blog.add_author("ada");
  const std::int64_t oaks = blog.store().create_post(ada, draft("Oaks", {"Trees"}));
  // Every post last edited in 2020: the edit below is seconds later in any case.
  date_every_post(blog.store(), Time{std::chrono::seconds{1'600'000'000}});
  auto browser = blog.browser();
  for (const std::string path : {"/feed.atom", "/tags/trees/feed.atom", "/sitemap.xml"}) {
    SCOPED_TRACE(path);
    const HttpResult first = browser.get(path);
    ASSERT_EQ(first.status, 200);
    const std::string modified = first.header("Last-Modified");
    EXPECT_EQ(modified, "Sun, 13 Sep 2020 12:26:40 GMT");
    const HttpResult again = browser.get(path, {{"If-Modified-Since", modified}});
    EXPECT_EQ(again.status, 304);
    EXPECT_EQ(again.body, "");
    EXPECT_EQ(browser.get(path, {{"If-Modified-Since", "Sun, 13 Sep 2020 12:26:39 GMT"}}).status,
              200);
  }
  ASSERT_TRUE(blog.store().update_post(oaks, draft("Oaks, edited", {"Trees"})));
  for (const std::string path : {"/feed.atom", "/tags/trees/feed.atom", "/sitemap.xml"}) {
    SCOPED_TRACE(path);
    const HttpResult after =
        browser.get(path, {{"If-Modified-Since", "Sun, 13 Sep 2020 12:26:40 GMT"}});
    EXPECT_EQ(after.status, 200);
    EXPECT_NE(after.header("Last-Modified"), "Sun, 13 Sep 2020 12:26:40 GMT");
    EXPECT_TRUE(contains(after.body, "Oaks, edited") || path == "/sitemap.xml");
  }
}

// --- Cost ----------------------------------------------------------------

TEST_P(Feeds, AreServedByIndexesInAFixedNumberOfStatements) {
  RunningBlog blog(url());
  const std::int64_t ada = blog.add_author("ada");
  for (int i = 0; i < 30; ++i)
    blog.store().create_post(ada, draft("Post " + std::to_string(i), {"Trees", "Wood"}));
  std::vector<std::string> findings;
  std::mutex mutex;
  blog.store().database().on_warning([&](std::string_view m) {
    const std::lock_guard lock(mutex);
    findings.emplace_back(m);
  });
  blog.store().database().set_scan_check(relate::ScanCheck::warn);
  auto reader = blog.browser();
  // The feed: posts, authors, tags (what the index page runs, with LIMIT 20).
  blog.statements().clear();
  EXPECT_EQ(reader.get("/feed.atom").status, 200);
  EXPECT_EQ(blog.statements().count(), 3u);
  // The tag feed: the tag, then the same three.
  blog.statements().clear();
  EXPECT_EQ(reader.get("/tags/trees/feed.atom").status, 200);
  EXPECT_EQ(blog.statements().count(), 4u);
  {
    const std::lock_guard lock(mutex);
    std::string all;
    for (const std::string& f : findings)
      all += f + "\n\n";
    EXPECT_EQ(all, "");
  }
  // The sitemap: tags, authors, posts, whatever the number of posts. It
  // lists every published post, so it reads them all (SQLite's plan for the
  // grouped tags and authors scans post, which the check reports: no index
  // would make reading every published post cheaper).
  blog.store().database().set_scan_check(relate::ScanCheck::off);
  blog.statements().clear();
  EXPECT_EQ(reader.get("/sitemap.xml").status, 200);
  EXPECT_EQ(blog.statements().count(), 3u);
}
