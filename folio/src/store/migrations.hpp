#pragma once
// Folio's schema revisions (store/revisions/, oldest first) and the
// `folio db` commands over them: relate::migrate, as `flask db` is over
// Alembic. Every call runs SQL except head(), sql() and autogenerate();
// errors are relate::MigrationError (or what relate/error.hpp lists for a
// connection).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "relate/migrate/migrator.hpp"

namespace relate {
class Database;
}

namespace folio {

// Every revision, in any order (relate orders them by parent).
std::vector<relate::migrate::Revision> schema_revisions();

// The schema Folio's models declare.
relate::migrate::Schema model_schema();

class SchemaMigrations {
 public:
  explicit SchemaMigrations(relate::Database& db);

  std::vector<std::string> upgrade(std::string_view target = "head");
  std::vector<std::string> downgrade(std::string_view target);
  void stamp(std::string_view target);
  // nullopt: no version table (a new database, or one from before migrations).
  std::optional<std::string> current();
  std::string head() const;
  // Whether the database is at the newest revision.
  bool up_to_date();
  // "0001 (base) -> 0002  session generations  <- current", oldest first.
  std::vector<std::string> history();
  // What disagrees between the models, the revisions and the database.
  std::vector<std::string> check();
  // The statements that upgrade (or, when `to` is below `from`, downgrade).
  std::vector<std::string> sql(std::string_view from, std::string_view to);

  // A new revision from the models' difference with head, written to
  // `directory` as <id>_<slug>.cpp and listed in its revisions.cpp. nullopt
  // when the models match head. A revision that drops data is written only
  // with `allow_data_loss` (else MigrationError listing the drops).
  struct Written {
    std::filesystem::path file;
    std::vector<std::string> steps;
    std::vector<std::string> destructive;
  };
  std::optional<Written> autogenerate(std::string_view message,
                                      std::vector<std::pair<std::string, std::string>> renames,
                                      bool drop_and_add, bool allow_data_loss,
                                      const std::filesystem::path& directory);

 private:
  relate::migrate::Migrator migrator_;
};

}  // namespace folio
