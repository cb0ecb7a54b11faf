// Revision 0006: a full-text index of the posts' titles and contents, for
// the search page (folio/src/site/search.cpp), filled from the posts there
// are and kept in step with every write (relate's create_fulltext_index:
// an FTS5 table and its triggers on SQLite, a GIN index on PostgreSQL, a
// FULLTEXT index on MySQL / MariaDB).

#include "relate/migrate/migrator.hpp"

namespace folio::revisions {

relate::migrate::Revision revision_0006() {
  using namespace relate::migrate;
  return {
      .id = "0006",
      .parent = "0005",
      .message = "full-text search of posts",
      .upgrade =
          [](Operations& op) {
            op.create_fulltext_index("post", "ix_post_search", {"title", "content"});
          },
      .downgrade = [](Operations& op) { op.drop_fulltext_index("post", "ix_post_search"); },
  };
}

}  // namespace folio::revisions
