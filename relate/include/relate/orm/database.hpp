#pragma once
// Database: the entry point (Flask-SQLAlchemy's `db`). Opens an engine from a
// URL, creates and drops tables, and hands out sessions. Thread-safe; share
// one Database and give each thread its own Session.
//
//   relate::Database db{"sqlite:///blog.db"};
//   db.create_all<Post, Comment>();
//   auto s = db.session();

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "relate/connection/engine.hpp"
#include "relate/orm/model_builder.hpp"
#include "relate/orm/session.hpp"

namespace relate {

using DatabaseOptions = EngineOptions;

class Database {
 public:
  // Opens `url` (sqlite:///relative.db, sqlite:////absolute.db, sqlite:// for
  // memory, postgresql://user:password@host:5432/dbname; see
  // relate/postgres/postgres_backend.hpp for its options). Throws UrlError for
  // a malformed URL, an unknown scheme or option. Connects on first use.
  explicit Database(std::string_view url, DatabaseOptions options = {});

  Session session() const;

  // CREATE TABLE IF NOT EXISTS for the models named and the models their
  // foreign keys reference, parents first, with their indexes; in one
  // transaction. Existing tables are left as they are.
  template <class... T>
  void create_all() const {
    create_tables({&detail::model_info<T>()...});
  }
  // The same for every model used anywhere in the program.
  void create_all() const;
  // create_all() also reports (as warnings, see on_warning) where the
  // cascades the mapping declares and the ON DELETE rules of the foreign
  // keys disagree. This returns those findings for the models named, or for
  // every model when none is named.
  template <class... T>
  std::vector<std::string> check_cascades() const {
    return cascade_problems({&detail::model_info<T>()...});
  }

  // DROP TABLE IF EXISTS for the models named and the models whose foreign
  // keys reference them, children first.
  template <class... T>
  void drop_all() const {
    drop_tables({&detail::model_info<T>()...});
  }
  void drop_all() const;

  Engine& engine() const noexcept;
  // Logs every statement and its parameters (SQLALCHEMY_ECHO).
  void set_echo(bool on) const noexcept;

  // The N+1 detector of sessions opened from now on: when one relationship
  // is lazily loaded, one SELECT per object, for `threshold` objects of one
  // query result, warn (the default, threshold 10) or throw NPlusOneError.
  void set_n_plus_one(NPlusOne mode, std::uint32_t threshold = 10) const noexcept;
  // The index check (relate/connection/plan.hpp) for every session of this
  // database, from now on: each SELECT is explained before its first run
  // on a connection, and one that reads a table whole where an index would
  // serve is reported as a warning (see on_warning) or refused with
  // FullScanError. For tests and development: it costs an EXPLAIN per new
  // statement. Thread-safe.
  void set_scan_check(ScanCheck mode) const;
  // Where warnings go (the N+1 detector's, the index check's); stderr when not set.
  void on_warning(std::function<void(std::string_view)> handler) const;

 private:
  void create_tables(std::vector<const detail::ModelInfo*> models) const;
  std::vector<std::string> cascade_problems(std::vector<const detail::ModelInfo*> models) const;
  void drop_tables(std::vector<const detail::ModelInfo*> models) const;

  std::shared_ptr<detail::DatabaseCore> core_;
};

}  // namespace relate
