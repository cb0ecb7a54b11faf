// Revision 0005: API tokens, the JSON API's bearer tokens (only their
// hashes), deleted with their user. Written by relate's autogenerate.

#include "relate/migrate/migrator.hpp"

namespace folio::revisions {

relate::migrate::Revision revision_0005() {
  using namespace relate::migrate;
  return {
      .id = "0005",
      .parent = "0004",
      .message = "API tokens",
      .upgrade =
          [](Operations& op) {
            op.create_table(Table{
                .name = "api_token",
                .columns =
                    {Column{.name = "id", .type = SqlType::integer},
                     Column{.name = "user_id", .type = SqlType::integer},
                     Column{.name = "name", .type = SqlType::text, .length = 100},
                     Column{.name = "token_hash", .type = SqlType::text, .length = 64},
                     Column{.name = "created_at", .type = SqlType::timestamp, .default_now = true},
                     Column{.name = "last_used_at", .type = SqlType::timestamp, .nullable = true}},
                .primary_key = {"id"},
                .uniques = {UniqueConstraint{.name = "uq_api_token_token_hash",
                                             .columns = {"token_hash"}}},
                .foreign_keys = {ForeignKey{.name = "fk_api_token_user_id",
                                            .columns = {"user_id"},
                                            .target_table = "user",
                                            .target_columns = {"id"},
                                            .on_delete = OnDelete::cascade}},
                .indexes = {Index{.name = "ix_api_token_user_id", .columns = {"user_id"}}}});
          },
      .downgrade = [](Operations& op) { op.drop_table("api_token", data_loss_acknowledged); },
  };
}

}  // namespace folio::revisions
