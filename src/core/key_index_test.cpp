#include "core/key_index.h"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>

namespace agp::core {
namespace {

TEST(KeyIndex, FindsWhatWasInsertedAndNothingElse) {
  KeyIndex index;
  EXPECT_EQ(index.Insert("A1", 0), std::make_pair(0, true));
  EXPECT_EQ(index.Insert("A2", 1), std::make_pair(1, true));
  EXPECT_EQ(index.Insert("A1", 7), std::make_pair(0, false));  // first one stays
  EXPECT_EQ(index.Find("A1"), 0);
  EXPECT_EQ(index.Find("A2"), 1);
  EXPECT_EQ(index.Find("A3"), -1);
  EXPECT_EQ(index.Find(""), -1);
  EXPECT_EQ(index.size(), 2u);
}

TEST(KeyIndex, KeepsLongAndShortKeysApartThroughGrowth) {
  KeyIndex index;
  std::unordered_map<std::string, int32_t> reference;
  for (int32_t i = 0; i < 50000; ++i) {
    // Short keys inline, long ones (over 16 bytes) in the arena, some sharing prefixes.
    std::string key = (i % 3 == 0 ? "en-svært-lang-nøkkel-" : "K") + std::to_string(i);
    reference.emplace(key, i);
    ASSERT_TRUE(index.Insert(key, i).second) << key;
  }
  for (const auto& [key, value] : reference) ASSERT_EQ(index.Find(key), value) << key;
  EXPECT_EQ(index.Find("K50000"), -1);
  EXPECT_EQ(index.Find("en-svært-lang-nøkkel-1"), -1);  // 1 is not a multiple of 3
}

TEST(KeyIndex, EmptyKeyIsAKeyLikeAnyOther) {
  KeyIndex index;
  EXPECT_TRUE(index.Insert("", 5).second);
  EXPECT_EQ(index.Find(""), 5);
}

}  // namespace
}  // namespace agp::core
