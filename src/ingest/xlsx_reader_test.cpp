#include "ingest/xlsx_reader.h"

#include <gtest/gtest.h>
#include <minizip/zip.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace agp::ingest {
namespace {

namespace fs = std::filesystem;

// A file of this test's own: ctest runs tests in parallel processes.
fs::path TempFile(const std::string& name) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  fs::path dir = fs::temp_directory_path() / "agp-xlsx-test" / info->name();
  fs::create_directories(dir);
  return dir / name;
}

std::string ReadBytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A workbook with two sheets, written by libxlsxwriter as Excel would.
fs::path MakeWorkbook() {
  const fs::path path = TempFile("book.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd.mm.yyyy");
  lxw_format* builtin_date = workbook_add_format(wb);
  format_set_num_format_index(builtin_date, 14);
  lxw_worksheet* units = workbook_add_worksheet(wb, "units");
  worksheet_write_string(units, 0, 0, "unit_id", nullptr);
  worksheet_write_string(units, 0, 1, "name", nullptr);
  worksheet_write_string(units, 0, 2, "start", nullptr);
  worksheet_write_number(units, 1, 0, 1000, nullptr);
  worksheet_write_string(units, 1, 1, "Ærlig Østre Åsen", nullptr);
  lxw_datetime d = {2024, 3, 1, 0, 0, 0};
  worksheet_write_datetime(units, 1, 2, &d, date);
  // Row 3 left empty; row 4 has a gap in column B.
  worksheet_write_number(units, 3, 0, 37.5, nullptr);
  lxw_datetime d2 = {1999, 12, 31, 0, 0, 0};
  worksheet_write_datetime(units, 3, 2, &d2, builtin_date);
  worksheet_write_boolean(units, 4, 0, 1, nullptr);
  worksheet_write_string(units, 4, 1, "0,5", nullptr);
  lxw_worksheet* second = workbook_add_worksheet(wb, "Employees");
  worksheet_write_string(second, 0, 0, "employee_id", nullptr);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  return path;
}

std::vector<Row> ReadAll(TableReader& r, std::vector<std::vector<std::string>>* texts) {
  std::vector<Row> rows;
  Row row;
  while (r.Next(&row)) {
    std::vector<std::string> t;
    for (const Field& f : row.fields) t.emplace_back(f.text);
    texts->push_back(t);
    rows.push_back(row);
  }
  return rows;
}

TEST(XlsxReader, ListsSheetsInWorkbookOrder) {
  auto book = XlsxWorkbook::Open(MakeWorkbook().string());
  ASSERT_TRUE(book.ok()) << book.error().ToString();
  EXPECT_EQ(book->sheet_names(), (std::vector<std::string>{"units", "Employees"}));
}

TEST(XlsxReader, ReadsCellsAsACsvExportWouldWriteThem) {
  auto book = XlsxWorkbook::Open(MakeWorkbook().string());
  ASSERT_TRUE(book.ok());
  auto sheet = book->OpenSheet("units");
  ASSERT_TRUE(sheet.ok());
  std::vector<std::vector<std::string>> t;
  auto rows = ReadAll(**sheet, &t);
  ASSERT_EQ(t.size(), 4u);  // the empty row 3 is skipped
  EXPECT_EQ(t[0], (std::vector<std::string>{"unit_id", "name", "start"}));
  EXPECT_EQ(t[1], (std::vector<std::string>{"1000", "Ærlig Østre Åsen", "2024-03-01"}));
  EXPECT_EQ(t[2], (std::vector<std::string>{"37.5", "", "1999-12-31"}));  // the gap stays
  EXPECT_EQ(t[3], (std::vector<std::string>{"1", "0,5", ""}));            // boolean; text; padded
  EXPECT_EQ(rows[2].line, 4);
  EXPECT_EQ(rows[2].fields[2].column, 3);
  EXPECT_TRUE((*sheet)->problems().empty());
}

TEST(XlsxReader, AnUnknownSheetIsAnError) {
  auto book = XlsxWorkbook::Open(MakeWorkbook().string());
  ASSERT_TRUE(book.ok());
  EXPECT_FALSE(book->OpenSheet("absence").ok());
}

TEST(XlsxReader, ExcelSerialsFollowBothDateSystemsAndThe1900Bug) {
  EXPECT_EQ(ExcelSerialToIso(1, false), "1900-01-01");
  EXPECT_EQ(ExcelSerialToIso(59, false), "1900-02-28");
  EXPECT_EQ(ExcelSerialToIso(60, false), "");  // 1900-02-29 never was
  EXPECT_EQ(ExcelSerialToIso(61, false), "1900-03-01");
  EXPECT_EQ(ExcelSerialToIso(25569, false), "1970-01-01");
  EXPECT_EQ(ExcelSerialToIso(45352.75, false), "2024-03-01");  // the time of day is dropped
  EXPECT_EQ(ExcelSerialToIso(0, true), "");
  EXPECT_EQ(ExcelSerialToIso(1, true), "1904-01-02");
  EXPECT_EQ(ExcelSerialToIso(-5, false), "");
}

TEST(XlsxReader, GarbageIsRefusedWithAMessage) {
  auto book = XlsxWorkbook::OpenBytes("pakke.xlsx", "this is not a workbook");
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.error().location().file, "pakke.xlsx");
}

TEST(ZipArchive, ReadsEntriesFromAFileAndFromMemory) {
  const fs::path path = TempFile("pkg.zip");
  zipFile z = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  ASSERT_NE(z, nullptr);
  for (const auto& [name, text] : std::vector<std::pair<std::string, std::string>>{
           {"pakke/units.csv", "unit_id,name\n1,Kommunen\n"}, {"pakke/", ""}}) {
    zip_fileinfo info{};
    ASSERT_EQ(zipOpenNewFileInZip64(z, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr,
                                    Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0),
              ZIP_OK);
    zipWriteInFileInZip(z, text.data(), static_cast<unsigned>(text.size()));
    zipCloseFileInZip(z);
  }
  zipClose(z, nullptr);

  auto zip = ZipArchive::OpenFile(path.string());
  ASSERT_TRUE(zip.ok()) << zip.error().ToString();
  EXPECT_EQ(zip->entry_names(), (std::vector<std::string>{"pakke/units.csv"}));  // no folders
  EXPECT_EQ(*zip->Read("pakke/units.csv"), "unit_id,name\n1,Kommunen\n");
  EXPECT_EQ(zip->Read("units.csv").error().code(), core::ErrorCode::kNotFound);

  auto mem = ZipArchive::OpenBytes("x.zip", ReadBytes(path));
  ASSERT_TRUE(mem.ok());
  EXPECT_EQ(*mem->Read("pakke/units.csv"), "unit_id,name\n1,Kommunen\n");
}

TEST(ZipArchive, RefusesGarbageAndDamage) {
  EXPECT_FALSE(ZipArchive::OpenBytes("x.zip", "PK\x03\x04 not really").ok());
  EXPECT_FALSE(ZipArchive::OpenBytes("x.zip", "").ok());
}

}  // namespace
}  // namespace agp::ingest
