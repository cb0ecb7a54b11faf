// Cascades against the database's ON DELETE rules: passive deletes, and the
// check that the two agree.

#include <gtest/gtest.h>

#include "kinds_models.hpp"
#include "loading_models.hpp"
#include "test_support.hpp"

using namespace relate;
using models::Gallery;
using models::Photo;

namespace {

class Cascades : public relate_test::OrmTest {
 protected:
  void SetUp() override {
    OrmTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db.create_all<Gallery, Photo>();
    recorder.clear();
  }
};
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(Cascades);

TEST_P(Cascades, PassiveDeletesLeaveChildrenNotInMemoryToTheDatabase) {
  {
    auto s = db.session();
    auto g = s.add(Gallery{.name = "trip"});
    for (int i = 0; i < 3; ++i)
      g->photos.append(make(Photo{.file = "p" + std::to_string(i) + ".jpg"}));
    s.add(Gallery{.name = "other", .photos = {make(Photo{.file = "x.jpg"})}});
    s.commit();
  }
  auto s = db.session();
  auto trip = s.query<Gallery>().filter(col(&Gallery::name) == "trip").one();
  recorder.clear();
  s.remove(trip);
  s.commit();
  // One DELETE of the gallery: the photos were neither loaded nor deleted one by one.
  EXPECT_EQ(recorder.count("SELECT"), 0U);
  EXPECT_EQ(recorder.count("DELETE FROM photo"), 0U);
  EXPECT_EQ(recorder.count("DELETE FROM gallery"), 1U);
  EXPECT_EQ(s.query<Photo>().count(), 1);
}

TEST_P(Cascades, AgreeingRulesGiveNoFindings) {
  EXPECT_TRUE(
      (db.check_cascades<models::Post, models::Comment, Gallery, models::Parent>().empty()));
}

TEST_P(Cascades, DisagreementsAreNamed) {
  // Seed 003's Author.books: no delete cascade, and book.author_id is NOT NULL.
  const auto problems = db.check_cascades<models::Author>();
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_NE(problems[0].find("loading_book.author_id"), std::string::npos) << problems[0];
  EXPECT_NE(problems[0].find("NOT NULL"), std::string::npos) << problems[0];
  // create_all reports them as warnings.
  std::vector<std::string> warnings;
  db.on_warning([&](std::string_view w) { warnings.emplace_back(w); });
  db.create_all<models::Author, models::Book>();
  EXPECT_EQ(warnings, problems);
}

}  // namespace
