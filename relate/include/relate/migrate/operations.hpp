#pragma once
// The steps a revision is made of (Alembic's op.*), the same for every
// backend. Each step checks itself against the schema the earlier steps
// built, and throws MigrationError naming the step when it cannot apply.
// Where SQLite's ALTER TABLE cannot make a change, the table is rebuilt
// (new table, copy every row, drop, rename, indexes again), as SQLite's
// documentation prescribes. Not thread-safe: one migration runs at a time.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "relate/migrate/schema.hpp"
#include "relate/value.hpp"

namespace relate {
class Cursor;
}

namespace relate::migrate {

// The argument that drop_table and drop_column require: the revision says,
// where the compiler can see it, that it destroys data.
struct DataLossAcknowledged {
  explicit constexpr DataLossAcknowledged() = default;
};
inline constexpr DataLossAcknowledged data_loss_acknowledged{};

struct TableChange;  // one change ALTER TABLE may make (private)

// The pieces of the typed data steps (update_rows, read_rows): statements
// relate writes for each dialect, with every value bound, so a revision
// needs no SQL text.
// `column` is set to `value`, or, when `from_column` is named, to that
// column's value in the same row.
struct Assignment {
  std::string column;
  Value value{};
  std::string from_column{};
};
inline Assignment assign(std::string column, Value value) {
  return {.column = std::move(column), .value = std::move(value)};
}
inline Assignment assign_from(std::string column, std::string from_column) {
  return {.column = std::move(column), .from_column = std::move(from_column)};
}
// A row matches when `column` equals `value` (IS NULL for a null Value).
// A list of them: every one must hold; an empty list matches every row.
struct Equals {
  std::string column;
  Value value{};
};

// What a data step runs through: the revision's own transaction. Throws
// what the statement throws (relate::Error and its kinds).
class DataStep {
 public:
  virtual ~DataStep() = default;
  // UPDATE of the rows of `table` matching `where`; returns how many changed.
  virtual std::int64_t update_rows(std::string_view table, const std::vector<Assignment>& set,
                                   const std::vector<Equals>& where = {}) = 0;
  // Calls row(cursor) for each row of `table`, with `columns` in that order,
  // sorted by the column `order_by` (unsorted when empty).
  virtual void read_rows(std::string_view table, const std::vector<std::string>& columns,
                         std::string_view order_by,
                         const std::function<void(const Cursor&)>& row) = 0;

  // The escape hatch: SQL text with :name placeholders (see Session::execute).
  // Runs one statement; returns the rows it changed.
  virtual std::int64_t execute(std::string_view sql,
                               const std::vector<NamedValue>& params = {}) = 0;
  // Runs one statement and calls row(cursor) for each row.
  virtual void for_each_row(std::string_view sql, const std::vector<NamedValue>& params,
                            const std::function<void(const Cursor&)>& row) = 0;
};

class Operations {
 public:
  // Where a step's statements go: a database (in the revision's
  // transaction), a listing (--sql), or nowhere (replaying revisions to know
  // the schema they build).
  class Target;
  Operations(Schema& schema, Target* target);
  Operations(const Operations&) = delete;
  Operations& operator=(const Operations&) = delete;

  void create_table(Table table);
  void drop_table(std::string_view table, DataLossAcknowledged);
  void rename_table(std::string_view from, std::string_view to);

  // A NOT NULL column needs a default when the table may have rows (or add
  // it nullable, fill it in a data step, then alter_column it NOT NULL).
  void add_column(std::string_view table, Column column);
  void drop_column(std::string_view table, std::string_view column, DataLossAcknowledged);
  void rename_column(std::string_view table, std::string_view from, std::string_view to);
  // Gives the column named column.name this definition (type, NULL,
  // default). Values are converted by the database; NOT NULL over a NULL
  // fails the revision.
  void alter_column(std::string_view table, Column column);

  void create_index(std::string_view table, Index index);
  void drop_index(std::string_view table, std::string_view name);
  void create_unique(std::string_view table, UniqueConstraint unique);
  void drop_unique(std::string_view table, std::string_view name);
  void create_foreign_key(std::string_view table, ForeignKey foreign_key);
  void drop_foreign_key(std::string_view table, std::string_view name);

  // A full-text index of text `columns` (docs/relate.md "Full-text search"),
  // filled from the rows the table has: on SQLite an FTS5 table named `name`
  // with the triggers that keep it in step; on PostgreSQL a GIN index on the
  // columns' to_tsvector('simple', ...); on MySQL a FULLTEXT index. The
  // table's primary key must be one integer column. Also create_index of an
  // Index with .fulltext = true.
  void create_fulltext_index(std::string_view table, std::string_view name,
                             std::vector<std::string> columns);
  void drop_fulltext_index(std::string_view table, std::string_view name);

  // Data steps, in the revision's transaction (listed by --sql).
  // update_rows checks its table and columns against the schema so far.
  void update_rows(std::string_view table, const std::vector<Assignment>& set,
                   const std::vector<Equals>& where = {});
  // Code (described by --sql; it does not run there), or, where the typed
  // steps cannot say it, SQL with :name placeholders.
  void execute(std::string_view sql, const std::vector<NamedValue>& params = {});
  void run(std::string_view description, const std::function<void(DataStep&)>& step);

  const Schema& schema() const noexcept { return schema_; }
  // The step running now, for messages: "add_column post.views".
  const std::string& current_step() const noexcept { return step_; }

 private:
  // Starts a step: names it for messages, finds its table (MigrationError
  // if it is not in the schema).
  Table& begin(std::string step, std::string_view table);
  // Hands the target the change that turned `before` into `table`.
  void changed(const Table& before, const Table& table, const TableChange& change);

  Schema& schema_;
  Target* target_;
  std::string step_;
};

}  // namespace relate::migrate
