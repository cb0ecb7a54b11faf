// The SQLite backend when the machine, not the statement, is at fault: a
// full disk, a lock held past the busy timeout; durability settings; online
// backups of a live database.

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "relate/connection/engine.hpp"
#include "relate/error.hpp"
#include "relate/sqlite/backup.hpp"
#include "test_support.hpp"
#include "tmpfs_mount.hpp"

using relate_test::scalar;
using relate_test::TempDatabase;
using relate_test::TmpfsMount;

namespace {

void insert_text(relate::Connection& c, std::string_view text) {
  const relate::Param value{text};
  c.execute("INSERT INTO t (v) VALUES (?)", {&value, 1}).run();
}

}  // namespace

TEST(SqliteFailure, ALockHeldPastTheBusyTimeoutIsLockTimeout) {
  TempDatabase file;
  auto engine = relate::create_engine(file.url() + "?busy_timeout=50&pool_size=2");
  auto holder = engine->connect();
  holder->execute_script("CREATE TABLE t (v TEXT)");
  holder->begin_write();
  insert_text(*holder, "holding the lock");
  auto waiter = engine->connect();
  EXPECT_THROW(waiter->begin_write(), relate::LockTimeout);
  holder->commit();
  // Once the lock is free, the same connection writes.
  waiter->begin_write();
  insert_text(*waiter, "after");
  waiter->commit();
  EXPECT_EQ(scalar(*waiter, "SELECT count(*) FROM t"), 2);
}

TEST(SqliteFailure, AFullDiskIsStorageFullAndWritesWorkAgainOnceThereIsRoom) {
  TmpfsMount disk("1m");
  if (!disk.available()) GTEST_SKIP() << disk.reason();
  auto engine = relate::create_engine("sqlite:///" + (disk.path() / "full.db").string());
  auto c = engine->connect();
  c->execute_script("CREATE TABLE t (v TEXT)");
  ASSERT_GT(disk.fill(), 0U);
  const std::string big(64 * 1024, 'y');  // more pages than any slack in the files
  c->begin_write();
  EXPECT_THROW(
      {
        insert_text(*c, big);
        c->commit();
      },
      relate::StorageFull);
  c->rollback();
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM t"), 0);
  disk.free();
  c->begin_write();
  insert_text(*c, big);
  c->commit();
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM t"), 1);
}

TEST(SqliteFailure, SynchronousIsNormalByDefaultAndFullOnRequest) {
  TempDatabase file;
  EXPECT_EQ(scalar(*relate::create_engine(file.url())->connect(), "PRAGMA synchronous"), 1);
  EXPECT_EQ(scalar(*relate::create_engine(file.url() + "?synchronous=normal")->connect(),
                   "PRAGMA synchronous"),
            1);
  EXPECT_EQ(scalar(*relate::create_engine(file.url() + "?synchronous=full")->connect(),
                   "PRAGMA synchronous"),
            2);
}

TEST(SqliteFailure, AnUnknownSynchronousValueIsAClearUrlError) {
  TempDatabase file;
  try {
    relate::create_engine(file.url() + "?synchronous=off");
    FAIL() << "expected UrlError";
  } catch (const relate::UrlError& e) {
    EXPECT_NE(std::string(e.what()).find("synchronous must be 'normal'"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("not 'off'"), std::string::npos) << e.what();
  }
}

TEST(SqliteBackup, CopiesEveryCommittedRowWhileAWriterCarriesOn) {
  TempDatabase source;
  TempDatabase copy;
  auto engine = relate::create_engine(source.url() + "?pool_size=2");
  engine->connect()->execute_script("CREATE TABLE t (v TEXT)");
  std::atomic<std::int64_t> committed{0};
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    auto c = engine->connect();
    while (!stop) {
      c->begin_write();
      insert_text(*c, "row");
      c->commit();
      ++committed;
    }
  });
  while (committed < 200)
    std::this_thread::yield();
  const std::int64_t before = committed;  // all of these are committed before the copy starts
  relate::sqlite::backup_to(source.url(), copy.path().string());
  stop = true;
  writer.join();
  auto restored = relate::create_engine(copy.url());
  const std::int64_t rows = scalar(*restored->connect(), "SELECT count(*) FROM t");
  EXPECT_GE(rows, before);
  EXPECT_LE(rows, committed.load());
  EXPECT_EQ(relate::sqlite::integrity_check(copy.url()), "ok");
  EXPECT_FALSE(std::filesystem::exists(copy.path().string() + ".partial"));
}

TEST(SqliteBackup, RefusesWhatIsNotASqliteFile) {
  EXPECT_THROW(relate::sqlite::backup_to("sqlite://", "/tmp/x.db"), relate::UrlError);
  EXPECT_THROW(relate::sqlite::backup_to("postgresql://u:secret@h/db", "/tmp/x.db"),
               relate::UrlError);
  try {
    relate::sqlite::backup_to("postgresql://u:secret@h/db", "/tmp/x.db");
  } catch (const relate::UrlError& e) {
    EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos) << e.what();
  }
}
