// Optimistic concurrency: a version_id column (SQLAlchemy's version_id_col)
// makes two sessions that update one row from the same read fail the second
// with StaleDataError instead of overwriting the first.

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace version_models {
struct Document {
  std::int64_t id{};
  std::string body{};
  std::int64_t version{};
};
}  // namespace version_models

template <>
inline constexpr auto relate::model<version_models::Document> =
    relate::table<version_models::Document>(
        "document", relate::column("id", &version_models::Document::id, relate::primary_key),
        relate::column("body", &version_models::Document::body),
        relate::column("version", &version_models::Document::version, relate::version_id));

using namespace relate;
using relate_test::OrmTest;
using version_models::Document;

class Versioning : public OrmTest {
 protected:
  void SetUp() override {
    OrmTest::SetUp();
    db.create_all<Document>();
  }
};
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(Versioning);

TEST_P(Versioning, ANewRowIsVersionOneAndEachUpdateAddsOne) {
  auto s = db.session();
  auto doc = s.add(Document{.body = "a"});
  s.commit();
  EXPECT_EQ(doc->version, 1);
  doc->body = "b";
  recorder.clear();
  s.commit();
  EXPECT_EQ(doc->version, 2);
  ASSERT_EQ(recorder.count("UPDATE"), 1U);
  EXPECT_EQ(recorder.starting_with("UPDATE")[0],
            sql("UPDATE document SET body = ?, version = ? WHERE id = ? AND version = ?"));
  EXPECT_EQ(db.session().get<Document>(doc->id)->version, 2);
}

TEST_P(Versioning, AnUpdateFromAStaleReadIsStaleDataErrorAndTheOtherWriteStays) {
  std::int64_t id = 0;
  {
    auto s = db.session();
    id = s.add(Document{.body = "first"})->id;
    s.commit();
    id = s.query<Document>().one()->id;
  }
  auto a = db.session();
  auto b = db.session();
  auto in_a = a.get<Document>(id);
  auto in_b = b.get<Document>(id);  // both read version 1
  in_a->body = "from a";
  a.commit();
  in_b->body = "from b";
  try {
    b.commit();
    FAIL() << "a write from a stale read overwrote another session's";
  } catch (const StaleDataError& e) {
    EXPECT_NE(std::string(e.what()).find("at version 1"), std::string::npos) << e.what();
  }
  b.rollback();
  auto check = db.session();
  const auto doc = check.get<Document>(id);
  EXPECT_EQ(doc->body, "from a");
  EXPECT_EQ(doc->version, 2);
  // Read again, b's change goes through.
  auto fresh = b.get<Document>(id);
  fresh->body = "from b, after reading again";
  b.commit();
  EXPECT_EQ(db.session().get<Document>(id)->version, 3);
}
