// Objects linked by relationships live while a Ptr to any of them does, and
// are freed (cycles included) when the last one goes.

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace lifetime_test {

// Counts live instances; not a mapped column.
struct LifeCounter {
  static inline int alive = 0;
  LifeCounter() { ++alive; }
  LifeCounter(const LifeCounter&) { ++alive; }
  LifeCounter& operator=(const LifeCounter&) = default;
  ~LifeCounter() { --alive; }
};

struct Leaf;
struct Tree {
  std::int64_t id{};
  relate::HasMany<Leaf> leaves{};
  LifeCounter counter{};
};
struct Leaf {
  std::int64_t id{};
  std::optional<std::int64_t> tree_id{};
  relate::BelongsTo<Tree> tree{};
  LifeCounter counter{};
};

}  // namespace lifetime_test

using lifetime_test::Leaf;
using lifetime_test::LifeCounter;
using lifetime_test::Tree;

template <>
inline constexpr auto relate::model<Tree> =
    relate::table<Tree>("tree", relate::column("id", &Tree::id, relate::primary_key),
                        relate::relationship(&Tree::leaves, relate::backref(&Leaf::tree)));
template <>
inline constexpr auto relate::model<Leaf> =
    relate::table<Leaf>("leaf", relate::column("id", &Leaf::id, relate::primary_key),
                        relate::column("tree_id", &Leaf::tree_id, relate::foreign_key(&Tree::id)));

class Lifetime : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    RELATE_REQUIRE_BACKEND(target);
    db.create_all<Tree, Leaf>();
    auto s = db.session();
    auto tree = s.add(Tree{});
    for (int i = 0; i < 3; ++i)
      s.add(Leaf{.tree = tree});
    s.commit();
  }
  relate_test::TestDatabase target{GetParam()};
  relate::Database db{target.url()};
};
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(Lifetime);

TEST_P(Lifetime, ATransientCycleIsFreedWithItsLastPtr) {
  const int before = LifeCounter::alive;
  {
    auto tree = relate::make(Tree{});
    auto leaf = relate::make(Leaf{.tree = tree});  // tree <-> leaf
    EXPECT_EQ(LifeCounter::alive, before + 2);
  }
  EXPECT_EQ(LifeCounter::alive, before);
}

TEST_P(Lifetime, AChildKeepsItsLoadedParentAliveAfterTheSessionCloses) {
  const int before = LifeCounter::alive;
  relate::Ptr<Leaf> leaf;
  {
    auto s = db.session();
    leaf = s.get<Leaf>(1);
    (void)leaf->tree->leaves.size();  // load the parent and its leaves
  }
  EXPECT_EQ(LifeCounter::alive, before + 4);
  EXPECT_EQ(leaf->tree->leaves.size(), 3U);
  leaf = nullptr;
  EXPECT_EQ(LifeCounter::alive, before);
}

TEST_P(Lifetime, ASessionFreesWhatNobodyHolds) {
  const int before = LifeCounter::alive;
  {
    auto s = db.session();
    for (const auto& tree : s.query<Tree>().all())
      (void)tree->leaves.size();
    EXPECT_EQ(LifeCounter::alive, before + 4);
  }
  EXPECT_EQ(LifeCounter::alive, before);
}
