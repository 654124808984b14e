#include "ingest/national_id.h"

#include <gtest/gtest.h>

#include <string>

namespace agp::ingest {
namespace {

TEST(NationalId, RecognisesNumbersWithValidControlDigits) {
  int found = 0;
  for (int serial = 100; serial < 200; ++serial) {
    const std::string id = AppendControlDigits("010190" + std::to_string(serial));
    if (id.empty()) continue;
    ++found;
    EXPECT_TRUE(LooksLikeNationalId(id)) << id;
    EXPECT_TRUE(LooksLikeNationalId(id.substr(0, 6) + " " + id.substr(6))) << id;
  }
  EXPECT_GT(found, 50);
}

TEST(NationalId, RefusesWrongControlDigitsAndOtherShapes) {
  const std::string id = AppendControlDigits("150875123");
  ASSERT_FALSE(id.empty());
  std::string wrong = id;
  wrong[10] = wrong[10] == '9' ? '0' : static_cast<char>(wrong[10] + 1);
  EXPECT_FALSE(LooksLikeNationalId(wrong));
  EXPECT_FALSE(LooksLikeNationalId(id.substr(0, 10)));
  EXPECT_FALSE(LooksLikeNationalId(id + "0"));
  EXPECT_FALSE(LooksLikeNationalId("A" + id.substr(1)));
  EXPECT_FALSE(LooksLikeNationalId(id.substr(0, 5) + " " + id.substr(5)));
}

}  // namespace
}  // namespace agp::ingest
