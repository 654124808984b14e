// The report's workbook, read back with the project's own XLSX reader: the sheets and their
// names, numbers as numeric cells, every goal listed, the figures equal to the report's cells,
// suppression kept, and a failed write that leaves nothing behind.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "ingest/xlsx_reader.h"
#include "ingest/zip_archive.h"
#include "metrics/labels.h"
#include "policy/evaluation.h"
#include "report/report.h"
#include "report/test_support.h"

namespace agp::report {
namespace {

namespace fs = std::filesystem;

// A fresh directory for one test, removed with what is in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "agp-xlsx-test-XXXXXX").string();
    path_ = mkdtemp(pattern.data()) != nullptr ? fs::path(pattern) : fs::path();
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }
  std::vector<std::string> Entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(path_)) out.push_back(e.path().filename());
    return out;
  }

 private:
  fs::path path_;
};

struct SheetRow {
  int line = 0;  // the sheet's row number
  std::vector<std::string> fields;

  std::string Field(size_t column) const { return column < fields.size() ? fields[column] : ""; }
};

// A workbook as the reader sees it, with each sheet's XML for the cell types: the reader gives
// every cell as text, so whether a cell is a number is read from the sheet's XML.
struct ReadBack {
  std::vector<std::string> names;
  std::map<std::string, std::vector<SheetRow>> rows;
  std::map<std::string, std::string> xml;

  const std::vector<SheetRow>& Rows(const std::string& sheet) const {
    static const std::vector<SheetRow> kNone;
    auto it = rows.find(sheet);
    return it != rows.end() ? it->second : kNone;
  }

  // 'n' a number, 's' text, 'b' a boolean, 0 no cell; `column` counts from 0.
  char Type(const std::string& sheet, int line, size_t column) const {
    std::string ref;
    for (size_t c = column + 1; c > 0; c = (c - 1) / 26) {
      ref.insert(ref.begin(), static_cast<char>('A' + (c - 1) % 26));
    }
    ref += std::to_string(line);
    const std::string& x = xml.at(sheet);
    size_t at = x.find("<c r=\"" + ref + "\"");
    if (at == std::string::npos) return 0;
    std::string tag = x.substr(at, x.find('>', at) - at);
    if (tag.find(" t=\"b\"") != std::string::npos) return 'b';
    if (tag.find(" t=\"") != std::string::npos) return 's';  // shared, inline or formula string
    return 'n';
  }
};

core::Result<ReadBack> Read(const fs::path& path) {
  auto book = ingest::XlsxWorkbook::Open(path.string());
  if (!book.ok()) return book.error();
  auto zip = ingest::ZipArchive::OpenFile(path.string());
  if (!zip.ok()) return zip.error();
  ReadBack out;
  out.names = book->sheet_names();
  for (size_t i = 0; i < out.names.size(); ++i) {
    const std::string& name = out.names[i];
    auto reader = book->OpenSheet(name);
    if (!reader.ok()) return reader.error();
    ingest::Row row;
    while ((*reader)->Next(&row)) {
      SheetRow r{row.line, {}};
      for (const ingest::Field& f : row.fields) r.fields.emplace_back(f.text);
      out.rows[name].push_back(std::move(r));
    }
    // libxlsxwriter stores the sheets as sheet1.xml, sheet2.xml, … in the order of the tabs.
    auto xml = zip->Read("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml");
    if (!xml.ok()) return xml.error();
    out.xml[name] = std::move(*xml);
  }
  return out;
}

// The rows below the header row that begins with `first_header`, and the header's columns.
struct Table {
  int header_line = 0;
  std::map<std::string, size_t> columns;
  std::vector<SheetRow> rows;

  size_t Col(const std::string& name) const {
    auto it = columns.find(name);
    EXPECT_NE(it, columns.end()) << name;
    return it != columns.end() ? it->second : 999;
  }
};

Table FindTable(const std::vector<SheetRow>& sheet, const std::string& first_header) {
  Table t;
  for (const SheetRow& r : sheet) {
    if (t.header_line != 0) {
      t.rows.push_back(r);
    } else if (r.Field(0) == first_header) {
      t.header_line = r.line;
      for (size_t c = 0; c < r.fields.size(); ++c) t.columns[r.fields[c]] = c;
    }
  }
  EXPECT_NE(t.header_line, 0) << "no header row beginning with " << first_header;
  return t;
}

size_t Utf8Length(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Writes the report of the test world for `audience` and reads it back.
struct Written {
  Report report;
  ReadBack book;
};

Written WriteAndRead(Audience audience, const TempDir& dir) {
  const testing::World& w = testing::TestWorld();
  auto report = BuildReport(testing::InputFor(w, audience));
  EXPECT_TRUE(report.ok()) << (report.ok() ? "" : report.error().ToString());
  if (!report.ok()) return {};
  fs::path path = dir.path() / "rapport.xlsx";
  auto written = WriteXlsx(*report, path.string());
  EXPECT_TRUE(written.ok()) << (written.ok() ? "" : written.error().ToString());
  auto book = Read(path);
  EXPECT_TRUE(book.ok()) << (book.ok() ? "" : book.error().ToString());
  if (!book.ok()) return {std::move(*report), {}};
  return {std::move(*report), std::move(*book)};
}

TEST(Xlsx, HasTheAboutAndGoalSheetsOneSheetPerTopLevelNodeAndTheFigures) {
  TempDir dir;
  Written w = WriteAndRead(Audience::kPublic, dir);
  ASSERT_FALSE(w.book.names.empty());

  std::vector<const NodeBlock*> tops;
  for (const NodeBlock& n : w.report.nodes) {
    if (n.depth == 0) tops.push_back(&n);
  }
  ASSERT_GE(tops.size(), 2u);
  ASSERT_EQ(w.book.names.size(), tops.size() + 3);
  EXPECT_EQ(w.book.names.front(), "Om rapporten");
  EXPECT_EQ(w.book.names[1], "Mål");
  EXPECT_EQ(w.book.names.back(), "Indikatorer");
  for (size_t i = 0; i < tops.size(); ++i) {
    const std::string& name = w.book.names[i + 2];
    EXPECT_EQ(name.rfind(tops[i]->number + " ", 0), 0u) << name;
    EXPECT_LE(Utf8Length(name), 31u) << name;
    EXPECT_EQ(name.find_first_of("[]:*?/\\"), std::string::npos) << name;
  }
  EXPECT_EQ(std::set<std::string>(w.book.names.begin(), w.book.names.end()).size(),
            w.book.names.size());

  // The about sheet names the organisation, the period and the audience.
  std::map<std::string, std::string> about;
  for (const SheetRow& r : w.book.Rows("Om rapporten")) about[r.Field(0)] = r.Field(1);
  EXPECT_EQ(about["Organisasjon"], w.report.input.policy->organisation);
  EXPECT_EQ(about["Periode"], "2024");
  EXPECT_EQ(about["Målgruppe"], AudienceLabel(Audience::kPublic));
  EXPECT_EQ(about["Minste gruppestørrelse"], "5 personer");
  EXPECT_NE(about["Skjerming av små grupper"].find("skjult"), std::string::npos);
}

TEST(Xlsx, EveryGoalIsInTheGoalSheetWithItsStatus) {
  TempDir dir;
  Written w = WriteAndRead(Audience::kPublic, dir);
  Table goals = FindTable(w.book.Rows("Mål"), "Nummer");
  ASSERT_FALSE(goals.rows.empty());
  EXPECT_EQ(goals.header_line, 2);  // below the title row

  int listed = 0;
  for (const NodeBlock& n : w.report.nodes) {
    if (!n.goal) continue;
    ++listed;
    size_t rows = 0;
    for (const SheetRow& r : goals.rows) {
      if (r.Field(goals.Col("Nummer")) != n.number) continue;
      ++rows;
      EXPECT_EQ(r.Field(goals.Col("Mål")), n.node->title);
      EXPECT_EQ(r.Field(goals.Col("Status")), policy::StatusLabel(n.status)) << n.number;
      EXPECT_EQ(r.Field(goals.Col("Vurdering")), n.assessment ? n.assessment->verdict : "");
    }
    EXPECT_EQ(rows, std::max<size_t>(1, n.indicators.size())) << n.number;
  }
  EXPECT_EQ(listed, w.report.goals);
  EXPECT_GT(listed, 0);
  // The assessment that counts for 2024 is the one shown.
  bool assessed = false;
  for (const SheetRow& r : goals.rows) {
    assessed = assessed || (r.Field(goals.Col("Vurdering")) == "delvis" &&
                            r.Field(goals.Col("Vurdert av")) == "Rådmannens ledergruppe");
  }
  EXPECT_TRUE(assessed);
}

TEST(Xlsx, FiguresAreNumericCells) {
  TempDir dir;
  Written w = WriteAndRead(Audience::kPublic, dir);

  Table goals = FindTable(w.book.Rows("Mål"), "Nummer");
  int numbers = 0;
  for (const SheetRow& r : goals.rows) {
    std::string v = r.Field(goals.Col("Verdi"));
    if (v.empty()) continue;
    char type = w.book.Type("Mål", r.line, goals.Col("Verdi"));
    EXPECT_EQ(type, v == "skjult" ? 's' : 'n') << "Mål row " << r.line << ": " << v;
    numbers += type == 'n';
    EXPECT_EQ(w.book.Type("Mål", r.line, goals.Col("Nummer")), 's');
  }
  EXPECT_GT(numbers, 0);

  Table figures = FindTable(w.book.Rows("Indikatorer"), "Indikatornøkkel");
  ASSERT_FALSE(figures.rows.empty());
  numbers = 0;
  for (const SheetRow& r : figures.rows) {
    for (const char* column : {"Verdi", "Teller", "Nevner", "Personer"}) {
      if (r.Field(figures.Col(column)).empty()) continue;
      EXPECT_EQ(w.book.Type("Indikatorer", r.line, figures.Col(column)), 'n')
          << column << " in row " << r.line;
      ++numbers;
    }
    EXPECT_EQ(w.book.Type("Indikatorer", r.line, figures.Col("Skjult")), 'b');
    EXPECT_EQ(w.book.Type("Indikatorer", r.line, figures.Col("Periode")), 's');
  }
  EXPECT_GT(numbers, 0);

  // A top-level node's sheet: one column per trend year, numbers in them.
  numbers = 0;
  for (size_t i = 2; i + 1 < w.book.names.size(); ++i) {
    const std::string& sheet = w.book.names[i];
    const std::vector<SheetRow>& rows = w.book.Rows(sheet);
    if (rows.size() < 3) continue;  // a node without indicators
    Table trend = FindTable(rows, "Nummer");
    for (const char* year : {"2020", "2024"}) {
      ASSERT_TRUE(trend.columns.contains(year)) << sheet;
      for (const SheetRow& r : trend.rows) {
        if (r.Field(0) == "Nummer") break;  // the breakdown's header
        std::string v = r.Field(trend.Col(year));
        if (v.empty() || v == "skjult") continue;
        EXPECT_EQ(w.book.Type(sheet, r.line, trend.Col(year)), 'n') << sheet << " " << r.line;
        ++numbers;
      }
    }
  }
  EXPECT_GT(numbers, 0);
}

// The figures of the report by (indicator key, unit key, period): what "Indikatorer" must hold.
std::map<std::tuple<std::string, std::string, std::string>, metrics::Cell> ReportCells(
    const Report& report) {
  std::map<std::tuple<std::string, std::string, std::string>, metrics::Cell> out;
  const std::string period = report.input.period.ToString();
  for (const NodeBlock& n : report.nodes) {
    for (const IndicatorBlock& line : n.indicators) {
      if (line.has_current) out[{line.key, line.unit_key, period}] = line.current;
      for (const TrendPoint& p : line.trend) {
        if (p.has_cell) out[{line.key, line.unit_key, p.period.ToString()}] = p.cell;
      }
      for (const UnitFigure& u : line.breakdown) {
        if (u.has_cell) out[{line.key, u.key, period}] = u.cell;
      }
    }
  }
  return out;
}

void ExpectNumber(const std::string& text, std::optional<double> expected,
                  const std::string& what) {
  if (!expected) {
    EXPECT_EQ(text, "") << what;
    return;
  }
  ASSERT_FALSE(text.empty()) << what;
  EXPECT_NEAR(std::stod(text), *expected, 1e-9) << what;
}

TEST(Xlsx, IndicatorSheetHoldsEveryFigureOfTheReportOnce) {
  for (Audience audience : {Audience::kPublic, Audience::kAdmin}) {
    SCOPED_TRACE(AudienceKey(audience));
    TempDir dir;
    Written w = WriteAndRead(audience, dir);
    auto expected = ReportCells(w.report);
    ASSERT_FALSE(expected.empty());
    Table t = FindTable(w.book.Rows("Indikatorer"), "Indikatornøkkel");
    EXPECT_EQ(t.rows.size(), expected.size());
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    for (const SheetRow& r : t.rows) {
      std::tuple<std::string, std::string, std::string> id{r.Field(t.Col("Indikatornøkkel")),
                                                           r.Field(t.Col("Enhets-ID")),
                                                           r.Field(t.Col("Periode"))};
      std::string what = std::get<0>(id) + " " + std::get<1>(id) + " " + std::get<2>(id);
      EXPECT_TRUE(seen.insert(id).second) << "twice: " << what;
      auto it = expected.find(id);
      ASSERT_NE(it, expected.end()) << "not in the report: " << what;
      const metrics::Cell& cell = it->second;
      EXPECT_EQ(r.Field(t.Col("Indikator")), metrics::IndicatorLabel(std::get<0>(id)));
      EXPECT_EQ(r.Field(t.Col("Skjult")), cell.suppressed ? "1" : "0") << what;
      ExpectNumber(r.Field(t.Col("Verdi")), cell.value, what + " verdi");
      ExpectNumber(r.Field(t.Col("Teller")), cell.numerator, what + " teller");
      ExpectNumber(r.Field(t.Col("Nevner")), cell.denominator, what + " nevner");
      ExpectNumber(r.Field(t.Col("Personer")),
                   cell.suppressed ? std::nullopt
                                   : std::optional<double>(static_cast<double>(cell.population())),
                   what + " personer");
    }
  }
}

TEST(Xlsx, PublicWorkbookShowsNoSuppressedFigure) {
  TempDir dir;
  Written w = WriteAndRead(Audience::kPublic, dir);
  Table t = FindTable(w.book.Rows("Indikatorer"), "Indikatornøkkel");
  int suppressed = 0;
  for (const SheetRow& r : t.rows) {
    if (r.Field(t.Col("Skjult")) != "1") continue;
    ++suppressed;
    for (const char* column : {"Verdi", "Teller", "Nevner", "Personer"}) {
      EXPECT_EQ(r.Field(t.Col(column)), "") << column << " in row " << r.line;
    }
  }
  EXPECT_GT(suppressed, 0) << "the public report of the test world should withhold some figures";

  // Where the goal sheet has a suppressed current value it says "skjult", never a number.
  Table goals = FindTable(w.book.Rows("Mål"), "Nummer");
  size_t row = 0;
  for (const NodeBlock& n : w.report.nodes) {
    if (!n.goal) continue;
    if (n.indicators.empty()) ++row;
    for (const IndicatorBlock& line : n.indicators) {
      ASSERT_LT(row, goals.rows.size());
      if (line.has_current && line.current.suppressed) {
        EXPECT_EQ(goals.rows[row].Field(goals.Col("Verdi")), "skjult") << n.number;
      }
      ++row;
    }
  }
}

TEST(Xlsx, AdminWorkbookHasNoSuppressedRows) {
  TempDir dir;
  Written w = WriteAndRead(Audience::kAdmin, dir);
  Table t = FindTable(w.book.Rows("Indikatorer"), "Indikatornøkkel");
  ASSERT_FALSE(t.rows.empty());
  for (const SheetRow& r : t.rows) EXPECT_EQ(r.Field(t.Col("Skjult")), "0") << r.line;
  for (const auto& [name, rows] : w.book.rows) {
    for (const SheetRow& r : rows) {
      for (const std::string& f : r.fields) EXPECT_NE(f, "skjult") << name << " row " << r.line;
    }
  }
}

TEST(Xlsx, FailedWriteReturnsAnErrorAndLeavesNoFile) {
  const testing::World& world = testing::TestWorld();
  auto report = BuildReport(testing::InputFor(world, Audience::kPublic));
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  TempDir dir;

  // A directory that is not there.
  fs::path missing = dir.path() / "mangler" / "rapport.xlsx";
  auto status = WriteXlsx(*report, missing.string());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kIo);
  EXPECT_NE(status.error().message().find(missing.string()), std::string::npos);
  EXPECT_FALSE(fs::exists(missing));
  EXPECT_TRUE(dir.Entries().empty());

  // A target that cannot be replaced (a directory): the workbook is written, the rename fails,
  // and the temporary file is gone.
  fs::create_directory(dir.path() / "rapport.xlsx");
  status = WriteXlsx(*report, (dir.path() / "rapport.xlsx").string());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kIo);
  EXPECT_EQ(dir.Entries(), std::vector<std::string>{"rapport.xlsx"});
  EXPECT_TRUE(fs::is_directory(dir.path() / "rapport.xlsx"));
}

TEST(Xlsx, ReplacesAnOldFileWhole) {
  const testing::World& world = testing::TestWorld();
  auto report = BuildReport(testing::InputFor(world, Audience::kPublic));
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  TempDir dir;
  fs::path path = dir.path() / "rapport.xlsx";
  std::ofstream(path) << "an old file that is no workbook";
  ASSERT_TRUE(WriteXlsx(*report, path.string()).ok());
  auto book = Read(path);
  ASSERT_TRUE(book.ok()) << book.error().ToString();
  EXPECT_EQ(book->names.front(), "Om rapporten");
  EXPECT_EQ(dir.Entries(), std::vector<std::string>{"rapport.xlsx"});
  EXPECT_EQ(fs::status(path).permissions() & fs::perms::others_read, fs::perms::others_read);
}

TEST(Xlsx, SheetNamesAreShortValidAndUniqueWithoutRegardToCase) {
  policy::Policy policy;
  policy.organisation = "Fjellvik kommune";
  policy.title = "Arbeidsgiverpolitikk";
  std::vector<policy::Node> nodes(6);
  nodes[0].title = "Heltid/deltid: [turnus]*?";
  nodes[1].title = "Et langt hovedmål om likestilling og mangfold i hele organisasjonen";
  nodes[2].title = "Et langt hovedmål om likestilling og mangfold i hele organisasjonen";
  nodes[3].title = "Øst";
  nodes[4].title = "øst";
  nodes[5].title = "Indikatorer";
  Report report;
  report.input = testing::InputFor(testing::TestWorld(), Audience::kPublic);
  report.input.policy = &policy;
  const char* numbers[] = {"1", "2", "2", "", "", ""};
  for (size_t i = 0; i < nodes.size(); ++i) {
    NodeBlock b;
    b.node = &nodes[i];
    b.number = numbers[i];
    report.nodes.push_back(b);
  }
  TempDir dir;
  fs::path path = dir.path() / "navn.xlsx";
  auto status = WriteXlsx(report, path.string());
  ASSERT_TRUE(status.ok()) << status.error().ToString();
  auto book = Read(path);
  ASSERT_TRUE(book.ok()) << book.error().ToString();
  EXPECT_EQ(book->names, (std::vector<std::string>{
                             "Om rapporten", "Mål", "1 Heltid-deltid- -turnus---",
                             "2 Et langt hovedmål om likestil", "2 Et langt hovedmål om like (2)",
                             "Øst", "øst (2)", "Indikatorer (2)", "Indikatorer"}));
  for (const std::string& name : book->names) EXPECT_LE(Utf8Length(name), 31u) << name;
  // A node without indicators says so on its sheet.
  EXPECT_EQ(book->Rows("Øst").back().Field(0), "Ingen indikatorer under dette punktet.");
}

}  // namespace
}  // namespace agp::report
