// Revision 0004: an index on post.published_at, so that the index, tag and
// author pages (published posts, newest first, a page at a time) read the
// newest posts through it instead of sorting every post. Found by relate's
// index check in folio/tests/index_use_test.cpp.

#include "relate/migrate/migrator.hpp"

namespace folio::revisions {

relate::migrate::Revision revision_0004() {
  using namespace relate::migrate;
  return {
      .id = "0004",
      .parent = "0003",
      .message = "index posts by publication",
      .upgrade =
          [](Operations& op) {
            op.create_index("post",
                            Index{.name = "ix_post_published_at", .columns = {"published_at"}});
          },
      .downgrade = [](Operations& op) { op.drop_index("post", "ix_post_published_at"); },
  };
}

}  // namespace folio::revisions
