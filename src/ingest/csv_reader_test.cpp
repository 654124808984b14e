#include "ingest/csv_reader.h"

#include <gtest/gtest.h>

namespace agp::ingest {
namespace {

std::vector<std::vector<std::string>> ReadAll(CsvReader& r, std::vector<int>* lines = nullptr) {
  std::vector<std::vector<std::string>> out;
  Row row;
  while (r.Next(&row)) {
    std::vector<std::string> fields;
    for (const Field& f : row.fields) fields.emplace_back(f.text);
    out.push_back(fields);
    if (lines) lines->push_back(row.line);
  }
  return out;
}

TEST(CsvReader, DetectsCommaOrSemicolonFromTheHeader) {
  EXPECT_EQ(DetectSeparator("a;b;c\n1,5;2,5;3\n"), ';');
  EXPECT_EQ(DetectSeparator("a,b,c\n1;2\n"), ',');
  EXPECT_EQ(DetectSeparator("\"a;b\",c\n"), ',');
  EXPECT_EQ(DetectSeparator("single\n"), ',');
}

TEST(CsvReader, SplitsFieldsAndHandlesEveryLineEnding) {
  CsvReader r("f.csv", "a;b\r\n1;2\n3;4\r5;6");
  std::vector<int> lines;
  auto rows = ReadAll(r, &lines);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[3], (std::vector<std::string>{"5", "6"}));
  EXPECT_EQ(lines, (std::vector<int>{1, 2, 3, 4}));
  EXPECT_TRUE(r.problems().empty());
}

TEST(CsvReader, QuotedFieldsHoldSeparatorsQuotesAndLineBreaks) {
  CsvReader r("f.csv", "name,x\n\"Helse, og \"\"omsorg\"\"\",1\n\"two\nlines\",2\nnext,3\n");
  std::vector<int> lines;
  auto rows = ReadAll(r, &lines);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1][0], "Helse, og \"omsorg\"");
  EXPECT_EQ(rows[2][0], "two\nlines");
  EXPECT_EQ(lines,
            (std::vector<int>{1, 2, 3, 5}));  // the record after a two-line field is on line 5
}

TEST(CsvReader, ManyFieldsWithDoubledQuotesInOneRowStayIntact) {
  // Found by the fuzzer: the buffers of earlier fields must survive the later ones.
  CsvReader r("f.csv", "a,b,c,d\n\"\"\"x\",\"y\"\"\",\"\"\"\",\"long \"\"field\"\" here\"\n");
  auto rows = ReadAll(r);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"\"x", "y\"", "\"", "long \"field\" here"}));
}

TEST(CsvReader, ColumnsCountCharactersNotBytes) {
  CsvReader r("f.csv", "ø,æ,x\nå,bb,c\n");
  Row row;
  ASSERT_TRUE(r.Next(&row));
  EXPECT_EQ(row.fields[1].column, 3);
  EXPECT_EQ(row.fields[2].column, 5);
  ASSERT_TRUE(r.Next(&row));
  EXPECT_EQ(row.fields[2].column, 6);
}

TEST(CsvReader, SkipsEmptyLinesAndRowsOfEmptyFields) {
  CsvReader r("f.csv", "a;b\n\n;\n1;2\n;;\n");
  auto rows = ReadAll(r);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][0], "1");
}

TEST(CsvReader, KeepsEmptyTrailingField) {
  CsvReader r("f.csv", "a,b\n1,\n");
  auto rows = ReadAll(r);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", ""}));
}

TEST(CsvReader, ReportsAnUnclosedQuoteWhereItOpened) {
  CsvReader r("units.csv", "a,b\n1,\"open\n2,3\n");
  ReadAll(r);
  ASSERT_EQ(r.problems().size(), 1u);
  EXPECT_EQ(r.problems()[0].location().ToString(), "units.csv:2:3");
}

TEST(CsvReader, ReportsTextAfterAClosingQuote) {
  CsvReader r("f.csv", "a,b\n\"x\"y,2\n");
  auto rows = ReadAll(r);
  ASSERT_EQ(r.problems().size(), 1u);
  EXPECT_EQ(r.problems()[0].location().ToString(), "f.csv:2:4");
  EXPECT_EQ(rows[1][1], "2");
}

TEST(CsvReader, KeepsAQuoteInsideAnUnquotedField) {
  CsvReader r("f.csv", "a\n5\"\n");
  auto rows = ReadAll(r);
  EXPECT_EQ(rows[1][0], "5\"");
  EXPECT_TRUE(r.problems().empty());
}

}  // namespace
}  // namespace agp::ingest
