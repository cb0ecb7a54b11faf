#pragma once
// Test helpers: an in-memory database with a statement recorder.

#include <algorithm>
#include <string>
#include <vector>

#include "relate/relate.hpp"

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

namespace relate_test {

// An in-memory database with every test model's table, recording statements.
class OrmTest : public ::testing::Test {
 protected:
  OrmTest() : db("sqlite://", recorder.options()) {}
  void SetUp() override {
    db.create_all<models::Post, models::Comment, models::Parent, models::Child, models::Blog,
                  models::Entry, models::Account>();
    recorder.clear();
  }

  Recorder recorder;
  relate::Database db;
};

}  // namespace relate_test
