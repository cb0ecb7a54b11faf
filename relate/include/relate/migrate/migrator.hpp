#pragma once
// Schema migrations (Alembic's, for relate): a chain of revisions kept as
// C++ files in the application's tree, a version table in the database
// (relate_version), and upgrade / downgrade / stamp / check.
//
//   relate::migrate::Migrator migrator(db, my_app::revisions());
//   migrator.upgrade();                  // to the newest revision
//
// Each revision runs in one transaction of its own: a failure leaves the
// database at the revision before, and the MigrationError names the step.
// Two processes upgrading at once do not both run a revision (SQLite's write
// lock, a PostgreSQL advisory lock): the second finds it done. Every call
// that says "runs SQL" may also throw what relate/error.hpp lists for a
// connection. A Migrator is not thread-safe; the database it runs on may be
// used by other threads and processes meanwhile.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "relate/migrate/operations.hpp"
#include "relate/migrate/schema.hpp"

namespace relate {
class Database;
}

namespace relate::migrate {

struct Revision {
  std::string id{};      // "0002", unique in the chain
  std::string parent{};  // the revision before; "" for the first
  std::string message{};
  std::function<void(Operations&)> upgrade{};
  // Undoes upgrade; empty when the revision cannot be undone (downgrade
  // across it throws MigrationError saying so).
  std::function<void(Operations&)> downgrade{};
};

class Migrator {
 public:
  // Orders `revisions` by their parents. Throws MigrationError unless they
  // form one chain (ids unique, one first revision, no unknown parent, no
  // two revisions with one parent). No SQL.
  Migrator(const Database& db, std::vector<Revision> revisions);

  // The revisions, first to newest; the newest one's id ("" when none).
  const std::vector<Revision>& history() const noexcept { return chain_; }
  std::string head() const;

  // The revision the database is at: nullopt when it has no version table
  // (new, or made by create_all before migrations), "" at base. Runs SQL.
  std::optional<std::string> current() const;

  // Runs the revisions after the current one up to `target` ("head" or an
  // id), each in its own transaction; returns the ids run. A database
  // without a version table but with tables is recognised when its schema
  // is what a revision builds (made by create_all of those models): it is
  // stamped at that revision, not recreated. Runs SQL.
  std::vector<std::string> upgrade(std::string_view target = "head") const;
  // Undoes revisions down to `target` ("base", an id, or "-1": one step).
  std::vector<std::string> downgrade(std::string_view target) const;
  // Records `target` as the current revision without running anything.
  void stamp(std::string_view target) const;

  // The statements upgrade / downgrade would run from `from` ("base" or an
  // id) to `target`, without a database (--sql). Code data steps are listed
  // as comments.
  std::vector<std::string> upgrade_sql(std::string_view from,
                                       std::string_view target = "head") const;
  std::vector<std::string> downgrade_sql(std::string_view from, std::string_view target) const;
  // upgrade_sql or downgrade_sql, whichever way `target` lies from `from`.
  std::vector<std::string> sql(std::string_view from, std::string_view target) const;

  // The schema the revisions build up to `revision` ("base", "head", an
  // id). No SQL.
  Schema schema_at(std::string_view revision) const;
  // The live database's schema (the version table left out). Runs SQL.
  Schema reflect() const;

  // What disagrees between the models, the revisions and the database: the
  // models against the head revision, the database's version against head,
  // and the database against the schema of its version. Empty: all agree.
  // Runs SQL.
  std::vector<std::string> check(const Schema& models) const;

 private:
  std::size_t position(std::string_view revision) const;  // 0: base; i: after chain_[i-1]
  // position() of the version a database records; a clear error if unknown.
  std::size_t position_of_database(const std::string& version) const;
  // Runs chain_[index] up or down in its own transaction; false when another
  // process had already moved the database past it.
  bool run_revision(std::size_t index, bool up) const;

  const Database* db_;
  std::vector<Revision> chain_;
};

// A new revision that turns the head revision's schema into `models`, as
// the source of a C++ file (Alembic's autogenerate). It never guesses a
// rename: a table or column that disappears while another of its kind
// appears is an error unless `renames` says ("post.title" -> "headline",
// "post" -> "article") or `drop_and_add` is set. Drops are written with
// data_loss_acknowledged and listed in `destructive`.
struct AutogenerateRequest {
  std::string id{};
  std::string message{};
  std::vector<std::pair<std::string, std::string>> renames{};
  bool drop_and_add = false;
  std::string function_name{};  // "revision_0002"
  std::string name_space{};     // the namespace the function is in
};
struct Autogenerated {
  std::string source{};  // empty when the models match head
  std::vector<std::string> steps{};
  std::vector<std::string> destructive{};
};
Autogenerated autogenerate(const Migrator& migrator, const Schema& models,
                           const AutogenerateRequest& request);

}  // namespace relate::migrate
