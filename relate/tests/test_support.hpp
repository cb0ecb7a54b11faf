#pragma once
// Test helpers: a statement recorder, temporary SQLite files, and the ORM
// fixture that runs each test on every backend.

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "relate/relate.hpp"
#include "relate/sql/dialect.hpp"

namespace relate_test {

// Records the SQL of every statement run on a database.
class Recorder {
 public:
  relate::DatabaseOptions options() {
    relate::DatabaseOptions o;
    o.on_statement = [this](const relate::StatementEvent& e) { statements_.emplace_back(e.sql); };
    return o;
  }
  const std::vector<std::string>& statements() const { return statements_; }
  void clear() { statements_.clear(); }
  // Statements that start with `prefix` ("SELECT", "INSERT INTO comment").
  std::vector<std::string> starting_with(std::string_view prefix) const {
    std::vector<std::string> out;
    for (const auto& s : statements_) {
      if (s.starts_with(prefix)) out.push_back(s);
    }
    return out;
  }
  std::size_t count(std::string_view prefix) const { return starting_with(prefix).size(); }

 private:
  std::vector<std::string> statements_;
};

}  // namespace relate_test

#include <filesystem>
#include <random>

namespace relate_test {

// A database file in the test temp folder, removed (with its WAL files) at
// the end of the test.
class TempDatabase {
 public:
  TempDatabase() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("relate-test-" + std::to_string(rd()) + std::to_string(rd()) + ".db");
  }
  ~TempDatabase() {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::error_code ec;
      std::filesystem::remove(path_.string() + suffix, ec);
    }
  }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;

  std::string url() const { return "sqlite:///" + path_.string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace relate_test

#include <gtest/gtest.h>

#include "models.hpp"
#include "test_database.hpp"

namespace relate_test {

// A fresh database on the backend the test is instantiated for (see
// RELATE_INSTANTIATE_FOR_EVERY_BACKEND), with every test model's table,
// recording statements.
class OrmTest : public ::testing::TestWithParam<std::string> {
 protected:
  OrmTest() : target(GetParam()), db(target.url(), recorder.options()) {}
  void SetUp() override {
    RELATE_REQUIRE_BACKEND(target);
    db.create_all<models::Post, models::Comment, models::Parent, models::Child, models::Blog,
                  models::Entry, models::Account>();
    recorder.clear();
  }

  const relate::sql::Dialect& dialect() const { return db.engine().dialect(); }
  // `sqlite_text` with each ? replaced by this backend's placeholder ($1...).
  std::string sql(std::string_view sqlite_text) const {
    std::string out;
    std::size_t n = 0;
    for (char c : sqlite_text) {
      if (c == '?') {
        dialect().append_placeholder(out, ++n);
      } else {
        out += c;
      }
    }
    return out;
  }
  // An INSERT as this backend runs it: sql(), then RETURNING the key where
  // that is how new keys come back.
  std::string insert_sql(std::string_view sqlite_text) const {
    return sql(sqlite_text) + (dialect().returns_new_keys() ? " RETURNING id" : "");
  }
  // The statement that opens a write transaction.
  std::string begin_sql() const {
    return dialect().name() == "sqlite" ? "BEGIN IMMEDIATE" : "BEGIN";
  }
  // Whether a flush inserts several rows of one model in one statement.
  bool batches_inserts() const { return dialect().max_rows_per_insert() > 1; }

  Recorder recorder;
  TestDatabase target;
  relate::Database db;
};

// username -> logins of every Account, as the database holds them (a new
// session reads them).
inline std::map<std::string, int> logins_in(relate::Database& db) {
  auto s = db.session();
  std::map<std::string, int> out;
  for (const auto& a : s.query<models::Account>().all())
    out[a->username] = a->logins;
  return out;
}

}  // namespace relate_test
