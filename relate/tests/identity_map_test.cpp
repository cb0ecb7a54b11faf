#include "orm/identity_map.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <unordered_map>

#include "models.hpp"

using relate::detail::IdentityMap;
using relate::detail::ModelInfo;
using relate::detail::ObjectState;

namespace {

// Distinct addresses to stand in for objects; the map never dereferences them.
ObjectState* fake(std::int64_t i) {
  return reinterpret_cast<ObjectState*>(0x100000 + 16 * i);
}

}  // namespace

TEST(IdentityMap, FindsWhatWasInsertedPerModel) {
  IdentityMap map;
  const ModelInfo* post = &relate::detail::model_info<models::Post>();
  const ModelInfo* comment = &relate::detail::model_info<models::Comment>();
  map.slot(post, 1) = fake(1);
  map.slot(comment, 1) = fake(2);
  EXPECT_EQ(map.find(post, 1), fake(1));
  EXPECT_EQ(map.find(comment, 1), fake(2));
  EXPECT_EQ(map.find(post, 2), nullptr);
  EXPECT_EQ(map.slot(post, 1), fake(1));  // an existing slot, not a new one
}

TEST(IdentityMap, MatchesAReferenceMapUnderRandomInsertsAndErases) {
  IdentityMap map;
  std::unordered_map<std::int64_t, ObjectState*> reference;
  const ModelInfo* post = &relate::detail::model_info<models::Post>();
  std::mt19937 rng(7);
  std::uniform_int_distribution<std::int64_t> key(-500, 5000);
  for (int i = 0; i < 50'000; ++i) {
    const std::int64_t k = key(rng);
    if (rng() % 3 == 0) {
      map.erase(post, k);
      reference.erase(k);
    } else {
      map.slot(post, k) = fake(k);
      reference[k] = fake(k);
    }
  }
  for (std::int64_t k = -500; k <= 5000; ++k) {
    auto it = reference.find(k);
    ASSERT_EQ(map.find(post, k), it == reference.end() ? nullptr : it->second) << k;
  }
  std::size_t seen = 0;
  map.for_each([&](ObjectState*) { ++seen; });
  EXPECT_EQ(seen, reference.size());
}
