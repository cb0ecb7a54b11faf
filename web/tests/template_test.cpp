// web's Mustache engine: escaping, sections, partials, the layout, load-time errors, and
// agreement with kainjow::mustache (template_engine.hpp, template_library.hpp).
#include "web/template.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <kainjow/mustache.hpp>

#include "template_library.hpp"

namespace web::detail {
namespace {

using json = nlohmann::json;

std::string render(TemplateLibrary::Sources sources, const json& view,
                   std::optional<std::string> layout = std::nullopt, std::string page = "page") {
  const auto library = TemplateLibrary::from_sources(std::move(sources), layout);
  std::string out;
  if (layout) {
    library->layout()->render(view, nullptr, library->find(page), out);
  } else {
    library->find(page)->render(view, nullptr, nullptr, out);
  }
  return out;
}

std::string render_one(std::string text, const json& view) {
  return render({{"page", std::move(text)}}, view);
}

std::string load_error(TemplateLibrary::Sources sources,
                       std::optional<std::string> layout = std::nullopt) {
  try {
    TemplateLibrary::from_sources(std::move(sources), layout);
  } catch (const TemplateError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Template, EscapesEveryValueByDefault) {
  const json view = {{"x", "<script>alert('x') & \"y\"</script>"}};
  EXPECT_EQ(render_one("<p>{{x}}</p>", view),
            "<p>&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;</p>");
}

TEST(Template, EscapesInsideAttributes) {
  EXPECT_EQ(render_one("<a title=\"{{t}}\">", {{"t", "\" onmouseover=\"evil()"}}),
            "<a title=\"&quot; onmouseover=&quot;evil()\">");
}

TEST(Template, TrustedHtmlIsTheOnlyWayOutUnescaped) {
  const json view = {{"safe", trusted_html("<em>ok</em>")}, {"plain", "<em>no</em>"}};
  EXPECT_EQ(render_one("{{safe}} {{plain}}", view), "<em>ok</em> &lt;em&gt;no&lt;/em&gt;");
  EXPECT_TRUE(is_trusted_html(view["safe"]));
  EXPECT_FALSE(is_trusted_html(view["plain"]));
  // JSON text from a client cannot make the marker.
  EXPECT_FALSE(is_trusted_html(json::parse(R"({"bytes":[60,98,62],"subtype":104})")));
}

TEST(Template, RefusesUnescapedTagsAndCustomDelimiters) {
  EXPECT_NE(load_error({{"page", "{{{x}}}"}}).find("trusted_html"), std::string::npos);
  EXPECT_NE(load_error({{"page", "{{&x}}"}}).find("trusted_html"), std::string::npos);
  EXPECT_NE(load_error({{"page", "{{=<% %>=}}"}}).find("delimiters"), std::string::npos);
}

TEST(Template, RendersScalars) {
  const json view = {{"n", 42}, {"neg", -7}, {"f", 1.5}, {"t", true}, {"nil", nullptr}};
  EXPECT_EQ(render_one("{{n}} {{neg}} {{f}} {{t}} [{{nil}}] [{{missing}}]", view),
            "42 -7 1.5 true [] []");
}

TEST(Template, SectionsIterateListsAndPushObjects) {
  const json view = {{"posts", {{{"id", 1}, {"title", "A"}}, {{"id", 2}, {"title", "B"}}}},
                     {"author", {{"name", "Sammy"}}},
                     {"title", "outer"}};
  EXPECT_EQ(render_one("{{#posts}}[{{id}}:{{title}}]{{/posts}}", view), "[1:A][2:B]");
  EXPECT_EQ(render_one("{{#author}}{{name}} in {{title}}{{/author}}", view), "Sammy in outer");
  EXPECT_EQ(render_one("{{author.name}}", view), "Sammy");
  EXPECT_EQ(render_one("{{#posts}}{{.}}{{/posts}}", {{"posts", {"x", "<"}}}), "x&lt;");
}

TEST(Template, FalsyValuesSkipSectionsAndShowInvertedOnes) {
  for (const json& falsy : {json(nullptr), json(false), json(""), json::array()}) {
    const json view = {{"v", falsy}};
    EXPECT_EQ(render_one("{{#v}}yes{{/v}}{{^v}}no{{/v}}", view), "no") << falsy;
  }
  for (const json& truthy : {json(0), json(true), json("x"), json::object(), json({1})}) {
    const json view = {{"v", truthy}};
    EXPECT_EQ(render_one("{{#v}}yes{{/v}}{{^v}}no{{/v}}", view), "yes") << truthy;
  }
  EXPECT_EQ(render_one("{{^missing}}none{{/missing}}", json::object()), "none");
}

TEST(Template, DottedNamesDoNotFallBackOutwards) {
  // Mustache spec: once "a" is found, ".b" is looked up in it only.
  const json view = {{"a", {{"x", 1}}}, {"b", "outer"}};
  EXPECT_EQ(render_one("[{{a.b}}]", view), "[]");
}

TEST(Template, StandaloneTagLinesLeaveNoTrace) {
  const std::string text =
      "<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n  {{! note }}\n</ul>\n";
  EXPECT_EQ(render_one(text, {{"items", {"a", "b"}}}), "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n");
  EXPECT_EQ(render_one("a {{#x}}b{{/x}} c\n", {{"x", true}}), "a b c\n");
}

TEST(Template, PartialsAreInlined) {
  EXPECT_EQ(
      render({{"page", "<p>{{> greeting}}</p>"}, {"greeting", "Hi {{name}}"}}, {{"name", "<b>"}}),
      "<p>Hi &lt;b&gt;</p>");
}

TEST(Template, LayoutWrapsThePageWithTheSameView) {
  const TemplateLibrary::Sources sources = {
      {"base", "<title>{{title}}</title><main>{{> content}}</main>"},
      {"page", "<h1>{{title}}</h1>"}};
  EXPECT_EQ(render(sources, {{"title", "Posts & more"}}, "base"),
            "<title>Posts &amp; more</title><main><h1>Posts &amp; more</h1></main>");
}

TEST(Template, BrokenTemplatesFailAtLoadWithNameAndLine) {
  const std::string unclosed = load_error({{"page", "line one\n{{#posts}}\n<p>"}});
  EXPECT_NE(unclosed.find("template 'page', line 2"), std::string::npos) << unclosed;
  EXPECT_NE(unclosed.find("never closed"), std::string::npos) << unclosed;
  const std::string mismatched = load_error({{"page", "{{#a}}{{/b}}"}});
  EXPECT_NE(mismatched.find("does not match"), std::string::npos) << mismatched;
  EXPECT_NE(load_error({{"page", "{{unclosed"}}).find("never closed"), std::string::npos);
  EXPECT_NE(load_error({{"page", "{{> nowhere}}"}}).find("partial 'nowhere' not found"),
            std::string::npos);
  EXPECT_NE(load_error({{"page", "{{> page}}"}}).find("cycle"), std::string::npos);
  EXPECT_NE(load_error({{"page", "{{bad name}}"}}).find("bad name"), std::string::npos);
}

TEST(Template, LayoutMustExistAndIncludeThePage) {
  EXPECT_NE(load_error({{"page", "x"}}, "base").find("layout template 'base' not found"),
            std::string::npos);
  EXPECT_NE(load_error({{"page", "x"}, {"base", "<html></html>"}}, "base").find("{{> content}}"),
            std::string::npos);
}

TEST(Template, LoadsAFolderRecursively) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("web-templates-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "admin");
  std::ofstream(dir / "base.html") << "[{{> content}}]";
  std::ofstream(dir / "admin" / "users.html") << "users";
  std::ofstream(dir / "notes.txt") << "{{#ignored";  // not a template
  const auto library = TemplateLibrary::load(dir, "base");
  std::string out;
  library->layout()->render(json::object(), nullptr, library->find("admin/users"), out);
  EXPECT_EQ(out, "[users]");
  std::filesystem::remove_all(dir);
  EXPECT_THROW(TemplateLibrary::load(dir, "base"), TemplateError);
}

// kainjow::mustache is the reference: on the same template and data, web's engine must
// produce the same text (whitespace aside: kainjow applies the standalone-line rule only to
// sections that render).
kainjow::mustache::data to_kainjow(const json& value) {
  using kainjow::mustache::data;
  switch (value.type()) {
    case json::value_t::object: {
      data object{data::type::object};
      for (const auto& [key, item] : value.items())
        object.set(key, to_kainjow(item));
      return object;
    }
    case json::value_t::array: {
      data list{data::type::list};
      for (const auto& item : value)
        list.push_back(to_kainjow(item));
      return list;
    }
    case json::value_t::string:
      if (value.get<std::string>().empty()) return data{false};
      return data{value.get<std::string>()};
    case json::value_t::boolean:
      return data{value.get<bool>()};
    case json::value_t::null:
      return data{false};
    default:
      return data{value.dump()};
  }
}

std::string without_whitespace(std::string text) {
  std::erase_if(text, [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
  return text;
}

TEST(Template, AgreesWithKainjow) {
  const json view = {
      {"title", "Posts <&> \"quoted\" 'single'"},
      {"empty", ""},
      {"posts",
       {{{"id", 1}, {"title", "First"}, {"content", "a < b"}, {"comments", {{{"id", 3}}}}},
        {{"id", 2}, {"title", "Second"}, {"content", "x & y"}, {"comments", json::array()}}}},
      {"author", {{"name", "Sammy"}, {"site", "https://example.com/?a=1&b=2"}}},
      {"flag", true},
      {"off", false},
  };
  const std::vector<std::string> templates = {
      "<h1>{{title}}</h1>",
      "{{#posts}}<p>#{{id}} {{title}}: {{content}}</p>{{/posts}}",
      "{{#posts}}{{#comments}}[{{id}} of {{title}}]{{/comments}}{{^comments}}none{{/comments}}"
      "{{/posts}}",
      "{{#author}}<a href=\"{{site}}\">{{name}}</a>{{/author}} {{author.name}}",
      "{{#flag}}on{{/flag}}{{^off}}off{{/off}}{{#off}}never{{/off}}{{^flag}}never{{/flag}}",
      "{{#empty}}x{{/empty}}{{^empty}}empty{{/empty}}[{{missing}}]{{! a comment }}",
      "<ul>\n  {{#posts}}\n  <li>{{title}}</li>\n  {{/posts}}\n</ul>\n",
  };
  for (const std::string& text : templates) {
    kainjow::mustache::mustache reference{text};
    ASSERT_TRUE(reference.is_valid()) << text;
    // kainjow writes ' as &apos;, web as &#39; (older browsers know only the latter).
    reference.set_custom_escape([](const std::string& s) {
      std::string out;
      append_html_escaped(out, s);
      return out;
    });
    const std::string expected = reference.render(to_kainjow(view));
    EXPECT_EQ(without_whitespace(render_one(text, view)), without_whitespace(expected)) << text;
  }
}

}  // namespace
}  // namespace web::detail
