// The folio command, with the `flask` command's habits:
//   folio serve [--host 127.0.0.1] [--port 5000] [--threads N] [--handler-threads N]
//   folio db init [--sample] | db drop | db seed --posts N --comments-per-post M
//   folio db upgrade [REV] | downgrade REV | current | history | stamp REV | check
//   folio db migrate -m MESSAGE [--rename OLD=NEW]
//   folio db backup FILE                    (SQLite)
//   folio user create NAME [--admin | --author] [--display-name TEXT] | user logout NAME
//   folio token create USER [--name N] | token list [USER] | token revoke ID
//   folio routes
// Configuration comes from the environment (see settings.hpp). Nothing here
// prints a password or the secret key: database URLs are shown redacted.

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli/terminal.hpp"
#include "cli/token_commands.hpp"
#include "relate/connection/url.hpp"
#include "relate/error.hpp"
#include "relate/sqlite/backup.hpp"
#include "settings.hpp"
#include "site/site.hpp"
#include "store/blog_store.hpp"
#include "store/limits.hpp"
#include "store/migrations.hpp"
#include "util/password_policy.hpp"
#include "util/passwords.hpp"

namespace {

using folio::BlogStore;
using folio::Settings;

// The database URL as it may be shown: any password replaced by "***".
std::string shown(const std::string& url) {
  try {
    return relate::Url::parse(url).redacted();
  } catch (const relate::UrlError&) {
    return "(an invalid database URL)";
  }
}

bool is_sqlite(const std::string& url) {
  return url.starts_with("sqlite:");
}

folio::SiteOptions site_options(const Settings& s) {
  folio::SiteOptions options{
      s.resources,       s.secret_key, s.secure_cookies,    s.login_limit, s.comment_limit,
      s.trusted_proxies, {},           s.comment_moderation};
  options.public_url = s.public_url;
  return options;
}

// 0 when the database is at the newest revision; else says what to run (1).
int require_current_schema(BlogStore& store, const Settings& s) {
  folio::SchemaMigrations migrations(store.database());
  const std::optional<std::string> at = migrations.current();
  if (at == migrations.head()) return 0;
  std::fprintf(stderr,
               "error: the database %s is %s, and this Folio needs revision %s: run `folio db "
               "upgrade` first (folio db init for a new database)\n",
               shown(s.database_url).c_str(),
               !at           ? "not versioned (new, or from before migrations)"
               : at->empty() ? "at base (no tables)"
                             : ("at revision " + *at).c_str(),
               migrations.head().c_str());
  return 1;
}

struct ServeOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 5000;
  unsigned threads = 0;
  unsigned handler_threads = 0;
};

int serve(const Settings& s, const ServeOptions& serving) {
  const std::string& host = serving.host;
  BlogStore store(s.database_url, s.echo_sql);
  if (const int refused = require_current_schema(store, s)) return refused;
  folio::Site site(store, site_options(s));
  web::ServerOptions options;
  options.host = host;
  options.port = serving.port;
  options.threads = serving.threads;
  options.handler_threads = serving.handler_threads;
  // Behind a proxy every visitor arrives from the proxy's address: not one client to cap.
  options.trusted_proxies = s.trusted_proxies;
  options.on_listening = [&](std::uint16_t bound) {
    std::printf(" * Serving Folio on http://%s:%u (press Ctrl+C to quit)\n", host.c_str(), bound);
    std::printf(" * Database: %s\n", shown(s.database_url).c_str());
    std::printf(
        " * To write posts and delete comments, create an admin: folio user create admin "
        "--admin\n");
    std::fflush(stdout);
  };
  web::Server server(site.app(), options);
  server.run();
  return 0;
}

int db_init(const Settings& s, bool sample) {
  BlogStore store(s.database_url, s.echo_sql);
  folio::SchemaMigrations migrations(store.database());
  const std::vector<std::string> ran = migrations.upgrade();
  if (ran.empty()) {
    std::printf("The tables in %s are at revision %s already\n", shown(s.database_url).c_str(),
                migrations.head().c_str());
  } else {
    std::printf("Created the tables in %s (revision %s)\n", shown(s.database_url).c_str(),
                migrations.head().c_str());
  }
  if (sample) {
    if (store.empty()) {
      store.insert_sample();
      std::printf("Inserted the tutorial's 3 posts and 4 comments\n");
    } else {
      std::printf("The database already has posts: the sample was not inserted\n");
    }
  }
  return 0;
}

int db_drop(const Settings& s) {
  BlogStore store(s.database_url, s.echo_sql);
  store.drop_schema();
  std::printf("Dropped the tables in %s (every revision undone)\n", shown(s.database_url).c_str());
  return 0;
}

int db_seed(const Settings& s, int posts, int comments_per_post) {
  BlogStore store(s.database_url, s.echo_sql);
  if (const int refused = require_current_schema(store, s)) return refused;
  store.seed(posts, comments_per_post,
             [](int done, int total) { folio::draw_progress(done, total, "posts"); });
  std::printf("Seeded %d posts with %d comments each\n", posts, comments_per_post);
  return 0;
}

int user_create(const Settings& s, const std::string& name, const std::string& display_name,
                bool admin) {
  if (name.empty() || name.size() > folio::kUsernameMax) {
    std::fprintf(stderr, "error: a username has 1 to %zu characters\n", folio::kUsernameMax);
    return 2;
  }
  const std::string password = folio::read_new_password();
  if (const auto weakness = folio::password_weakness(password)) {
    std::fprintf(stderr, "error: %s\n", weakness->c_str());
    return 2;
  }
  BlogStore store(s.database_url, s.echo_sql);
  if (const int refused = require_current_schema(store, s)) return refused;
  const auto user = store.create_user(name, display_name, folio::hash_password(password), admin);
  std::printf("Created %s%s%s (id %lld)\n", admin ? "admin " : "user ", user.username.c_str(),
              admin ? "" : ", an author", static_cast<long long>(user.id));
  return 0;
}

int user_logout(const Settings& s, const std::string& name) {
  BlogStore store(s.database_url, s.echo_sql);
  if (const int refused = require_current_schema(store, s)) return refused;
  if (!store.end_sessions(name)) {
    std::fprintf(stderr, "error: there is no user '%s'\n", name.c_str());
    return 1;
  }
  std::printf("Ended every session of %s: they must log in again everywhere\n", name.c_str());
  return 0;
}

int db_backup(const Settings& s, const std::string& file) {
  if (!is_sqlite(s.database_url)) {
    std::fprintf(stderr,
                 "error: folio db backup copies SQLite databases; for PostgreSQL use its own "
                 "tool, pg_dump (e.g. pg_dump --format=custom --file=folio.dump DBNAME), and "
                 "pg_restore to restore\n");
    return 1;
  }
  relate::sqlite::backup_to(s.database_url, file);
  std::printf("Backed up %s to %s (integrity check: ok)\n", shown(s.database_url).c_str(),
              file.c_str());
  return 0;
}

// SQLite's integrity check, then whether the models, the revisions and the
// database agree (CI runs it: a model change without its revision fails).
int db_check(const Settings& s) {
  bool ok = true;
  if (is_sqlite(s.database_url)) {
    const std::string verdict = relate::sqlite::integrity_check(s.database_url);
    std::printf("Integrity check of %s: %s\n", shown(s.database_url).c_str(), verdict.c_str());
    ok = verdict == "ok";
  }
  BlogStore store(s.database_url, s.echo_sql);
  folio::SchemaMigrations migrations(store.database());
  const std::vector<std::string> problems = migrations.check();
  for (const std::string& p : problems)
    std::printf("Schema: %s\n", p.c_str());
  if (problems.empty())
    std::printf("Schema: at revision %s, as the models declare\n", migrations.head().c_str());
  return ok && problems.empty() ? 0 : 1;
}

void print_lines(const std::vector<std::string>& lines) {
  for (const std::string& line : lines)
    std::printf("%s\n", line.c_str());
}

int db_upgrade(const Settings& s, const std::string& target, bool sql, bool down) {
  BlogStore store(s.database_url, s.echo_sql);
  folio::SchemaMigrations migrations(store.database());
  if (sql) {
    const std::optional<std::string> at = migrations.current();
    print_lines(migrations.sql(at && !at->empty() ? *at : "base", target));
    return 0;
  }
  const std::vector<std::string> ran =
      down ? migrations.downgrade(target) : migrations.upgrade(target);
  for (const std::string& id : ran)
    std::printf("%s revision %s\n", down ? "Undid" : "Ran", id.c_str());
  const std::optional<std::string> at = migrations.current();
  std::printf("The database is at %s\n", at && !at->empty() ? ("revision " + *at).c_str() : "base");
  return 0;
}

int db_current(const Settings& s) {
  BlogStore store(s.database_url, s.echo_sql);
  folio::SchemaMigrations migrations(store.database());
  const std::optional<std::string> at = migrations.current();
  if (!at) {
    std::printf("not versioned (a new database, or one from before migrations)\n");
  } else {
    std::printf("%s%s\n", at->empty() ? "base" : at->c_str(),
                *at == migrations.head() ? " (head)" : "");
  }
  return 0;
}

int db_history(const Settings& s) {
  BlogStore store(s.database_url, s.echo_sql);
  print_lines(folio::SchemaMigrations(store.database()).history());
  return 0;
}

int db_stamp(const Settings& s, const std::string& target) {
  BlogStore store(s.database_url, s.echo_sql);
  folio::SchemaMigrations(store.database()).stamp(target);
  std::printf("Stamped %s at %s\n", shown(s.database_url).c_str(), target.c_str());
  return 0;
}

// `folio db migrate -m "add views" --rename post.title=headline`: for Folio's
// developers, run from the source tree.
int db_migrate(const Settings& s, const std::string& message,
               const std::vector<std::string>& renames, bool drop_and_add, bool allow_data_loss,
               const std::string& directory) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const std::string& r : renames) {
    const std::size_t eq = r.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == r.size()) {
      std::fprintf(stderr,
                   "error: --rename takes OLD=NEW (post.title=headline, or post=article)\n");
      return 2;
    }
    pairs.emplace_back(r.substr(0, eq), r.substr(eq + 1));
  }
  BlogStore store(s.database_url, s.echo_sql);
  const auto written =
      folio::SchemaMigrations(store.database())
          .autogenerate(message, std::move(pairs), drop_and_add, allow_data_loss, directory);
  if (!written) {
    std::printf("The models match the newest revision: nothing to write\n");
    return 0;
  }
  std::printf("Wrote %s:\n", written->file.string().c_str());
  print_lines(written->steps);
  std::printf("Review it, rebuild, then run `folio db upgrade`\n");
  return 0;
}

int routes(const Settings& s) {
  BlogStore store(s.database_url, false);
  folio::Site site(store, site_options(s));
  std::printf("%-20s %-18s %s\n", "Endpoint", "Methods", "Rule");
  for (const auto& r : site.app().routes()) {
    std::printf("%-20s %-18s %s\n", r.name.c_str(), r.methods.to_string().c_str(),
                r.pattern.c_str());
  }
  std::printf("%-20s %-18s %s\n", "static", "GET", "/static/<path:filename>");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Folio: the Flask-SQLAlchemy tutorial's blog, in C++"};
  cli.require_subcommand(1);

  auto* serve_cmd = cli.add_subcommand("serve", "Serve the blog");
  ServeOptions serving;
  serve_cmd->add_option("--host", serving.host, "Address to listen on")->capture_default_str();
  serve_cmd->add_option("--port", serving.port, "Port (0: any free port)")->capture_default_str();
  serve_cmd->add_option("--threads", serving.threads, "I/O threads (0: one per core)");
  serve_cmd->add_option("--handler-threads", serving.handler_threads,
                        "Threads that run requests (0: two per core, at least four)");

  auto* db_cmd = cli.add_subcommand("db", "Manage the database");
  db_cmd->require_subcommand(1);
  auto* init_cmd = db_cmd->add_subcommand("init", "Create the tables");
  bool sample = false;
  init_cmd->add_flag("--sample", sample, "Insert the tutorial's 3 posts and 4 comments");
  auto* drop_cmd = db_cmd->add_subcommand("drop", "Drop the tables (and their data)");
  auto* seed_cmd = db_cmd->add_subcommand("seed", "Insert fake posts and comments");
  int posts = 0;
  int comments_per_post = 0;
  seed_cmd->add_option("--posts", posts, "Posts to add")->required()->check(CLI::PositiveNumber);
  seed_cmd->add_option("--comments-per-post", comments_per_post, "Comments on each post")
      ->required()
      ->check(CLI::NonNegativeNumber);

  auto* backup_cmd = db_cmd->add_subcommand(
      "backup", "Copy a live SQLite database to FILE, consistently (docs/deploy.md: restore)");
  std::string backup_file;
  backup_cmd->add_option("file", backup_file, "The copy to write")->required();
  auto* check_cmd = db_cmd->add_subcommand(
      "check", "Check the database: SQLite's integrity, and models, revisions and schema agree");
  std::string target = "head";
  bool sql = false;
  auto* upgrade_cmd = db_cmd->add_subcommand("upgrade", "Run the revisions up to REV (head)");
  upgrade_cmd->add_option("revision", target, "A revision id, or head")->capture_default_str();
  upgrade_cmd->add_flag("--sql", sql, "Print the statements instead of running them");
  auto* downgrade_cmd = db_cmd->add_subcommand("downgrade", "Undo revisions down to REV");
  downgrade_cmd->add_option("revision", target, "A revision id, base, or -1 (one step)")
      ->required();
  downgrade_cmd->add_flag("--sql", sql, "Print the statements instead of running them");
  auto* current_cmd = db_cmd->add_subcommand("current", "Show the database's revision");
  auto* history_cmd = db_cmd->add_subcommand("history", "List the revisions, oldest first");
  auto* stamp_cmd =
      db_cmd->add_subcommand("stamp", "Record REV as the database's revision, running nothing");
  stamp_cmd->add_option("revision", target, "A revision id, head, or base")->required();
  auto* migrate_cmd = db_cmd->add_subcommand(
      "migrate", "Write a new revision from the models (run in the source tree)");
  std::string message;
  std::vector<std::string> renames;
  bool drop_and_add = false;
  bool allow_data_loss = false;
  std::string revisions_dir = "folio/src/store/revisions";
  migrate_cmd->add_option("-m,--message", message, "What the revision does")->required();
  migrate_cmd->add_option("--rename", renames, "OLD=NEW: a table or table.column renamed");
  migrate_cmd->add_flag("--drop-and-add", drop_and_add,
                        "Take a vanished and a new column for a drop and an add, not a rename");
  migrate_cmd->add_flag("--allow-data-loss", allow_data_loss,
                        "Write a revision that drops tables or columns");
  migrate_cmd->add_option("--dir", revisions_dir, "Where revisions are")->capture_default_str();

  auto* user_cmd = cli.add_subcommand("user", "Manage users");
  user_cmd->require_subcommand(1);
  auto* create_cmd = user_cmd->add_subcommand(
      "create",
      "Create a user; the password (12 characters or more, not a common one) is read from "
      "stdin, or asked twice on a terminal");
  std::string name;
  std::string display_name;
  bool admin = false;
  create_cmd->add_option("name", name, "Username")->required();
  create_cmd->add_option("--display-name", display_name, "Name shown on the site");
  bool author = false;
  auto* admin_flag = create_cmd->add_flag(
      "--admin", admin, "An admin: writes and edits every post, moderates and deletes comments");
  create_cmd
      ->add_flag("--author", author, "An author (the default): writes and edits their own posts")
      ->excludes(admin_flag);

  auto* logout_cmd =
      user_cmd->add_subcommand("logout", "Log a user out everywhere: end all their sessions");
  std::string logout_name;
  logout_cmd->add_option("name", logout_name, "Username")->required();

  folio::TokenCommands token_cmds(cli);

  auto* routes_cmd = cli.add_subcommand("routes", "List the URL map");

  CLI11_PARSE(cli, argc, argv);

  try {
    const Settings settings = folio::load_settings();
    if (settings.secret_key_generated) {
      spdlog::warn("FOLIO_SECRET_KEY is not set: generated a secret key and stored it in {}",
                   (settings.instance_path / "secret_key").string());
    }
    if (serve_cmd->parsed()) return serve(settings, serving);
    if (init_cmd->parsed()) return db_init(settings, sample);
    if (drop_cmd->parsed()) return db_drop(settings);
    if (seed_cmd->parsed()) return db_seed(settings, posts, comments_per_post);
    if (backup_cmd->parsed()) return db_backup(settings, backup_file);
    if (check_cmd->parsed()) return db_check(settings);
    if (upgrade_cmd->parsed()) return db_upgrade(settings, target, sql, false);
    if (downgrade_cmd->parsed()) return db_upgrade(settings, target, sql, true);
    if (current_cmd->parsed()) return db_current(settings);
    if (history_cmd->parsed()) return db_history(settings);
    if (stamp_cmd->parsed()) return db_stamp(settings, target);
    if (migrate_cmd->parsed())
      return db_migrate(settings, message, renames, drop_and_add, allow_data_loss, revisions_dir);
    if (create_cmd->parsed()) return user_create(settings, name, display_name, admin);
    if (logout_cmd->parsed()) return user_logout(settings, logout_name);
    if (routes_cmd->parsed()) return routes(settings);
    if (const auto status = token_cmds.run(settings)) return *status;
  } catch (const folio::UsernameTaken& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}
