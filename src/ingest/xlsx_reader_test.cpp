#include "ingest/xlsx_reader.h"

#include <gtest/gtest.h>
#include <minizip/zip.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <utility>

#include "ingest/zip_archive.h"

namespace agp::ingest {
namespace {

namespace fs = std::filesystem;
using Texts = std::vector<std::vector<std::string>>;

// A file in the temporary folder, unique to this process (ctest runs tests side by side),
// removed when the test ends.
class TempFile {
 public:
  explicit TempFile(const std::string& name)
      : path_(fs::temp_directory_path() / ("agp-" + std::to_string(getpid()) + "-" + name)) {}
  ~TempFile() {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  const fs::path& path() const { return path_; }
  std::string bytes() const {
    std::ifstream in(path_, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

 private:
  fs::path path_;
};

struct Entry {
  std::string name, content;
  int method = Z_DEFLATED;  // or 0: stored
  uLong flags = 0;          // general purpose bits; 1 << 11 says the name is UTF-8
};

// A ZIP archive with `entries`, written by minizip.
std::string MakeZip(const std::vector<Entry>& entries) {
  TempFile file("made.zip");
  zipFile z = zipOpen64(file.path().c_str(), APPEND_STATUS_CREATE);
  EXPECT_NE(z, nullptr);
  for (const Entry& e : entries) {
    zip_fileinfo info{};
    EXPECT_EQ(
        zipOpenNewFileInZip4_64(z, e.name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, e.method,
                                e.method == 0 ? 0 : Z_DEFAULT_COMPRESSION, 0, -MAX_WBITS,
                                DEF_MEM_LEVEL, Z_DEFAULT_STRATEGY, nullptr, 0, 0, e.flags, 0),
        ZIP_OK);
    zipWriteInFileInZip(z, e.content.data(), static_cast<unsigned>(e.content.size()));
    zipCloseFileInZip(z);
  }
  zipClose(z, nullptr);
  return file.bytes();
}

// A workbook with the parts libxlsxwriter never writes; `sheet` is the sheetData's content.
std::string HandMadeWorkbook(const std::string& sheet, const std::string& workbook_pr = "") {
  return MakeZip({
      {"_rels/.rels",
       R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
       R"(<Relationship Id="rId1" Target="/xl/workbook.xml" Type="http://schemas.openxmlformats.)"
       R"(org/officeDocument/2006/relationships/officeDocument"/></Relationships>)"},
      {"xl/workbook.xml",
       R"(<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
       R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)" +
           workbook_pr +
           R"(<x:sheets><x:sheet name="data" sheetId="1" r:id="rId1"/>)"
           R"(<x:sheet name="lost" sheetId="2" r:id="rId9"/></x:sheets></x:workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
       R"(<Relationship Id="rId1" Target="/xl/worksheets/data.xml" Type="x/worksheet"/>)"
       R"(<Relationship Id="rId2" Target="strings.xml" Type="x/sharedStrings"/>)"
       R"(<Relationship Id="rId3" Target="./styles.xml" Type="x/styles"/></Relationships>)"},
      {"xl/strings.xml",
       R"(<sst><si><t>plain</t></si><si><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r>)"
       R"(<rPh><t>phonetic</t></rPh></si><si><t xml:space="preserve">  </t></si>)"
       R"(<si><t>a_x000D_b &amp; c</t></si></sst>)"},
      {"xl/styles.xml",
       R"(<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="hh:mm"/>)"
       R"(<numFmt numFmtId="165" formatCode="yyyy\-mm\-dd"/><numFmt numFmtId="166" )"
       R"(formatCode="[h]:mm"/></numFmts><cellXfs count="4"><xf numFmtId="0"/>)"
       R"(<xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/></cellXfs></styleSheet>)"},
      {"xl/worksheets/data.xml",
       "<?xml version=\"1.0\"?><x:worksheet><x:dimension ref=\"A1\"/>"
       "<!-- <x:sheetData> in a comment --><x:sheetData>" +
           sheet + "</x:sheetData></x:worksheet>"},
  });
}

Texts ReadSheet(const XlsxWorkbook& book, const std::string& sheet,
                std::vector<Row>* rows = nullptr, std::vector<core::Error>* problems = nullptr) {
  auto reader = book.OpenSheet(sheet);
  EXPECT_TRUE(reader.ok()) << reader.error().ToString();
  if (!reader.ok()) return {};
  Texts texts;
  Row row;
  while ((*reader)->Next(&row)) {
    std::vector<std::string> t;
    for (const Field& f : row.fields) t.emplace_back(f.text);
    texts.push_back(std::move(t));
    if (rows != nullptr) rows->push_back(row);
  }
  EXPECT_EQ((*reader)->bytes_read(), (*reader)->bytes_total());
  if (problems != nullptr) *problems = (*reader)->problems();
  return texts;
}

// A workbook as Excel would write it (libxlsxwriter), with the cases of DESIGN §3.
void WriteWorkbook(const fs::path& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_format* dotted = workbook_add_format(wb);
  format_set_num_format(dotted, "dd.mm.yyyy");
  lxw_format* builtin = workbook_add_format(wb);
  format_set_num_format_index(builtin, 14);
  lxw_worksheet* units = workbook_add_worksheet(wb, "units");
  lxw_worksheet* employees = workbook_add_worksheet(wb, "Ansatte æøå");
  workbook_add_worksheet(wb, "absence");
  worksheet_write_string(units, 0, 0, "unit_id", nullptr);
  worksheet_write_string(units, 0, 1, "name", nullptr);
  worksheet_write_string(units, 0, 2, "start", nullptr);
  worksheet_write_string(units, 0, 3, "percent", nullptr);
  worksheet_write_number(units, 1, 0, 1000, nullptr);
  worksheet_write_string(units, 1, 1, "Ærlig Østre Åsen, avd. æøå", nullptr);
  lxw_datetime march = {2024, 3, 1, 0, 0, 0};
  worksheet_write_datetime(units, 1, 2, &march, dotted);
  worksheet_write_number(units, 1, 3, 37.5, nullptr);
  // Row 3 stays empty. Row 4 leaves B empty; its date uses built-in format 14 and has a time.
  worksheet_write_number(units, 3, 0, 100, nullptr);
  lxw_datetime eve = {1999, 12, 31, 18, 30, 0};
  worksheet_write_datetime(units, 3, 2, &eve, builtin);
  worksheet_write_string(units, 3, 3, "0,5", nullptr);
  worksheet_write_boolean(units, 4, 0, 1, nullptr);
  worksheet_write_boolean(units, 4, 1, 0, nullptr);
  worksheet_write_number(units, 5, 3, 1e-7, nullptr);
  worksheet_write_string(units, 6, 2, "", nullptr);  // a row of empty strings is empty too
  worksheet_write_string(employees, 0, 0, "employee_id", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
}

TEST(XlsxReader, ListsSheetsInWorkbookOrder) {
  TempFile file("order.xlsx");
  WriteWorkbook(file.path());
  auto book = XlsxWorkbook::Open(file.path().string());
  ASSERT_TRUE(book.ok()) << book.error().ToString();
  EXPECT_EQ(book->sheet_names(), (std::vector<std::string>{"units", "Ansatte æøå", "absence"}));
  EXPECT_EQ(book->name(), file.path().filename().string());
}

TEST(XlsxReader, ReadsCellsAsACsvExportWouldWriteThem) {
  TempFile file("cells.xlsx");
  WriteWorkbook(file.path());
  auto book = XlsxWorkbook::OpenBytes("book.xlsx", file.bytes());
  ASSERT_TRUE(book.ok()) << book.error().ToString();
  std::vector<Row> rows;
  std::vector<core::Error> problems;
  const Texts t = ReadSheet(*book, "units", &rows, &problems);
  ASSERT_EQ(t.size(), 5u);  // the empty rows 3 and 7 are skipped
  EXPECT_EQ(t[0], (std::vector<std::string>{"unit_id", "name", "start", "percent"}));
  EXPECT_EQ(t[1],
            (std::vector<std::string>{"1000", "Ærlig Østre Åsen, avd. æøå", "2024-03-01", "37.5"}));
  EXPECT_EQ(t[2], (std::vector<std::string>{"100", "", "1999-12-31", "0,5"}));  // B stays empty
  EXPECT_EQ(t[3], (std::vector<std::string>{"1", "0", "", ""}));  // booleans; padded to the header
  EXPECT_EQ(t[4], (std::vector<std::string>{"", "", "", "0.0000001"}));
  EXPECT_EQ(
      (std::vector<int>{rows[0].line, rows[1].line, rows[2].line, rows[3].line, rows[4].line}),
      (std::vector<int>{1, 2, 4, 5, 6}));
  for (const Row& row : rows) {
    for (size_t i = 0; i < row.fields.size(); ++i) EXPECT_EQ(row.fields[i].column, int(i) + 1);
  }
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(ReadSheet(*book, "Ansatte æøå"), (Texts{{"employee_id"}}));
  EXPECT_TRUE(ReadSheet(*book, "absence").empty());
}

TEST(XlsxReader, ReadsWhatOtherWritersProduce) {
  // Namespace prefixes, absolute and relative targets, rich and inline strings, escapes,
  // formulas, errors, counted rows and cells, a time format that is not a date, and an empty
  // cell with a format (H1) that does not make the header wider.
  auto book = XlsxWorkbook::OpenBytes(
      "other.xlsx",
      HandMadeWorkbook(
          R"(<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c>)"
          R"(<x:c t="s"><x:v>2</x:v></x:c><x:c t="s"><x:v>3</x:v></x:c><x:c r="H1" s="1"/></x:row>)"
          R"(<x:row r="3"><x:c r="B3" t="inlineStr"><x:is><x:t>inline æ</x:t></x:is></x:c>)"
          R"(<x:c t="str"><x:f>A1</x:f><x:v>plain</x:v></x:c><x:c r="E3" t="e"><x:v>#N/A</x:v>)"
          R"(</x:c></x:row><x:row><x:c s="1"><x:v>0.5</x:v></x:c><x:c s="2"><x:v>45352</x:v>)"
          R"(</x:c><x:c t="d"><x:v>2024-02-29T00:00:00</x:v></x:c><x:c><x:v>1E-07</x:v></x:c>)"
          R"(<x:c><x:v>n/a</x:v></x:c><x:c s="2"><x:v>60</x:v></x:c><x:c s="3"><x:v>1.5</x:v>)"
          R"(</x:c></x:row>)"));
  ASSERT_TRUE(book.ok()) << book.error().ToString();
  std::vector<Row> rows;
  std::vector<core::Error> problems;
  const Texts t = ReadSheet(*book, "data", &rows, &problems);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0], (std::vector<std::string>{"plain", "rich text", "  ", "a\rb & c"}));
  EXPECT_EQ(t[1], (std::vector<std::string>{"", "inline æ", "plain", "", "#N/A"}));
  // Times ("hh:mm", "[h]:mm") stay numbers; serial 60 is Excel's 1900-02-29, which never was.
  EXPECT_EQ(t[2], (std::vector<std::string>{"0.5", "2024-03-01", "2024-02-29", "0.0000001", "n/a",
                                            "60", "1.5"}));
  EXPECT_EQ(rows[1].line, 3);
  EXPECT_EQ(rows[2].line, 4);
  EXPECT_TRUE(problems.empty()) << problems[0].ToString();
}

TEST(XlsxReader, HonoursThe1904DateSystem) {
  auto book = XlsxWorkbook::OpenBytes(
      "mac.xlsx", HandMadeWorkbook(R"(<x:row><x:c s="2"><x:v>43890</x:v></x:c></x:row>)",
                                   R"(<x:workbookPr date1904="1"/>)"));
  ASSERT_TRUE(book.ok()) << book.error().ToString();
  EXPECT_EQ(ReadSheet(*book, "data"), (Texts{{"2024-03-01"}}));
}

TEST(XlsxReader, ReportsDamagedRowsWithTheirPlaceAndReadsOn) {
  auto book = XlsxWorkbook::OpenBytes(
      "bad.xlsx",
      HandMadeWorkbook(R"(<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>)"
                       R"(<x:row r="2"><x:c r="A2"><x:v>2</x:x></x:c></x:row>)"  // bad XML
                       R"(<x:row r="3"><x:c r="C3"><x:v>3</x:v></x:c><x:c r="B3"><x:v>4</x:v>)"
                       R"(</x:c><x:c t="s"><x:v>99</x:v></x:c></x:row>)"
                       R"(<x:row r="9999999"><x:c r="a"><x:v>5</x:v></x:c></x:row>)"));
  ASSERT_TRUE(book.ok()) << book.error().ToString();
  std::vector<Row> rows;
  std::vector<core::Error> problems;
  const Texts t = ReadSheet(*book, "data", &rows, &problems);
  EXPECT_EQ(t, (Texts{{"1"}, {"", "", "3"}, {"5"}}));
  ASSERT_EQ(problems.size(), 5u);
  EXPECT_EQ(problems[0].location().ToString(), "bad.xlsx[data]:2");    // the bad XML
  EXPECT_EQ(problems[1].location().ToString(), "bad.xlsx[data]:3:2");  // B3 after C3
  EXPECT_EQ(problems[2].location().ToString(), "bad.xlsx[data]:3:4");  // no shared string 99
  EXPECT_EQ(problems[3].location().ToString(), "bad.xlsx[data]:4");    // row 9999999
  EXPECT_EQ(problems[4].location().ToString(), "bad.xlsx[data]:4:1");  // reference "a"
  EXPECT_EQ(rows[2].line, 4);
}

TEST(XlsxReader, StopsAtExcelsLastRow) {
  auto book = XlsxWorkbook::OpenBytes(
      "long.xlsx", HandMadeWorkbook(R"(<x:row r="1048576"><x:c><x:v>1</x:v></x:c></x:row>)"
                                    R"(<x:row><x:c><x:v>2</x:v></x:c></x:row>)"
                                    R"(<x:row r="5"><x:c><x:v>3</x:v></x:c></x:row>)"));
  ASSERT_TRUE(book.ok()) << book.error().ToString();
  std::vector<Row> rows;
  std::vector<core::Error> problems;
  EXPECT_EQ(ReadSheet(*book, "data", &rows, &problems), (Texts{{"1"}}));
  EXPECT_EQ(rows[0].line, 1048576);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].location().ToString(), "long.xlsx[data]:1048577");
}

TEST(XlsxReader, ReportsASheetThatEndsEarly) {
  std::string zip =
      HandMadeWorkbook(R"(<x:row r="1"><x:c><x:v>1</x:v></x:c></x:row><x:row r="2">)");
  auto book = XlsxWorkbook::OpenBytes("cut.xlsx", zip);
  ASSERT_TRUE(book.ok()) << book.error().ToString();
  std::vector<core::Error> problems;
  EXPECT_EQ(ReadSheet(*book, "data", nullptr, &problems), (Texts{{"1"}}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].location().ToString(), "cut.xlsx[data]:2");
}

TEST(XlsxReader, AnUnknownOrMissingSheetIsAnError) {
  auto book = XlsxWorkbook::OpenBytes("book.xlsx", HandMadeWorkbook(""));
  ASSERT_TRUE(book.ok()) << book.error().ToString();
  EXPECT_EQ(book->sheet_names(), (std::vector<std::string>{"data", "lost"}));
  EXPECT_TRUE(ReadSheet(*book, "data").empty());
  auto unknown = book->OpenSheet("absence");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code(), core::ErrorCode::kNotFound);
  EXPECT_EQ(unknown.error().location().file, "book.xlsx[absence]");
  auto lost = book->OpenSheet("lost");  // its relationship is missing
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.error().code(), core::ErrorCode::kInvalidInput);
  EXPECT_EQ(lost.error().location().file, "book.xlsx[lost]");
}

TEST(XlsxReader, RefusesWhatIsNotAWorkbook) {
  auto garbage = XlsxWorkbook::OpenBytes("pakke.xlsx", "this is not a workbook");
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().code(), core::ErrorCode::kInvalidInput);
  EXPECT_EQ(garbage.error().location().file, "pakke.xlsx");
  auto csv_zip = XlsxWorkbook::OpenBytes("pakke.xlsx", MakeZip({{"units.csv", "unit_id\n"}}));
  ASSERT_FALSE(csv_zip.ok());
  EXPECT_NE(csv_zip.error().message().find("xl/workbook.xml"), std::string::npos);
  auto missing = XlsxWorkbook::Open("/nonexistent/pakke.xlsx");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), core::ErrorCode::kIo);
}

// One long shared string (index 4 in HandMadeWorkbook's list is added here) in many cells.
std::string SharedStringBomb(size_t length, int rows) {
  std::string sheet;
  for (int r = 1; r <= rows; ++r) {
    sheet += "<x:row r=\"" + std::to_string(r) + "\"><x:c r=\"A" + std::to_string(r) +
             "\" t=\"s\"><x:v>0</x:v></x:c></x:row>";
  }
  std::string zip = HandMadeWorkbook(sheet);
  // The first shared string becomes the long one.
  TempFile file("bomb.xlsx");
  std::ofstream(file.path(), std::ios::binary) << zip;
  auto archive = ZipArchive::OpenFile(file.path().string());
  EXPECT_TRUE(archive.ok());
  std::vector<Entry> entries;
  for (const std::string& name : archive->entry_names()) {
    std::string content = *archive->Read(name);
    if (name == "xl/strings.xml") {
      content.replace(content.find("plain"), 5, std::string(length, 'x'));
    }
    entries.push_back({name, content});
  }
  return MakeZip(entries);
}

TEST(XlsxReader, ASharedStringUsedInManyCellsCountsEveryTimeAndStopsAtTheLimit) {
  XlsxLimits limits;
  limits.max_sheet_text_bytes = 100000;
  auto book = XlsxWorkbook::OpenBytes("bomb.xlsx", SharedStringBomb(30000, 50), limits);
  ASSERT_TRUE(book.ok()) << book.error().ToString();
  std::vector<Row> rows;
  std::vector<core::Error> problems;
  const Texts texts = ReadSheet(*book, "data", &rows, &problems);
  EXPECT_EQ(texts.size(), 3u);  // 90 000 bytes of text; the fourth cell passes the limit
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].ToString().rfind("bomb.xlsx[data]:4:1: arket har mer enn 98 KiB tekst", 0),
            0u)
      << problems[0].ToString();
  // Cells that show the same shared string point to its one copy.
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].fields[0].text.data(), rows[1].fields[0].text.data());
}

TEST(XlsxReader, APartLargerUnpackedThanItsLimitIsRefusedWithTheLimit) {
  XlsxLimits strings;
  strings.max_shared_strings_bytes = 20000;
  auto book = XlsxWorkbook::OpenBytes("big.xlsx", SharedStringBomb(30000, 2), strings);
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.error().message().find("grensen er 20 KiB"), std::string::npos)
      << book.error().ToString();

  XlsxLimits whole;
  whole.max_workbook_bytes = 20000;
  book = XlsxWorkbook::OpenBytes("big.xlsx", SharedStringBomb(30000, 2), whole);
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.error().ToString().rfind("big.xlsx: arbeidsboken er ", 0), 0u);
  EXPECT_NE(book.error().message().find(" KiB pakket ut; grensen er 20 KiB"), std::string::npos)
      << book.error().ToString();

  XlsxLimits sheet;
  sheet.max_sheet_bytes = 1000;
  book = XlsxWorkbook::OpenBytes("big.xlsx", SharedStringBomb(10, 100), sheet);
  ASSERT_TRUE(book.ok());
  auto reader = book->OpenSheet("data");
  ASSERT_FALSE(reader.ok());
  EXPECT_NE(reader.error().message().find("grensen er 1000 byte"), std::string::npos)
      << reader.error().ToString();
}

TEST(XlsxReader, ExcelSerialsFollowBothDateSystemsAndThe1900Bug) {
  EXPECT_EQ(ExcelSerialToIso(1, false), "1900-01-01");
  EXPECT_EQ(ExcelSerialToIso(59, false), "1900-02-28");
  EXPECT_EQ(ExcelSerialToIso(60, false), "");  // 1900-02-29 never was
  EXPECT_EQ(ExcelSerialToIso(61, false), "1900-03-01");
  EXPECT_EQ(ExcelSerialToIso(25569, false), "1970-01-01");
  EXPECT_EQ(ExcelSerialToIso(45352.75, false), "2024-03-01");  // the time of day is dropped
  EXPECT_EQ(ExcelSerialToIso(2958465, false), "9999-12-31");
  EXPECT_EQ(ExcelSerialToIso(2958466, false), "");
  EXPECT_EQ(ExcelSerialToIso(0, false), "");
  EXPECT_EQ(ExcelSerialToIso(-5, false), "");
  EXPECT_EQ(ExcelSerialToIso(0, true), "1904-01-01");
  EXPECT_EQ(ExcelSerialToIso(1, true), "1904-01-02");
  EXPECT_EQ(ExcelSerialToIso(43890, true), "2024-03-01");
  EXPECT_EQ(ExcelSerialToIso(-1, true), "");
}

TEST(ZipArchive, ReadsEntriesFromAFileAndFromMemory) {
  TempFile file("package.zip");
  {
    std::ofstream out(file.path(), std::ios::binary);
    out << MakeZip({{"pakke/units.csv", "unit_id,name\n1,Kommunen\n"},
                    {"pakke/", ""},
                    {"pakke/empty.csv", "", 0}});
  }
  auto zip = ZipArchive::OpenFile(file.path().string());
  ASSERT_TRUE(zip.ok()) << zip.error().ToString();
  EXPECT_EQ(zip->name(), file.path().filename().string());
  EXPECT_EQ(zip->entry_names(),
            (std::vector<std::string>{"pakke/units.csv", "pakke/empty.csv"}));  // no folders
  EXPECT_EQ(*zip->Read("pakke/units.csv"), "unit_id,name\n1,Kommunen\n");
  EXPECT_EQ(*zip->Read("pakke/empty.csv"), "");

  auto mem = ZipArchive::OpenBytes("x.zip", file.bytes());
  ASSERT_TRUE(mem.ok()) << mem.error().ToString();
  EXPECT_EQ(*mem->Read("pakke/units.csv"), "unit_id,name\n1,Kommunen\n");
  ZipArchive moved = std::move(*mem);  // the bytes stay where minizip reads them
  EXPECT_EQ(*moved.Read("pakke/units.csv"), "unit_id,name\n1,Kommunen\n");
}

TEST(ZipArchive, AMissingEntryIsNotFoundAndNamesArchiveAndEntry) {
  auto zip = ZipArchive::OpenBytes("x.zip", MakeZip({{"units.csv", "u"}}));
  ASSERT_TRUE(zip.ok());
  auto missing = zip->Read("absence.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), core::ErrorCode::kNotFound);
  EXPECT_EQ(missing.error().location().file, "x.zip/absence.csv");
  EXPECT_FALSE(zip->Contains("absence.csv"));
  EXPECT_TRUE(zip->Contains("units.csv"));
}

TEST(ZipArchive, NamesFromOldWindowsToolsBecomeUtf8) {
  auto zip = ZipArchive::OpenBytes("x.zip", MakeZip({{"mappe\\ansatte_\x9B\x86.csv", "a"},
                                                     {"\xC3\xB8.csv", "b", Z_DEFLATED, 1u << 11}}));
  ASSERT_TRUE(zip.ok()) << zip.error().ToString();
  EXPECT_EQ(zip->entry_names(), (std::vector<std::string>{"mappe/ansatte_øå.csv", "ø.csv"}));
  EXPECT_EQ(*zip->Read("mappe/ansatte_øå.csv"), "a");
}

TEST(ZipArchive, RefusesGarbageAndDamageWithAMessage) {
  for (const std::string& garbage : {std::string(), std::string("PK\x03\x04 not really"),
                                     std::string(1000, '\0'), std::string("PK\x05\x06", 4)}) {
    auto zip = ZipArchive::OpenBytes("x.zip", garbage);
    ASSERT_FALSE(zip.ok());
    EXPECT_EQ(zip.error().code(), core::ErrorCode::kInvalidInput);
    EXPECT_EQ(zip.error().location().file, "x.zip");
    EXPECT_FALSE(zip.error().message().empty());
  }
  // A stored entry with one byte changed: its CRC-32 no longer matches.
  std::string bytes = MakeZip({{"units.csv", "unit_id,name\n1,Kommunen\n", 0}});
  const size_t at = bytes.find("Kommunen");
  ASSERT_NE(at, std::string::npos);
  bytes[at] = 'k';
  auto zip = ZipArchive::OpenBytes("x.zip", bytes);
  ASSERT_TRUE(zip.ok()) << zip.error().ToString();
  auto damaged = zip->Read("units.csv");
  ASSERT_FALSE(damaged.ok());
  EXPECT_EQ(damaged.error().code(), core::ErrorCode::kInvalidInput);
  EXPECT_EQ(damaged.error().location().file, "x.zip/units.csv");
  EXPECT_NE(damaged.error().message().find("kontrollsum"), std::string::npos);
}

TEST(ZipArchive, RefusesAnEntryThatUnpacksToMoreThanItsDeclaredSize) {
  std::string bytes = MakeZip({{"units.csv", std::string(5000, 'x')}});
  // Declare 4000 bytes in the local header and the central directory (uncompressed size at
  // offsets 22 and 24).
  const size_t central = bytes.find("PK\x01\x02");
  ASSERT_NE(central, std::string::npos);
  for (const size_t at : {size_t{22}, central + 24}) {
    bytes[at] = static_cast<char>(4000 & 0xFF);
    bytes[at + 1] = static_cast<char>(4000 >> 8);
  }
  auto zip = ZipArchive::OpenBytes("x.zip", bytes);
  ASSERT_TRUE(zip.ok()) << zip.error().ToString();
  auto read = zip->Read("units.csv");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().location().file, "x.zip/units.csv");
  EXPECT_NE(read.error().message().find("mer enn arkivet oppgir"), std::string::npos)
      << read.error().message();
}

// An archive as Python's zipfile writes one from 2 GiB on (and every writer from 4 GiB on): the
// sizes in the local header and the central directory are 0xFFFFFFFF, the real ones in a ZIP64
// extra field (APPNOTE 4.5.3). The content is deflated.
std::string Zip64Archive(const std::string& name, const std::string& content) {
  std::string packed(compressBound(static_cast<uLong>(content.size())) + 64, '\0');
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(content.data()));
  z.avail_in = static_cast<uInt>(content.size());
  z.next_out = reinterpret_cast<Bytef*>(packed.data());
  z.avail_out = static_cast<uInt>(packed.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  packed.resize(z.total_out);
  deflateEnd(&z);
  const uint32_t crc = static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(content.data()), static_cast<uInt>(content.size())));
  const auto put = [](std::string& out, uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
  };
  std::string extra;
  put(extra, 0x0001, 2);
  put(extra, 16, 2);
  put(extra, content.size(), 8);
  put(extra, packed.size(), 8);
  std::string zip;
  put(zip, 0x04034b50, 4);
  put(zip, 45, 2);  // version needed: ZIP64
  put(zip, 0, 2);
  put(zip, 8, 2);  // deflate
  put(zip, 0, 4);  // time, date
  put(zip, crc, 4);
  put(zip, 0xFFFFFFFF, 4);
  put(zip, 0xFFFFFFFF, 4);
  put(zip, name.size(), 2);
  put(zip, extra.size(), 2);
  zip += name + extra + packed;
  const size_t directory = zip.size();
  put(zip, 0x02014b50, 4);
  put(zip, 45, 2);
  put(zip, 45, 2);
  put(zip, 0, 2);
  put(zip, 8, 2);
  put(zip, 0, 4);
  put(zip, crc, 4);
  put(zip, 0xFFFFFFFF, 4);
  put(zip, 0xFFFFFFFF, 4);
  put(zip, name.size(), 2);
  put(zip, extra.size(), 2);
  put(zip, 0, 2);  // comment
  put(zip, 0, 2);  // disk
  put(zip, 0, 2);  // internal attributes
  put(zip, 0, 4);  // external attributes
  put(zip, 0, 4);  // local header offset
  zip += name + extra;
  const size_t directory_size = zip.size() - directory;
  put(zip, 0x06054b50, 4);
  put(zip, 0, 4);
  put(zip, 1, 2);
  put(zip, 1, 2);
  put(zip, directory_size, 4);
  put(zip, directory, 4);
  put(zip, 0, 2);
  return zip;
}

TEST(ZipArchive, ReadsZip64EntriesAsLargeZipWritersMakeThem) {
  std::string content;
  for (int i = 0; i < 20000; ++i) content += "E" + std::to_string(i) + ",,egenmeldt\n";
  const std::string bytes = Zip64Archive("absence.csv", content);
  for (bool from_file : {false, true}) {
    TempFile file("zip64.zip");
    std::ofstream(file.path(), std::ios::binary) << bytes;
    auto zip = from_file ? ZipArchive::OpenFile(file.path().string())
                         : ZipArchive::OpenBytes("zip64.zip", bytes);
    ASSERT_TRUE(zip.ok()) << zip.error().ToString();
    EXPECT_EQ(zip->DeclaredSize("absence.csv"), content.size());
    auto read = zip->Read("absence.csv");
    ASSERT_TRUE(read.ok()) << read.error().ToString();
    EXPECT_TRUE(*read == content);
    // The limit is checked against the real size.
    auto refused = zip->Read("absence.csv", 1000);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message().find("pakket ut; grensen er 1000 byte"), std::string::npos)
        << refused.error().message();
  }
}

}  // namespace
}  // namespace agp::ingest
