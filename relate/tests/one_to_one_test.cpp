// One-to-one (seed 003's uselist=False): a scalar on both sides, a unique
// foreign key, the old object orphaned (or deleted) when replaced.

#include <gtest/gtest.h>

#include "kinds_models.hpp"
#include "test_support.hpp"

using namespace relate;
using models::Passport;
using models::Person;
using models::Profile;

namespace {

class OneToOne : public relate_test::OrmTest {
 protected:
  void SetUp() override {
    OrmTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db.create_all<Person, Profile, Passport>();
    recorder.clear();
  }
};
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(OneToOne);

TEST_P(OneToOne, BothSidesAreScalarsInSyncInMemory) {
  auto ada = make(Person{.name = "Ada"});
  auto first = make(Profile{.bio = "first"});
  ada->profile = first;
  EXPECT_EQ(first->person.get(), ada);
  EXPECT_EQ(ada->profile.get(), first);
  // Setting the other side replaces the one before.
  auto second = make(Profile{.bio = "second", .person = ada});
  EXPECT_EQ(ada->profile.get(), second);
  EXPECT_FALSE(first->person);
  ada->profile = nullptr;
  EXPECT_FALSE(second->person);
  EXPECT_FALSE(ada->profile);
}

TEST_P(OneToOne, ReplacingAStoredProfileOrphansTheOldOneInTheDatabase) {
  std::int64_t first_id = 0;
  {
    auto s = db.session();
    auto ada = s.add(Person{.name = "Ada", .profile = make(Profile{.bio = "first"})});
    s.commit();
    first_id = ada->profile->id;
  }
  {
    auto s = db.session();
    auto ada = s.query<Person>().one();
    ada->profile = make(Profile{.bio = "second"});  // the unique key moves in one flush
    s.commit();
  }
  auto s = db.session();
  auto ada = s.query<Person>().one();
  ASSERT_TRUE(ada->profile);
  EXPECT_EQ(ada->profile->bio, "second");
  auto first = s.get<Profile>(first_id);
  ASSERT_TRUE(first);
  EXPECT_FALSE(first->person_id.has_value());
  EXPECT_EQ(s.query<Profile>().count(), 2);
}

TEST_P(OneToOne, DeleteOrphanDeletesTheReplacedObject) {
  {
    auto s = db.session();
    s.add(Person{.name = "Ada", .passport = make(Passport{.number = "P1"})});
    s.commit();
  }
  {
    auto s = db.session();
    auto ada = s.query<Person>().one();
    EXPECT_EQ(ada->passport->number, "P1");
    ada->passport = make(Passport{.number = "P2"});
    s.commit();
  }
  auto s = db.session();
  const auto passports = s.query<Passport>().all();
  ASSERT_EQ(passports.size(), 1U);
  EXPECT_EQ(passports[0]->number, "P2");
  EXPECT_EQ(passports[0]->holder->name, "Ada");
  // Deleting the person deletes the passport (cascade delete).
  s.remove(s.query<Person>().one());
  s.commit();
  EXPECT_EQ(s.query<Passport>().count(), 0);
}

TEST_P(OneToOne, LoadsLazilyOrEagerlyAndFiltersWithHas) {
  {
    auto s = db.session();
    for (const char* name : {"Ada", "Bob", "Cy"}) {
      auto p = s.add(Person{.name = name});
      if (std::string(name) != "Cy") p->profile = make(Profile{.bio = std::string(name) + "'s"});
    }
    s.commit();
  }
  auto lazy = db.session();
  auto ada = lazy.query<Person>().filter(col(&Person::name) == "Ada").one();
  const auto before = lazy.statement_count();
  EXPECT_EQ(ada->profile->bio, "Ada's");
  EXPECT_EQ(lazy.statement_count() - before, 1U);

  for (const auto& option : {joinedload(&Person::profile), selectinload(&Person::profile)}) {
    auto s = db.session();
    const auto people = s.query<Person>().options(option).order_by(asc(&Person::id)).all();
    const auto loaded = s.statement_count();
    EXPECT_EQ(loaded, option.strategy == Load::joined ? 1U : 2U);
    EXPECT_EQ(people[1]->profile->bio, "Bob's");
    EXPECT_FALSE(people[2]->profile);
    EXPECT_EQ(people[0]->profile->person.get(), people[0]);
    EXPECT_EQ(s.statement_count(), loaded);
  }
  auto s = db.session();
  EXPECT_EQ(s.query<Person>().filter(has(&Person::profile)).count(), 2);
  EXPECT_EQ(
      s.query<Person>().filter(has(&Person::profile, col(&Profile::bio) == "Bob's")).one()->name,
      "Bob");
}

}  // namespace
