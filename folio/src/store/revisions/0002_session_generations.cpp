// Revision 0002: session generations (logging a user out everywhere).
// Written by relate's autogenerate.

#include "relate/migrate/migrator.hpp"

namespace folio::revisions {

relate::migrate::Revision revision_0002() {
  using namespace relate::migrate;
  return {
      .id = "0002",
      .parent = "0001",
      .message = "session generations",
      .upgrade =
          [](Operations& op) {
            op.create_table(
                Table{.name = "session_generation",
                      .columns = {Column{.name = "id", .type = SqlType::integer},
                                  Column{.name = "user_id", .type = SqlType::integer},
                                  Column{.name = "generation",
                                         .type = SqlType::integer,
                                         .default_value = relate::Value{std::int64_t{0}}}},
                      .primary_key = {"id"},
                      .uniques = {UniqueConstraint{.name = "uq_session_generation_user_id",
                                                   .columns = {"user_id"}}},
                      .foreign_keys = {ForeignKey{.name = "fk_session_generation_user_id",
                                                  .columns = {"user_id"},
                                                  .target_table = "user",
                                                  .target_columns = {"id"},
                                                  .on_delete = OnDelete::cascade}}});
          },
      .downgrade =
          [](Operations& op) { op.drop_table("session_generation", data_loss_acknowledged); },
  };
}

}  // namespace folio::revisions
