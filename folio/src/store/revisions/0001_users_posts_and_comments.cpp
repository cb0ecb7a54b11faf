// Revision 0001: users, posts and comments — Folio's schema before session
// generations, as create_all made it (a database from then is stamped here).
// Written by relate's autogenerate.

#include "relate/migrate/migrator.hpp"

namespace folio::revisions {

relate::migrate::Revision revision_0001() {
  using namespace relate::migrate;
  return {
      .id = "0001",
      .parent = "",
      .message = "users, posts and comments",
      .upgrade =
          [](Operations& op) {
            op.create_table(Table{
                .name = "user",
                .columns = {Column{.name = "id", .type = SqlType::integer},
                            Column{.name = "username", .type = SqlType::text, .length = 64},
                            Column{.name = "display_name", .type = SqlType::text, .length = 128},
                            Column{.name = "password_hash", .type = SqlType::text},
                            Column{.name = "is_admin",
                                   .type = SqlType::boolean,
                                   .default_value = relate::Value{false}},
                            Column{.name = "created_at",
                                   .type = SqlType::timestamp,
                                   .default_now = true}},
                .primary_key = {"id"},
                .uniques = {
                    UniqueConstraint{.name = "uq_user_username", .columns = {"username"}}}});
            op.create_table(Table{
                .name = "post",
                .columns =
                    {Column{.name = "id", .type = SqlType::integer},
                     Column{.name = "author_id", .type = SqlType::integer, .nullable = true},
                     Column{.name = "title", .type = SqlType::text, .length = 100},
                     Column{.name = "slug", .type = SqlType::text, .length = 120},
                     Column{.name = "content", .type = SqlType::text},
                     Column{.name = "published",
                            .type = SqlType::boolean,
                            .default_value = relate::Value{true}},
                     Column{.name = "created_at", .type = SqlType::timestamp, .default_now = true},
                     Column{.name = "updated_at", .type = SqlType::timestamp, .default_now = true}},
                .primary_key = {"id"},
                .foreign_keys = {ForeignKey{.name = "fk_post_author_id",
                                            .columns = {"author_id"},
                                            .target_table = "user",
                                            .target_columns = {"id"},
                                            .on_delete = OnDelete::set_null}},
                .indexes = {Index{.name = "ix_post_author_id", .columns = {"author_id"}},
                            Index{.name = "ix_post_slug", .columns = {"slug"}}}});
            op.create_table(Table{
                .name = "comment",
                .columns =
                    {Column{.name = "id", .type = SqlType::integer},
                     Column{.name = "post_id", .type = SqlType::integer},
                     Column{.name = "author", .type = SqlType::text, .length = 128},
                     Column{
                         .name = "website", .type = SqlType::text, .length = 255, .nullable = true},
                     Column{.name = "content", .type = SqlType::text},
                     Column{.name = "created_at", .type = SqlType::timestamp, .default_now = true}},
                .primary_key = {"id"},
                .foreign_keys = {ForeignKey{.name = "fk_comment_post_id",
                                            .columns = {"post_id"},
                                            .target_table = "post",
                                            .target_columns = {"id"},
                                            .on_delete = OnDelete::cascade}},
                .indexes = {Index{.name = "ix_comment_post_id", .columns = {"post_id"}}}});
          },
      .downgrade =
          [](Operations& op) {
            op.drop_table("comment", data_loss_acknowledged);
            op.drop_table("post", data_loss_acknowledged);
            op.drop_table("user", data_loss_acknowledged);
          },
  };
}

}  // namespace folio::revisions
