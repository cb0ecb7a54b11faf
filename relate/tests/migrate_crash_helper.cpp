// The program migrate_crash_test.sh kills: on a SQLite file,
//   seed URL     revision 1 (a table with an index) and 20,000 rows;
//   upgrade URL  revision 2, six steps (a rebuild among them), printing
//                "step N" as each begins so that the test can kill it there;
//   verify URL   exits 0 when the database is at revision 1 or 2 with
//                exactly that revision's schema, every row, and an intact file.

#include <cstdio>
#include <string>
#include <string_view>

#include "relate/migrate/migrator.hpp"
#include "relate/orm/database.hpp"
#include "relate/sqlite/backup.hpp"

using namespace relate::migrate;

namespace {

constexpr std::int64_t kRows = 20000;

void mark(Operations& op, int step) {
  op.run("mark", [step](DataStep&) {
    std::printf("step %d\n", step);
    std::fflush(stdout);
  });
}

std::vector<Revision> revisions() {
  Revision first{.id = "1", .parent = "", .message = "items", .upgrade = [](Operations& op) {
                   op.create_table({.name = "item",
                                    .columns = {{.name = "id", .type = SqlType::integer},
                                                {.name = "name", .type = SqlType::text}},
                                    .primary_key = {"id"},
                                    .indexes = {{.name = "ix_item_name", .columns = {"name"}}}});
                 }};
  Revision second{.id = "2", .parent = "1", .message = "six steps", .upgrade = [](Operations& op) {
                    mark(op, 1);
                    op.add_column("item", {.name = "rank",
                                           .type = SqlType::integer,
                                           .default_value = relate::Value{std::int64_t{0}}});
                    mark(op, 2);
                    op.execute("UPDATE item SET rank = id % 97");
                    mark(op, 3);
                    op.alter_column("item", {.name = "name", .type = SqlType::text, .length = 200});
                    mark(op, 4);
                    op.rename_column("item", "rank", "position");
                    mark(op, 5);
                    op.create_index("item", {.name = "ix_item_position", .columns = {"position"}});
                    mark(op, 6);
                    op.execute("UPDATE item SET name = name || '!'");
                  }};
  return {first, second};
}

int verify(relate::Database& db, std::string_view url) {
  const Migrator m(db, revisions());
  const std::optional<std::string> at = m.current();
  if (at != "1" && at != "2") {
    std::printf("at %s, not 1 or 2\n", at ? at->c_str() : "no version");
    return 1;
  }
  const std::vector<std::string> diff = differences(m.schema_at(*at), m.reflect());
  for (const std::string& d : diff)
    std::printf("schema differs from revision %s: %s\n", at->c_str(), d.c_str());
  auto s = db.session();
  const auto count = std::get<0>(s.fetch<std::int64_t>("SELECT count(*) FROM item").at(0));
  const std::string integrity = relate::sqlite::integrity_check(url);
  std::printf("at %s, %lld rows, integrity %s\n", at->c_str(), static_cast<long long>(count),
              integrity.c_str());
  return diff.empty() && count == kRows && integrity == "ok" ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s seed|upgrade|verify URL\n", argv[0]);
    return 2;
  }
  const std::string_view mode = argv[1];
  const std::string url = argv[2];
  try {
    relate::Database db(url);
    if (mode == "seed") {
      Migrator(db, revisions()).upgrade("1");
      auto s = db.session();
      s.execute(
          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :rows) "
          "INSERT INTO item (name) SELECT 'item ' || i FROM n",
          {{"rows", kRows}});
      s.commit();
      return 0;
    }
    if (mode == "upgrade") {
      Migrator(db, revisions()).upgrade();
      std::printf("done\n");
      return 0;
    }
    if (mode == "verify") return verify(db, url);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  std::fprintf(stderr, "unknown mode %s\n", argv[1]);
  return 2;
}
