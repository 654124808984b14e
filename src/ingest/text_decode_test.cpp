#include "ingest/text_decode.h"

#include <gtest/gtest.h>

namespace agp::ingest {
namespace {

TEST(TextDecode, KeepsUtf8AsItIs) {
  auto d = DecodeText("navn\nÆrlig Østmo Åse\n", "f.csv");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->encoding, Encoding::kUtf8);
  EXPECT_EQ(d->text, "navn\nÆrlig Østmo Åse\n");
}

TEST(TextDecode, DropsTheUtf8ByteOrderMark) {
  auto d = DecodeText("\xEF\xBB\xBFunit_id\n", "f.csv");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->encoding, Encoding::kUtf8WithBom);
  EXPECT_EQ(d->text, "unit_id\n");
}

TEST(TextDecode, ReadsWindows1252WhenTheBytesAreNotUtf8) {
  // "Bærum – Søndre" in Windows-1252: æ = E6, en dash = 96, ø = F8.
  auto d = DecodeText("B\xE6rum \x96 S\xF8ndre", "f.csv");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->encoding, Encoding::kWindows1252);
  EXPECT_EQ(d->text, "Bærum – Søndre");
}

TEST(TextDecode, MapsTheWholeUpperHalfOf1252) {
  EXPECT_EQ(Windows1252ToUtf8("\x80\x81\x9F\xA0\xC5\xFF"), "€\xC2\x81Ÿ\xC2\xA0Åÿ");
}

TEST(TextDecode, AppendsEveryCodePointAsUtf8AndReplacesSurrogates) {
  std::string out;
  for (char32_t cp : {U'A', U'ø', U'€', U'😀', char32_t{0xD800}, char32_t{0x110000}}) {
    AppendUtf8(&out, cp);
  }
  EXPECT_EQ(out, "Aø€😀\uFFFD\uFFFD");
  EXPECT_TRUE(IsValidUtf8(out));
}

TEST(TextDecode, RefusesUtf16WithAdvice) {
  auto d = DecodeText(std::string("\xFF\xFEu\0n\0", 6), "units.csv");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().location().file, "units.csv");
  EXPECT_NE(d.error().message().find("UTF-16"), std::string::npos);
}

TEST(TextDecode, RefusesABomFollowedByInvalidUtf8) {
  EXPECT_FALSE(DecodeText("\xEF\xBB\xBF\xE6", "f.csv").ok());
}

TEST(TextDecode, Utf8ValidationRejectsOverlongsSurrogatesAndTruncation) {
  EXPECT_TRUE(IsValidUtf8("plain ascii that is longer than eight bytes"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));   // U+1F600
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xE6\xF8"));          // 1252 bytes
  EXPECT_FALSE(IsValidUtf8("abc\xC3"));           // truncated
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
}

}  // namespace
}  // namespace agp::ingest
