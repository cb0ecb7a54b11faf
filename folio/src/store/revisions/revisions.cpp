// Folio's schema revisions, one file each beside this one, oldest first.
// `folio db migrate -m "..."` writes the next file from the models and lists
// it below; review it before committing.

#include "relate/migrate/migrator.hpp"
#include "store/migrations.hpp"

namespace folio::revisions {

relate::migrate::Revision revision_0001();
relate::migrate::Revision revision_0002();
relate::migrate::Revision revision_0003();
relate::migrate::Revision revision_0004();
relate::migrate::Revision revision_0005();
relate::migrate::Revision revision_0006();
relate::migrate::Revision revision_0007();
// folio db migrate: declarations above

}  // namespace folio::revisions

namespace folio {

std::vector<relate::migrate::Revision> schema_revisions() {
  using namespace revisions;
  return {
      revision_0001(), revision_0002(), revision_0003(), revision_0004(),
      revision_0005(), revision_0006(), revision_0007(),
      // folio db migrate: revisions above
  };
}

}  // namespace folio
