// The rota's documents: a plan read with ingest's CSV reader (as agp heltid reads it) and rotas
// made by hand, one that breaks a rest and leaves shifts uncovered and one that keeps every rule.
// The HTML's table headers, escaping and findings; the workbook read back with ingest's XLSX
// reader; the PDF read back with pdftotext; the choice of format by extension.
#include "report/rota_export.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/text.h"
#include "ingest/csv_reader.h"
#include "ingest/xlsx_reader.h"
#include "ingest/zip_archive.h"
#include "report/output_file.h"
#include "report/pdf_pages.h"
#include "report/test_support.h"

namespace agp::report {
namespace {

namespace fs = std::filesystem;
using staffing::Plan;
using staffing::Rota;
using staffing::RotaPerson;

// `<D>` is a legal shift code (no space, comma, semicolon or quote): the documents must escape
// it. "1" is one too, and must stay text in the workbook.
Plan ReadTestPlan(const std::string& rows) {
  const std::string csv =
      "shift,start,end,paid_minutes,mon,tue,wed,thu,fri,sat,sun,holiday\n" + rows;
  ingest::CsvReader reader("plan.csv", csv);  // reads from `csv`, which it does not copy
  staffing::PlanRead read = staffing::ReadPlan(reader, "plan.csv");
  for (const core::Error& e : read.errors) ADD_FAILURE() << e.ToString();
  return read.plan.value_or(Plan{});
}

Plan TestPlan() {
  return ReadTestPlan(
      "<D>,07:30,15:00,450,1,1,1,1,1,0,0,0\n"
      "A,14:30,22:00,450,0,0,0,0,0,0,0,0\n"
      "1,08:00,12:00,240,0,0,0,0,0,0,0,0\n");
}

// Full time over `weeks` (a multiple of 3) keeping every rule: Monday to Friday, and every
// third week Monday, Tuesday, Saturday and Sunday (28 day shifts in 6 weeks: 210 h of 213 h).
RotaPerson FullTime(const std::string& name, int weeks) {
  RotaPerson p;
  p.name = name;
  p.cells.assign(static_cast<size_t>(7 * weeks), -1);
  for (int w = 0; w < weeks; ++w) {
    const bool weekend = w % 3 == 2;
    for (int d : weekend ? std::vector<int>{0, 1, 5, 6} : std::vector<int>{0, 1, 2, 3, 4}) {
      p.cells[static_cast<size_t>(7 * w + d)] = 0;
    }
  }
  return p;
}

// Kari & Ola keeps every rule; Per "P" has an evening before a day shift (9.5 h of rest), far
// too few hours and a short shift "1"; Wednesday to Friday of every third week are uncovered.
Rota TestRota(int weeks = 6) {
  Rota rota;
  rota.weeks = weeks;
  rota.persons.push_back(FullTime("Kari & Ola", weeks));
  RotaPerson per;
  per.name = "Per \"P\" <b>";
  per.position_size = 50;
  per.cells.assign(static_cast<size_t>(7 * weeks), -1);
  per.cells[7] = 1;  // Monday of week 2, 14:30–22:00
  per.cells[8] = 0;  // Tuesday of week 2, 07:30: 9.5 h after
  per.cells[10] = 2;
  rota.persons.push_back(per);
  return rota;
}

struct Fixture {
  Plan plan = TestPlan();
  Rota rota;
  staffing::RotaRules rules;
  RotaDocument doc;
  staffing::RotaCheck check;

  explicit Fixture(Rota r) : rota(std::move(r)) {
    doc.plan = &plan;
    doc.rota = &rota;
    doc.rules = &rules;
    doc.unit = "Solsiden & Co";
    doc.plan_label = "plan.csv";
    doc.made_on = "2026-12-03";
    check = staffing::CheckRota(plan, rota, rules);
  }
};

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(RotaExport, WeeksArePrintedInBlocksOfAtMostSix) {
  EXPECT_EQ(WeeksPerBlock(6), 6);
  EXPECT_EQ(WeeksPerBlock(8), 4);
  EXPECT_EQ(WeeksPerBlock(12), 6);
  EXPECT_EQ(WeeksPerBlock(10), 5);
  EXPECT_EQ(WeeksPerBlock(13), 5);
  EXPECT_EQ(WeeksPerBlock(1), 1);
}

TEST(RotaHtml, TheGridHasHeadersWithScopeAndEveryPersonAndFinding) {
  Fixture f(TestRota());
  ASSERT_FALSE(f.check.broken.empty());
  ASSERT_FALSE(f.check.uncovered.empty());
  const std::string html = RotaHtml(f.doc);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"nb\">", 0), 0u);
  EXPECT_NE(html.find("@page { size: A4 landscape;"), std::string::npos);
  // One grid: a column header for each of the 42 days, the weeks over them, a row per person.
  EXPECT_EQ(Count(html, "<table class=\"rota\">"), 1u);
  EXPECT_EQ(Count(html, "<th scope=\"col\" class=\"day"), 42u);
  EXPECT_EQ(Count(html, "<th scope=\"colgroup\" colspan=\"7\" class=\"week\">Uke "), 6u);
  EXPECT_NE(html.find("aria-label=\"dag 6 (lørdag uke 1)\"><span class=\"letter\">L</span>"
                      "<span>6</span>"),
            std::string::npos);
  EXPECT_NE(html.find("class=\"day weekend\" aria-label=\"dag 7 (søndag uke 1)\""),
            std::string::npos);
  EXPECT_NE(html.find("<th scope=\"row\">Kari &amp; Ola</th><td class=\"num\">100 %</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<th scope=\"row\">Per &quot;P&quot; &lt;b&gt;</th>"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  // Kari's 210 h of 213 h and two weekends; the cover of each shift below the persons.
  EXPECT_NE(html.find("<td class=\"num\">210,0</td><td class=\"num\">213,0</td>"
                      "<td class=\"num\">2</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<th scope=\"row\" colspan=\"2\">Dekning &lt;D&gt;</th>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"short\">0/1</td>"), std::string::npos);
  // The code escaped everywhere it is shown.
  EXPECT_EQ(html.find("<D>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"code s0\">&lt;D&gt;</td><td>07:30–15:00</td>"),
            std::string::npos);
  // Every finding in its own words, escaped; the rest's cell marked in the grid.
  for (const auto& x : f.check.broken) {
    EXPECT_NE(html.find(core::Escape(x.text)), std::string::npos) << x.text;
  }
  for (const auto& x : f.check.uncovered) {
    EXPECT_NE(html.find("<li>" + core::Escape(x.text) + "</li>"), std::string::npos) << x.text;
  }
  EXPECT_NE(html.find("class=\"rest s0\" title=\"Per &quot;P&quot; &lt;b&gt;: 9,5 t hvile"),
            std::string::npos);
  EXPECT_NE(html.find("Regelbrudd (" + std::to_string(f.check.broken.size()) + ")"),
            std::string::npos);
  EXPECT_NE(html.find("arbeidsmiljøloven § 10-8 (1)"), std::string::npos);
  EXPECT_EQ(html.find("Alle regler er holdt"), std::string::npos);
  EXPECT_NE(html.find("<title>Turnus – Solsiden &amp; Co, 6 uker</title>"), std::string::npos);
}

TEST(RotaHtml, ARotaThatKeepsEveryRuleSaysSo) {
  Rota rota;
  rota.weeks = 6;
  rota.persons.push_back(FullTime("Kari", 6));
  Fixture f(rota);
  f.plan = ReadTestPlan("<D>,07:30,15:00,450,0,0,0,0,0,0,0,0\n");
  ASSERT_TRUE(staffing::CheckRota(f.plan, f.rota, f.rules).keeps_rules());
  const std::string html = RotaHtml(f.doc);
  EXPECT_NE(html.find("Alle regler er holdt, og alle vakter er dekket."), std::string::npos);
  EXPECT_EQ(html.find("Regelbrudd ("), std::string::npos);
  EXPECT_EQ(html.find("class=\"short\""), std::string::npos);
}

TEST(RotaHtml, TwelveWeeksArePrintedAsTwoGridsWithThePersonsInEach) {
  Fixture f(TestRota(12));
  const std::string html = RotaHtml(f.doc);
  EXPECT_EQ(Count(html, "<table class=\"rota\">"), 2u);
  EXPECT_NE(html.find("<caption>Turnus, uke 1–6 (dag 1–42 av 84)</caption>"), std::string::npos);
  EXPECT_NE(html.find("<caption>Turnus, uke 7–12 (dag 43–84 av 84)</caption>"), std::string::npos);
  EXPECT_EQ(Count(html, "<th scope=\"col\" class=\"day"), 84u);
  EXPECT_EQ(Count(html, "<th scope=\"row\">Kari &amp; Ola</th>"), 2u);
  EXPECT_EQ(Count(html, "<th scope=\"row\" colspan=\"2\">Dekning A</th>"), 2u);
  // Each block begins a printed page.
  EXPECT_NE(html.find("section.block + section.block { break-before: page; }"), std::string::npos);
}

// ---- the workbook ----------------------------------------------------------------------------

struct Sheets {
  std::vector<std::string> names;
  std::map<std::string, std::vector<std::vector<std::string>>> rows;  // by sheet, rows of text
  std::string turnus_xml;

  // The row of `sheet` whose first cell is `first`, or none.
  std::vector<std::string> Row(const std::string& sheet, const std::string& first) const {
    for (const auto& r : rows.at(sheet)) {
      if (!r.empty() && r[0] == first) return r;
    }
    ADD_FAILURE() << sheet << " has no row beginning with «" << first << "»";
    return {};
  }
};

Sheets ReadBack(const fs::path& path) {
  Sheets out;
  auto book = ingest::XlsxWorkbook::Open(path.string());
  EXPECT_TRUE(book.ok()) << (book.ok() ? "" : book.error().ToString());
  if (!book.ok()) return out;
  out.names = book->sheet_names();
  for (const std::string& name : out.names) {
    auto reader = book->OpenSheet(name);
    EXPECT_TRUE(reader.ok());
    if (!reader.ok()) continue;
    core::Row row;
    auto& rows = out.rows[name];
    while ((*reader)->Next(&row)) {
      rows.emplace_back();
      for (const core::Field& field : row.fields) rows.back().emplace_back(field.text);
    }
  }
  auto zip = ingest::ZipArchive::OpenFile(path.string());
  if (zip.ok()) {
    auto xml = zip->Read("xl/worksheets/sheet1.xml");
    if (xml.ok()) out.turnus_xml = std::move(*xml);
  }
  return out;
}

std::string Field(const std::vector<std::string>& row, size_t column) {
  return column < row.size() ? row[column] : "";
}

TEST(RotaXlsx, TheGridTotalsFindingsAndShiftsReadBack) {
  Fixture f(TestRota());
  auto dir = TempDir::Create("agp-rota-test-");
  ASSERT_TRUE(dir.ok());
  const fs::path path = dir->path() / "turnus.xlsx";
  auto written = WriteRotaXlsx(f.doc, path.string());
  ASSERT_TRUE(written.ok()) << written.error().ToString();
  const Sheets book = ReadBack(path);
  EXPECT_EQ(book.names, (std::vector<std::string>{"Turnus", "Regler", "Vakter"}));
  ASSERT_EQ(book.rows.count("Turnus"), 1u);

  const auto header = book.Row("Turnus", "Person");
  ASSERT_EQ(header.size(), 2u + 42 + 4);
  EXPECT_EQ(header[1], "Stilling (%)");
  EXPECT_EQ(header[2], "ma 1");
  EXPECT_EQ(header[2 + 5], "lø 6");
  EXPECT_EQ(header[2 + 41], "sø 42");
  EXPECT_EQ(header[2 + 42], "Timer");
  EXPECT_EQ(header[2 + 45], "Helger");

  const auto kari = book.Row("Turnus", "Kari & Ola");
  EXPECT_EQ(Field(kari, 1), "100");
  EXPECT_EQ(Field(kari, 2), "<D>");       // Monday of week 1
  EXPECT_EQ(Field(kari, 2 + 5), "");      // Saturday of week 1: off
  EXPECT_EQ(Field(kari, 2 + 19), "<D>");  // Saturday of week 3
  EXPECT_EQ(Field(kari, 2 + 42), "210");
  EXPECT_EQ(Field(kari, 2 + 43), "213");
  EXPECT_EQ(Field(kari, 2 + 44), "-3");
  EXPECT_EQ(Field(kari, 2 + 45), "2");
  const auto per = book.Row("Turnus", "Per \"P\" <b>");
  EXPECT_EQ(Field(per, 1), "50");
  EXPECT_EQ(Field(per, 2 + 7), "A");
  EXPECT_EQ(Field(per, 2 + 10), "1");
  // The code "1" is a text cell (row 8: title, about, verdict, a gap, weeks, header, Kari, Per).
  const size_t cell = book.turnus_xml.find("<c r=\"M8\"");
  ASSERT_NE(cell, std::string::npos);
  EXPECT_NE(book.turnus_xml.substr(cell, book.turnus_xml.find('>', cell) - cell).find(" t=\""),
            std::string::npos)
      << "the shift code 1 is written as a number";

  // Each shift's staff and need per day: Wednesday of week 3 has no one on <D>.
  EXPECT_EQ(Field(book.Row("Turnus", "<D>: bemannet"), 2 + 16), "0");
  EXPECT_EQ(Field(book.Row("Turnus", "<D>: behov"), 2 + 16), "1");
  EXPECT_EQ(Field(book.Row("Turnus", "<D>: bemannet"), 2 + 8), "2");

  // Every finding, and the rules with their sources.
  std::vector<std::string> texts;
  for (const auto& r : book.rows.at("Regler")) texts.push_back(Field(r, 4));
  for (const auto& x : f.check.broken) {
    EXPECT_NE(std::find(texts.begin(), texts.end(), x.text), texts.end()) << x.text;
  }
  for (const auto& x : f.check.uncovered) {
    EXPECT_NE(std::find(texts.begin(), texts.end(), x.text), texts.end()) << x.text;
  }
  EXPECT_EQ(Field(book.Row("Regler", "regelbrudd"), 1), "Døgnhvile");
  EXPECT_EQ(Field(book.Row("Regler", "regelbrudd"), 2), "Per \"P\" <b>");
  EXPECT_EQ(Field(book.Row("Regler", "regelbrudd"), 3), "9");
  EXPECT_NE(Field(book.Row("Regler", "Døgnhvile"), 1).find("(arbeidsmiljøloven § 10-8 (1))"),
            std::string::npos);

  const auto d = book.Row("Vakter", "<D>");
  EXPECT_EQ(Field(d, 1), "07:30");
  EXPECT_EQ(Field(d, 2), "15:00");
  EXPECT_EQ(Field(d, 4), "7.5");
  EXPECT_EQ(Field(d, 6), "1");   // Monday
  EXPECT_EQ(Field(d, 11), "0");  // Saturday
}

TEST(RotaXlsx, AFailedWriteLeavesNothing) {
  Fixture f(TestRota());
  auto dir = TempDir::Create("agp-rota-test-");
  ASSERT_TRUE(dir.ok());
  const fs::path path = dir->path() / "mangler" / "turnus.xlsx";
  auto written = WriteRotaXlsx(f.doc, path.string());
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code(), core::ErrorCode::kIo);
  EXPECT_NE(written.error().message().find(path.string()), std::string::npos);
  EXPECT_TRUE(fs::is_empty(dir->path()));
}

// ---- the PDF ---------------------------------------------------------------------------------

TEST(RotaPdf, PrintsThePersonsAndTheFindingsWithTwelveWeeksOverTwoPages) {
  if (!testing::ChromiumInstalled()) {
    GTEST_SKIP() << "Chromium is not installed (Debian package chromium)";
  }
  Fixture f(TestRota(12));
  auto dir = TempDir::Create("agp-rota-test-");
  ASSERT_TRUE(dir.ok());
  const fs::path pdf = dir->path() / "turnus.pdf";
  auto written = WriteRotaPdf(f.doc, pdf.string());
  ASSERT_TRUE(written.ok()) << written.error().ToString();
  EXPECT_EQ(testing::ReadFile(pdf).rfind("%PDF-", 0), 0u);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir->path()), fs::directory_iterator()), 1);

  const std::vector<std::string> pages = SplitPages(testing::PdfText(pdf));
  ASSERT_GE(pages.size(), 2u);
  const std::string first = CollapseSpaces(pages[0]), second = CollapseSpaces(pages[1]);
  EXPECT_NE(first.find("Uke 1"), std::string::npos) << first;
  EXPECT_EQ(first.find("Uke 7"), std::string::npos) << "weeks 7–12 begin on the first page";
  EXPECT_NE(second.find("Uke 7"), std::string::npos) << second;
  for (const std::string& page : {first, second}) {
    EXPECT_NE(page.find("Kari & Ola"), std::string::npos) << page;
    EXPECT_NE(page.find("Per \"P\" <b>"), std::string::npos) << page;
  }
  std::string all;
  for (const std::string& p : pages) all += " " + p;
  all = CollapseSpaces(all);
  EXPECT_NE(all.find("Side 1 av " + std::to_string(pages.size())), std::string::npos);
  for (const auto& x : f.check.broken) {
    EXPECT_NE(all.find(CollapseSpaces(x.text)), std::string::npos) << x.text;
  }
  EXPECT_NE(all.find(CollapseSpaces(f.check.uncovered.front().text)), std::string::npos);
}

TEST(RotaPdf, WithoutChromiumNothingIsWritten) {
  Fixture f(TestRota());
  auto dir = TempDir::Create("agp-rota-test-");
  ASSERT_TRUE(dir.ok());
  PdfOptions options;
  options.chromium = "/nonexistent/chromium";
  auto written = WriteRotaPdf(f.doc, (dir->path() / "turnus.pdf").string(), options);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code(), core::ErrorCode::kNotFound);
  EXPECT_NE(written.error().message().find("«chromium»"), std::string::npos);
  EXPECT_TRUE(fs::is_empty(dir->path()));
}

// ---- the format by extension -----------------------------------------------------------------

TEST(WriteRota, TheExtensionChoosesTheFormatWithoutRegardToCase) {
  Fixture f(TestRota());
  auto dir = TempDir::Create("agp-rota-test-");
  ASSERT_TRUE(dir.ok());
  const fs::path csv = dir->path() / "Turnus.CSV", html = dir->path() / "turnus.Html";
  ASSERT_TRUE(WriteRota(f.doc, csv.string()).ok());
  EXPECT_EQ(testing::ReadFile(csv), staffing::WriteRotaCsv(f.rota, f.plan));
  ASSERT_TRUE(WriteRota(f.doc, html.string()).ok());
  EXPECT_EQ(testing::ReadFile(html), RotaHtml(f.doc));
  EXPECT_EQ(*RotaFormatFor("a/b.XLSX"), RotaFormat::kXlsx);
  EXPECT_EQ(*RotaFormatFor("b.pdf"), RotaFormat::kPdf);
}

TEST(WriteRota, AnotherExtensionIsAUsageErrorNamingTheFormats) {
  Fixture f(TestRota());
  auto dir = TempDir::Create("agp-rota-test-");
  ASSERT_TRUE(dir.ok());
  for (const char* name : {"turnus.doc", "turnus", "turnus.csv.txt"}) {
    const fs::path path = dir->path() / name;
    auto written = WriteRota(f.doc, path.string());
    ASSERT_FALSE(written.ok()) << name;
    EXPECT_EQ(written.error().code(), core::ErrorCode::kUsage);
    EXPECT_EQ(written.error().message(),
              "«" + path.string() + "»: turnusen kan skrives som .csv, .xlsx, .pdf eller .html");
  }
  EXPECT_TRUE(fs::is_empty(dir->path()));
}

}  // namespace
}  // namespace agp::report
