#include "relate/migrate/migrator.hpp"

#include <algorithm>
#include <map>

#include "../sql/named_params.hpp"
#include "backend.hpp"
#include "data_statements.hpp"
#include "describe.hpp"
#include "relate/error.hpp"
#include "relate/orm/database.hpp"

namespace relate::migrate {

namespace {

constexpr std::string_view kVersionTable = "relate_version";

// Steps run on the revision's connection, in its transaction.
class LiveTarget final : public Operations::Target, public DataStep {
 public:
  LiveTarget(Connection& connection, const sql::Dialect& dialect)
      : Target(dialect), connection_(connection) {}

  void statement(const std::string& sql) override { connection_.execute_script(sql); }
  void data(std::string_view sql, const std::vector<NamedValue>& params) override {
    execute(sql, params);
  }
  void code(std::string_view, const std::function<void(DataStep&)>& step) override { step(*this); }

  std::int64_t update_rows(std::string_view table, const std::vector<Assignment>& set,
                           const std::vector<Equals>& where) override {
    const DataStatement statement = update_rows_statement(ddl, table, set, where);
    return execute(statement.sql, statement.params);
  }
  void read_rows(std::string_view table, const std::vector<std::string>& columns,
                 std::string_view order_by,
                 const std::function<void(const Cursor&)>& row) override {
    for_each_row(read_rows_statement(ddl, table, columns, order_by), {}, row);
  }

  std::int64_t execute(std::string_view sql, const std::vector<NamedValue>& params) override {
    const sql::BoundSql bound = sql::bind_named(sql, params, ddl.dialect());
    return connection_.execute(bound.text, bound.params).run();
  }
  void for_each_row(std::string_view sql, const std::vector<NamedValue>& params,
                    const std::function<void(const Cursor&)>& row) override {
    const sql::BoundSql bound = sql::bind_named(sql, params, ddl.dialect());
    Cursor cursor = connection_.execute(bound.text, bound.params);
    while (cursor.next())
      row(cursor);
  }

 private:
  Connection& connection_;
};

// Steps written down as text (--sql).
class ListingTarget final : public Operations::Target {
 public:
  ListingTarget(std::vector<std::string>& out, const sql::Dialect& dialect)
      : Target(dialect), out_(out) {}

  void statement(const std::string& sql) override { out_.push_back(sql + ";"); }
  void data(std::string_view sql, const std::vector<NamedValue>& params) override {
    const sql::BoundSql bound = sql::bind_named(sql, params, ddl.dialect());
    std::string line = bound.text + ";";
    for (std::size_t i = 0; i < bound.params.size(); ++i)
      line += (i ? ", " : "  -- with ") + relate::describe(bound.params[i]);
    out_.push_back(std::move(line));
  }
  void code(std::string_view description, const std::function<void(DataStep&)>&) override {
    out_.push_back("-- a data step in C++ runs here: " + std::string(description));
  }

 private:
  std::vector<std::string>& out_;
};

std::string version_sql(const Ddl& ddl) {
  return "CREATE TABLE IF NOT EXISTS " + ddl.identifier(kVersionTable) +
         " (version_num VARCHAR(64) NOT NULL, CONSTRAINT relate_version_pkc PRIMARY KEY "
         "(version_num))";
}

// The version recorded in the open transaction ("" at base).
std::string read_version(Connection& c) {
  auto cursor = c.execute("SELECT version_num FROM relate_version");
  return cursor.next() ? std::string(cursor.get_text(0)) : std::string();
}

std::vector<std::string> write_version_sql(const sql::Dialect& dialect, std::string_view id) {
  std::vector<std::string> out{"DELETE FROM relate_version"};
  if (!id.empty()) {
    std::string insert = "INSERT INTO relate_version (version_num) VALUES (";
    dialect.append_literal(insert, Value{std::string(id)});
    out.push_back(insert + ")");
  }
  return out;
}

// One migration transaction on its own connection: the backend's rules
// around it, BEGIN, the lock, the version table.
class MigrationTransaction {
 public:
  explicit MigrationTransaction(const Database& db)
      : connection_(db.engine().connect()),
        dialect_(db.engine().dialect()),
        backend_(migration_backend(dialect_)) {
    backend_.before_transaction(*connection_);
    try {
      connection_->begin_write();
      backend_.lock(*connection_);
      connection_->execute_script(version_sql(Ddl(dialect_)));
    } catch (...) {
      end();
      throw;
    }
  }
  ~MigrationTransaction() { end(); }
  MigrationTransaction(const MigrationTransaction&) = delete;
  MigrationTransaction& operator=(const MigrationTransaction&) = delete;

  Connection& connection() { return *connection_; }
  const sql::Dialect& dialect() const { return dialect_; }
  std::string version() { return read_version(*connection_); }
  void set_version(std::string_view id) {
    for (const std::string& sql : write_version_sql(dialect_, id))
      connection_->execute_script(sql);
  }
  void commit() {
    backend_.before_commit(*connection_);
    connection_->commit();
    end();
  }

 private:
  void end() noexcept {
    if (ended_) return;
    ended_ = true;
    if (connection_->in_transaction()) {
      try {
        connection_->rollback();
      } catch (const Error&) {
      }
    }
    backend_.after_transaction(*connection_);
  }

  PooledConnection connection_;
  const sql::Dialect& dialect_;
  const MigrationBackend& backend_;
  bool ended_ = false;
};

std::string shown(std::string_view id) {
  return id.empty() ? std::string("base") : std::string(id);
}

}  // namespace

Migrator::Migrator(const Database& db, std::vector<Revision> revisions) : db_(&db) {
  std::map<std::string, const Revision*> by_parent;
  std::map<std::string, bool> ids;
  for (const Revision& r : revisions) {
    if (r.id.empty() || r.id == "base" || r.id == "head" || r.id == "-1")
      throw MigrationError("a revision id must not be empty, base, head or -1: '" + r.id + "'");
    if (!ids.emplace(r.id, true).second) throw MigrationError("two revisions are called " + r.id);
    if (!r.upgrade) throw MigrationError("revision " + r.id + " has no upgrade");
    if (!by_parent.emplace(r.parent, &r).second) {
      throw MigrationError("revisions " + by_parent[r.parent]->id + " and " + r.id +
                           " both follow " + shown(r.parent) +
                           ": the chain branches (give one of them the other as parent)");
    }
  }
  for (const Revision& r : revisions) {
    if (!r.parent.empty() && !ids.contains(r.parent))
      throw MigrationError("revision " + r.id + " follows " + r.parent + ", which is not known");
  }
  if (!revisions.empty() && !by_parent.contains(""))
    throw MigrationError("no revision is the first (one must have an empty parent)");
  for (std::string parent; by_parent.contains(parent);) {
    const Revision& next = *by_parent[parent];
    chain_.push_back(next);
    parent = next.id;
  }
  if (chain_.size() != revisions.size())
    throw MigrationError("the revisions do not form one chain: some follow each other in a loop");
}

std::string Migrator::head() const {
  return chain_.empty() ? std::string() : chain_.back().id;
}

std::size_t Migrator::position(std::string_view revision) const {
  if (revision == "base" || revision.empty()) return 0;
  if (revision == "head") return chain_.size();
  for (std::size_t i = 0; i < chain_.size(); ++i) {
    if (chain_[i].id == revision) return i + 1;
  }
  throw MigrationError(
      "there is no revision " + std::string(revision) + " (this program knows base, " +
      (chain_.empty() ? std::string("and no revision") : chain_.front().id + " to " + head()) +
      ")");
}

std::size_t Migrator::position_of_database(const std::string& version) const {
  for (std::size_t i = 0; i < chain_.size(); ++i) {
    if (chain_[i].id == version) return i + 1;
  }
  if (version.empty()) return 0;
  throw MigrationError("the database is at revision " + version +
                       ", which this program does not know (was it upgraded by newer code?)");
}

Schema Migrator::schema_at(std::string_view revision) const {
  Schema schema;
  Operations op(schema, nullptr);
  const std::size_t end = position(revision);
  for (std::size_t i = 0; i < end; ++i) {
    try {
      chain_[i].upgrade(op);
    } catch (const MigrationError& e) {
      throw MigrationError("revision " + chain_[i].id + ": " + e.what());
    }
  }
  return schema;
}

Schema Migrator::reflect() const {
  PooledConnection c = db_->engine().connect();
  return migration_backend(db_->engine().dialect()).reflect(*c);
}

std::optional<std::string> Migrator::current() const {
  PooledConnection c = db_->engine().connect();
  if (!migration_backend(db_->engine().dialect()).has_table(*c, kVersionTable)) return std::nullopt;
  return read_version(*c);
}

bool Migrator::run_revision(std::size_t index, bool up) const {
  const Revision& r = chain_[index];
  if (!up && !r.downgrade) {
    throw MigrationError("revision " + r.id + " (" + r.message +
                         ") cannot be undone: it has no downgrade");
  }
  MigrationTransaction t(*db_);
  const std::string before = up ? r.parent : r.id;
  const std::string version = t.version();
  if (version != before) {
    // Another process moved the database meanwhile: done there, or not ours.
    const std::size_t now = position(version);
    if (up ? now > index : now <= index) return false;
    throw MigrationError("the database is at " + shown(version) + ", not " + shown(before) +
                         " as revision " + r.id + " needs");
  }
  Schema schema = schema_at(before);
  LiveTarget target(t.connection(), t.dialect());
  Operations op(schema, &target);
  try {
    (up ? r.upgrade : r.downgrade)(op);
    t.set_version(up ? r.id : r.parent);
    t.commit();
    return true;
  } catch (const std::exception& e) {
    throw MigrationError("revision " + r.id + (up ? " (upgrade)" : " (downgrade)") + ", step " +
                         (op.current_step().empty() ? std::string("?") : op.current_step()) + ": " +
                         e.what() + "; the database stays at " + shown(before) +
                         (t.dialect().transactional_ddl()
                              ? std::string{}
                              : " (but this database commits each schema change as it runs: "
                                "the steps before this one were kept, see docs/migrations.md)"));
  }
}

std::vector<std::string> Migrator::upgrade(std::string_view target) const {
  const std::size_t end = position(target);
  std::size_t start = 0;
  if (const std::optional<std::string> version = current()) {
    start = position_of_database(*version);
  } else if (const Schema live = reflect(); !live.tables.empty()) {
    // Made by create_all before migrations: find the revision it matches.
    std::size_t match = 0;
    for (std::size_t i = 1; i <= chain_.size() && match == 0; ++i) {
      if (differences(schema_at(chain_[i - 1].id), live).empty()) match = i;
    }
    if (match == 0) {
      const std::vector<std::string> diff =
          differences(chain_.empty() ? Schema{} : schema_at(chain_.front().id), live);
      throw MigrationError(
          "the database has tables but no version table, and its schema is not what any "
          "revision builds (against the first: " +
          joined(diff, "; ") + "). If you know its revision, stamp it");
    }
    stamp(chain_[match - 1].id);
    start = match;
  }
  std::vector<std::string> ran;
  for (std::size_t i = start; i < end; ++i) {
    if (run_revision(i, true)) ran.push_back(chain_[i].id);
  }
  return ran;
}

std::vector<std::string> Migrator::downgrade(std::string_view target) const {
  const std::optional<std::string> version = current();
  const std::size_t start = version ? position_of_database(*version) : 0;
  const std::size_t end = target == "-1" ? (start == 0 ? 0 : start - 1) : position(target);
  if (end > start) {
    throw MigrationError("the database is at " + shown(version.value_or("")) + ", below " +
                         std::string(target) + ": that is an upgrade");
  }
  std::vector<std::string> ran;
  for (std::size_t i = start; i > end; --i) {
    if (run_revision(i - 1, false)) ran.push_back(chain_[i - 1].id);
  }
  return ran;
}

void Migrator::stamp(std::string_view target) const {
  const std::size_t at = position(target);
  MigrationTransaction t(*db_);
  t.set_version(at == 0 ? std::string() : chain_[at - 1].id);
  t.commit();
}

std::vector<std::string> Migrator::upgrade_sql(std::string_view from,
                                               std::string_view target) const {
  const sql::Dialect& dialect = db_->engine().dialect();
  std::vector<std::string> out{version_sql(Ddl(dialect)) + ";"};
  ListingTarget listing(out, dialect);
  const std::size_t start = position(from);
  const std::size_t end = position(target);
  for (std::size_t i = start; i < end; ++i) {
    Schema schema = schema_at(chain_[i].parent);
    Operations op(schema, &listing);
    out.push_back("-- " + chain_[i].id + ": " + chain_[i].message);
    chain_[i].upgrade(op);
    for (const std::string& sql : write_version_sql(dialect, chain_[i].id))
      out.push_back(sql + ";");
  }
  return out;
}

std::vector<std::string> Migrator::downgrade_sql(std::string_view from,
                                                 std::string_view target) const {
  const sql::Dialect& dialect = db_->engine().dialect();
  std::vector<std::string> out;
  ListingTarget listing(out, dialect);
  const std::size_t start = position(from);
  const std::size_t end = position(target);
  for (std::size_t i = start; i > end; --i) {
    const Revision& r = chain_[i - 1];
    if (!r.downgrade) throw MigrationError("revision " + r.id + " cannot be undone");
    Schema schema = schema_at(r.id);
    Operations op(schema, &listing);
    out.push_back("-- undo " + r.id + ": " + r.message);
    r.downgrade(op);
    for (const std::string& sql : write_version_sql(dialect, r.parent))
      out.push_back(sql + ";");
  }
  return out;
}

std::vector<std::string> Migrator::sql(std::string_view from, std::string_view target) const {
  return position(target) >= position(from) ? upgrade_sql(from, target)
                                            : downgrade_sql(from, target);
}

std::vector<std::string> Migrator::check(const Schema& models) const {
  std::vector<std::string> problems;
  for (const std::string& d : differences(schema_at("head"), models))
    problems.push_back("the models differ from revision " + shown(head()) + ": " + d +
                       " (write a revision: autogenerate)");
  const std::optional<std::string> version = current();
  if (!version) {
    problems.push_back("the database has no version table (run upgrade)");
    return problems;
  }
  if (*version != head())
    problems.push_back("the database is at " + shown(*version) + ", the newest revision is " +
                       shown(head()) + " (run upgrade)");
  for (const std::string& d : differences(schema_at(*version), reflect()))
    problems.push_back("the database differs from revision " + shown(*version) + ": " + d);
  return problems;
}

}  // namespace relate::migrate
