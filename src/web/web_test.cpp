#include <gtest/gtest.h>

#include "web/html.h"

namespace agp::web {
namespace {

TEST(Html, NumbersUseDecimalCommaAndNarrowSpaces) {
  EXPECT_EQ(Num(61.25, 1), "61,3");
  EXPECT_EQ(Num(12345.0, 0), "12\u202f345");
  EXPECT_EQ(Num(std::nullopt), "–");
}

}  // namespace
}  // namespace agp::web
