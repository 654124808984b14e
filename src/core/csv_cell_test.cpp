#include "core/csv_cell.h"

#include <gtest/gtest.h>

namespace agp::core {
namespace {

TEST(CsvCell, TextThatASpreadsheetWouldRunAsAFormulaIsWrittenAsText) {
  EXPECT_EQ(CsvText("=1+2"), "'=1+2");
  EXPECT_EQ(CsvText("+47 22"), "'+47 22");
  EXPECT_EQ(CsvText("-3"), "'-3");
  EXPECT_EQ(CsvText("@SUM(1+1)*cmd|' /C calc'!A0"), "'@SUM(1+1)*cmd|' /C calc'!A0");
  EXPECT_EQ(CsvText("\tx"), "'\tx");
  EXPECT_EQ(CsvText("\r=1"), "\"'\r=1\"");
  EXPECT_EQ(CsvText("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
}

TEST(CsvCell, OrdinaryTextIsQuotedOnlyWhenItMustBe) {
  EXPECT_EQ(CsvText("1100"), "1100");
  EXPECT_EQ(CsvText("Helse og omsorg"), "Helse og omsorg");
  EXPECT_EQ(CsvText("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvText("a;b"), "\"a;b\"");
  EXPECT_EQ(CsvText("to\nlinjer"), "\"to\nlinjer\"");
  EXPECT_EQ(CsvText("«sitat» \"x\""), "\"«sitat» \"\"x\"\"\"");
  EXPECT_EQ(CsvText(""), "");
  EXPECT_EQ(CsvText("a=b"), "a=b");
}

}  // namespace
}  // namespace agp::core
