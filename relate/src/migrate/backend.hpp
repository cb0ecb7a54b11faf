#pragma once
// What migrations need of each backend: DDL for the changes its ALTER TABLE
// can make (SQLite rebuilds the table for the others), reflection of a live
// schema, and the transaction rules of a migration (locks, pragmas, checks).

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "relate/connection/connection.hpp"
#include "relate/error.hpp"
#include "relate/migrate/operations.hpp"
#include "relate/migrate/schema.hpp"
#include "relate/sql/dialect.hpp"

namespace relate::migrate {

struct TableChange {
  enum class Kind {
    add_column,
    drop_column,
    alter_column,
    add_unique,
    drop_unique,
    add_foreign_key,
    drop_foreign_key,
  };
  Kind kind;
  std::string name;  // the column or constraint
};

// DDL text every backend shares (quoting and types from the dialect).
class Ddl {
 public:
  explicit Ddl(const sql::Dialect& dialect) : dialect_(dialect) {}
  const sql::Dialect& dialect() const noexcept { return dialect_; }

  std::string identifier(std::string_view name) const;
  // "title VARCHAR(100) NOT NULL DEFAULT 'x'" (the key clause for a table's
  // single primary key column).
  std::string column_definition(const Table& table, const Column& column) const;
  // CREATE TABLE <name or table.name> (...) with its keys and constraints.
  std::string create_table(const Table& table, std::string_view name = {}) const;
  std::string create_index(const Table& table, const Index& index) const;
  // The statements of a full-text index (sql::create_fulltext_sql), and of its end.
  std::vector<std::string> create_fulltext_index(const Table& table, const Index& index) const;
  std::vector<std::string> drop_fulltext_index(const Table& table, const Index& index) const;
  std::string drop_index(std::string_view name) const;
  std::string drop_table(std::string_view name) const;
  std::string rename_table(std::string_view from, std::string_view to) const;
  std::string rename_column(std::string_view table, std::string_view from,
                            std::string_view to) const;
  // "CONSTRAINT n UNIQUE (a)", "CONSTRAINT n FOREIGN KEY (a) REFERENCES t (id) ON DELETE ...".
  std::string constraint(const UniqueConstraint& unique) const;
  std::string constraint(const ForeignKey& foreign_key) const;

 private:
  const sql::Dialect& dialect_;
};

class MigrationBackend {
 public:
  virtual ~MigrationBackend() = default;

  // The statements for `change`, which turned `before` into `after`.
  virtual std::vector<std::string> change_table(const Ddl& ddl, const Table& before,
                                                const Table& after,
                                                const TableChange& change) const = 0;
  // The live schema: every table but the version table.
  Schema reflect(Connection& connection) const;
  virtual bool has_table(Connection& connection, std::string_view name) const = 0;

  // The tables but relate_version, in the order reflect() lists them.
  virtual std::vector<std::string> table_names(Connection& connection) const = 0;
  virtual Table reflect_table(Connection& connection, std::string name) const = 0;

  // DROP INDEX of `name` on `table` (MySQL wants the table named).
  virtual std::string drop_index(const Ddl& ddl, std::string_view table,
                                 std::string_view name) const {
    (void)table;
    return ddl.drop_index(name);
  }

  // Around a revision's transaction: before BEGIN and after its end.
  virtual void before_transaction(Connection&) const {}
  virtual void after_transaction(Connection&) const noexcept {}
  // After BEGIN: keeps other migrators out until the transaction ends.
  virtual void lock(Connection&) const {}
  // Before COMMIT: throws MigrationError if the revision broke a rule the
  // database did not check as it ran (SQLite's deferred foreign keys).
  virtual void before_commit(Connection&) const {}
};

// Helpers the backends' reflection shares.
// "a,b" -> {"a", "b"} (a list the catalog aggregated).
std::vector<std::string> split_list(std::string_view list);
// One reflected constraint of `table`: `kind` 'p' (primary key), 'u'
// (unique) or 'f' (foreign key, with its target and ON DELETE).
struct ReflectedConstraint {
  char kind = 'u';
  std::string name{};
  std::vector<std::string> columns{};
  std::string target_table{};
  std::vector<std::string> target_columns{};
  OnDelete on_delete = OnDelete::no_action;
};
void add_constraint(Table& table, ReflectedConstraint constraint);
// The unique or foreign key of `items` named `name`; MigrationError if none.
template <class Items>
const auto& named(const Items& items, std::string_view name) {
  for (const auto& item : items) {
    if (item.name == name) return item;
  }
  throw MigrationError("no constraint named " + std::string(name));
}

// Throws MigrationError for a backend without migrations.
const MigrationBackend& migration_backend(const sql::Dialect& dialect);

const MigrationBackend& sqlite_migrations();
const MigrationBackend& postgres_migrations();
const MigrationBackend& mysql_migrations();

// How each backend's migration steps reach the database.
class Operations::Target {
 public:
  Target(const sql::Dialect& dialect) : ddl(dialect), backend(migration_backend(dialect)) {}
  virtual ~Target() = default;
  virtual void statement(const std::string& sql) = 0;
  virtual void data(std::string_view sql, const std::vector<NamedValue>& params) = 0;
  virtual void code(std::string_view description, const std::function<void(DataStep&)>& step) = 0;

  const Ddl ddl;
  const MigrationBackend& backend;
};

}  // namespace relate::migrate
