// Revision 0007: each post keeps its Markdown rendered as HTML
// (post.content_html), written with the content, so that reading a post
// does not render it again. Filled here for the posts there are.

#include <string>
#include <utility>
#include <vector>

#include "relate/connection/connection.hpp"
#include "relate/migrate/migrator.hpp"
#include "util/markdown.hpp"

namespace folio::revisions {

namespace {

using namespace relate::migrate;

void render_every_post(DataStep& data) {
  std::vector<std::pair<std::int64_t, std::string>> posts;
  data.read_rows("post", {"id", "content"}, "id", [&](const relate::Cursor& row) {
    posts.emplace_back(row.get_int64(0), std::string(row.get_text(1)));
  });
  for (const auto& [id, content] : posts)
    data.update_rows("post", {assign("content_html", markdown_to_html(content))}, {{"id", id}});
}

}  // namespace

relate::migrate::Revision revision_0007() {
  return {
      .id = "0007",
      .parent = "0006",
      .message = "rendered post content",
      .upgrade =
          [](Operations& op) {
            op.add_column("post",
                          Column{.name = "content_html", .type = SqlType::text, .nullable = true});
            op.run("render each post's Markdown", render_every_post);
          },
      // Made from the content: rendered again by the upgrade.
      .downgrade =
          [](Operations& op) { op.drop_column("post", "content_html", data_loss_acknowledged); },
  };
}

}  // namespace folio::revisions
