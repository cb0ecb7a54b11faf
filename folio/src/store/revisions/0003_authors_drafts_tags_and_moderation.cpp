// Revision 0003: authors and profiles, drafts, tags, comment moderation.
// Written by relate's autogenerate (--drop-and-add), then given the data
// steps that keep every row's meaning: admins stay admins (is_admin ->
// role), unpublished posts become drafts (published -> status), published
// posts get published_at, slugs become unique.

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "relate/connection/connection.hpp"
#include "relate/migrate/migrator.hpp"

namespace folio::revisions {

namespace {

using namespace relate::migrate;

relate::Value text(const char* s) {
  return relate::Value{std::string(s)};
}

// Posts sharing a slug (or with none) get "<slug>-<id>" ("post-<id>"): the
// lowest id keeps the slug.
void make_slugs_unique(DataStep& data) {
  std::vector<std::pair<std::int64_t, std::string>> posts;
  data.read_rows("post", {"id", "slug"}, "id", [&](const relate::Cursor& row) {
    posts.emplace_back(row.get_int64(0), std::string(row.get_text(1)));
  });
  std::set<std::string> taken;
  for (const auto& [id, slug] : posts)
    taken.insert(slug);
  std::set<std::string> kept;
  for (const auto& [id, slug] : posts) {
    if (!slug.empty() && kept.insert(slug).second) continue;
    std::string fresh = (slug.empty() ? std::string("post") : slug) + "-" + std::to_string(id);
    while (taken.count(fresh) != 0)
      fresh += "-" + std::to_string(id);
    taken.insert(fresh);
    kept.insert(fresh);
    data.update_rows("post", {assign("slug", fresh)}, {{"id", id}});
  }
}

}  // namespace

relate::migrate::Revision revision_0003() {
  return {
      .id = "0003",
      .parent = "0002",
      .message = "authors, drafts, tags and moderation",
      .upgrade =
          [](Operations& op) {
            // user.is_admin -> user.role
            op.add_column("user", Column{.name = "role",
                                         .type = SqlType::text,
                                         .length = 16,
                                         .default_value = text("author")});
            op.update_rows("user", {assign("role", text("admin"))}, {{"is_admin", true}});
            op.drop_column("user", "is_admin", data_loss_acknowledged);
            op.create_table(Table{
                .name = "profile",
                .columns = {Column{.name = "id", .type = SqlType::integer},
                            Column{.name = "user_id", .type = SqlType::integer},
                            Column{.name = "bio", .type = SqlType::text},
                            Column{.name = "website",
                                   .type = SqlType::text,
                                   .length = 255,
                                   .nullable = true}},
                .primary_key = {"id"},
                .uniques = {UniqueConstraint{.name = "uq_profile_user_id", .columns = {"user_id"}}},
                .foreign_keys = {ForeignKey{.name = "fk_profile_user_id",
                                            .columns = {"user_id"},
                                            .target_table = "user",
                                            .target_columns = {"id"},
                                            .on_delete = OnDelete::cascade}}});
            // post.published -> post.status (+ published_at); unique slugs
            op.add_column("post", Column{.name = "status",
                                         .type = SqlType::text,
                                         .length = 16,
                                         .default_value = text("published")});
            op.add_column(
                "post",
                Column{.name = "published_at", .type = SqlType::timestamp, .nullable = true});
            op.update_rows("post", {assign("status", text("draft"))}, {{"published", false}});
            op.update_rows("post", {assign_from("published_at", "created_at")},
                           {{"status", text("published")}});
            op.drop_column("post", "published", data_loss_acknowledged);
            op.run("posts sharing a slug get unique ones", make_slugs_unique);
            op.drop_index("post", "ix_post_slug");
            op.create_unique("post", UniqueConstraint{.name = "uq_post_slug", .columns = {"slug"}});
            op.create_table(
                Table{.name = "tag",
                      .columns = {Column{.name = "id", .type = SqlType::integer},
                                  Column{.name = "name", .type = SqlType::text, .length = 64},
                                  Column{.name = "slug", .type = SqlType::text, .length = 64}},
                      .primary_key = {"id"},
                      .uniques = {UniqueConstraint{.name = "uq_tag_name", .columns = {"name"}},
                                  UniqueConstraint{.name = "uq_tag_slug", .columns = {"slug"}}}});
            op.create_table(
                Table{.name = "post_tag",
                      .columns = {Column{.name = "post_id", .type = SqlType::integer},
                                  Column{.name = "tag_id", .type = SqlType::integer}},
                      .primary_key = {"post_id", "tag_id"},
                      .foreign_keys = {ForeignKey{.name = "fk_post_tag_post_id",
                                                  .columns = {"post_id"},
                                                  .target_table = "post",
                                                  .target_columns = {"id"},
                                                  .on_delete = OnDelete::cascade},
                                       ForeignKey{.name = "fk_post_tag_tag_id",
                                                  .columns = {"tag_id"},
                                                  .target_table = "tag",
                                                  .target_columns = {"id"},
                                                  .on_delete = OnDelete::cascade}},
                      .indexes = {Index{.name = "ix_post_tag_tag_id", .columns = {"tag_id"}}}});
            // comment moderation
            op.add_column("comment", Column{.name = "status",
                                            .type = SqlType::text,
                                            .length = 16,
                                            .default_value = text("visible")});
            op.add_column("comment", Column{.name = "commenter_key",
                                            .type = SqlType::text,
                                            .length = 64,
                                            .nullable = true});
            op.create_index(
                "comment", Index{.name = "ix_comment_commenter_key", .columns = {"commenter_key"}});
          },
      .downgrade =
          [](Operations& op) {
            op.drop_index("comment", "ix_comment_commenter_key");
            op.drop_column("comment", "commenter_key", data_loss_acknowledged);
            op.drop_column("comment", "status", data_loss_acknowledged);
            op.drop_table("post_tag", data_loss_acknowledged);
            op.drop_table("tag", data_loss_acknowledged);
            op.drop_unique("post", "uq_post_slug");
            op.create_index("post", Index{.name = "ix_post_slug", .columns = {"slug"}});
            op.add_column("post", Column{.name = "published",
                                         .type = SqlType::boolean,
                                         .default_value = relate::Value{true}});
            op.update_rows("post", {assign("published", false)}, {{"status", text("draft")}});
            op.drop_column("post", "published_at", data_loss_acknowledged);
            op.drop_column("post", "status", data_loss_acknowledged);
            op.drop_table("profile", data_loss_acknowledged);
            op.add_column("user", Column{.name = "is_admin",
                                         .type = SqlType::boolean,
                                         .default_value = relate::Value{false}});
            op.update_rows("user", {assign("is_admin", true)}, {{"role", text("admin")}});
            op.drop_column("user", "role", data_loss_acknowledged);
          },
  };
}

}  // namespace folio::revisions
