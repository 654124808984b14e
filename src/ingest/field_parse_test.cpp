#include "ingest/field_parse.h"

#include <gtest/gtest.h>

namespace agp::ingest {
namespace {

TEST(FieldParse, NumbersTakeDecimalPointOrComma) {
  EXPECT_EQ(ParseNumber("37.5"), 37.5);
  EXPECT_EQ(ParseNumber("37,5"), 37.5);
  EXPECT_EQ(ParseNumber("100"), 100.0);
  EXPECT_EQ(ParseNumber("-3"), -3.0);
  EXPECT_EQ(ParseNumber("0,25"), 0.25);
}

TEST(FieldParse, NumbersMayGroupDigitsWithSpaces) {
  EXPECT_EQ(ParseNumber("600 000"), 600000.0);
  EXPECT_EQ(ParseNumber("600\xC2\xA0"
                        "000,50"),
            600000.5);
  EXPECT_EQ(ParseNumber("1\xE2\x80\xAF"
                        "234"),
            1234.0);
}

TEST(FieldParse, NumbersRefuseEverythingElse) {
  // Found by the fuzzer: 64 digits and then a decimal comma overflowed the buffer.
  EXPECT_FALSE(ParseNumber(std::string(64, '9') + ",5"));
  EXPECT_FALSE(ParseNumber(std::string(80, '1')));
  for (const char* bad : {"", "abc", "1.2.3", "1,2,3", "1e5", "12 ", " 12", "5,", ",5", "--1",
                          "++1", "+-1", "1 000 000,5 0", "1.000,50", "nan", "inf", "12%"}) {
    EXPECT_FALSE(ParseNumber(bad)) << bad;
  }
}

TEST(FieldParse, IntegersAcceptWholeDecimals) {
  EXPECT_EQ(ParseInteger("1975"), 1975);
  EXPECT_EQ(ParseInteger("1975,0"), 1975);
  EXPECT_FALSE(ParseInteger("19,5"));
}

TEST(FieldParse, FlagsAcceptNorwegianAndEnglish) {
  EXPECT_EQ(ParseFlag("1"), true);
  EXPECT_EQ(ParseFlag("Ja"), true);
  EXPECT_EQ(ParseFlag("nei"), false);
  EXPECT_EQ(ParseFlag("FALSE"), false);
  EXPECT_FALSE(ParseFlag("2"));
}

TEST(FieldParse, TrimRemovesSpacesTabsAndNoBreakSpaces) {
  EXPECT_EQ(Trim("  a b\t"), "a b");
  EXPECT_EQ(Trim("\xC2\xA0x\xC2\xA0"), "x");
  EXPECT_EQ(Trim("   "), "");
}

}  // namespace
}  // namespace agp::ingest
