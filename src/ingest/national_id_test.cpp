#include "ingest/national_id.h"

#include <gtest/gtest.h>

#include <cstdio>
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

// 15038500047 and 01019012480 pass both checks; 41019012480 is not a D-number of it (the
// control digits change with the first digit), so one is made.
TEST(NationalId, FindsNumbersAnywhereInAFieldWithOrWithoutASeparator) {
  EXPECT_TRUE(ContainsNationalId("Kari Nordmann 15038500047"));
  EXPECT_TRUE(ContainsNationalId("150385-00047"));
  EXPECT_TRUE(ContainsNationalId("150385 00047"));
  EXPECT_TRUE(ContainsNationalId("150385.00047"));
  EXPECT_TRUE(
      ContainsNationalId("150385\xC2\xA0"
                         "00047"));  // a no-break space
  EXPECT_TRUE(ContainsNationalId("(15038500047)"));
  EXPECT_TRUE(ContainsNationalId("K15038500047x"));
  const auto span = FindNationalId("nr. 150385-00047, se over");
  ASSERT_TRUE(span);
  EXPECT_EQ(span->begin, 4u);
  EXPECT_EQ(span->size, 12u);
}

TEST(NationalId, DigitsInsideALongerRunOfDigitsAreNotANumber) {
  EXPECT_FALSE(ContainsNationalId("015038500047"));
  EXPECT_FALSE(ContainsNationalId("150385000470"));
  EXPECT_FALSE(ContainsNationalId("1150385-00047"));
  EXPECT_FALSE(ContainsNationalId("150385-000470"));
  EXPECT_FALSE(ContainsNationalId("150385--00047"));
  EXPECT_FALSE(ContainsNationalId("15038500048"));        // a wrong control digit
  EXPECT_FALSE(LooksLikeNationalId("Kari 15038500047"));  // the whole field: only the number
}

TEST(NationalId, DNumbersAreFoundToo) {
  // A D-number has 4 added to the first digit of the day (55 for the 15th).
  std::string d;
  for (int serial = 0; d.empty() && serial < 1000; ++serial) {
    char nine[10];
    std::snprintf(nine, sizeof nine, "550385%03d", serial);
    d = AppendControlDigits(nine);
  }
  ASSERT_FALSE(d.empty());
  EXPECT_TRUE(LooksLikeNationalId(d));
  EXPECT_TRUE(ContainsNationalId("D-nr " + d.substr(0, 6) + "-" + d.substr(6)));
}

TEST(NationalId, MaskingHidesEveryNumberAndNothingElse) {
  EXPECT_EQ(MaskNationalIds("K 15038500047"), "K ***********");
  EXPECT_EQ(MaskNationalIds("150385-00047 og (01019012480)"), "*********** og (***********)");
  EXPECT_EQ(MaskNationalIds("E1 2024-03-25 123456789012"), "E1 2024-03-25 123456789012");
  EXPECT_EQ(MaskNationalIds(""), "");
}

}  // namespace
}  // namespace agp::ingest
