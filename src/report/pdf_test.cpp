// The report as PDF: the page search of the contents (pure, on made-up pdftotext output), the
// printed report read back with poppler's pdftotext and pdfinfo (title page, contents with the
// right page numbers, "Side N av M" on every page after the first, every goal's title), the ways
// printing fails (no Chromium, a Chromium that fails or hangs, a destination that cannot be
// written) leaving no file behind, and WriteReport's choice of format by extension.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "report/output_file.h"
#include "report/pdf_pages.h"
#include "report/report.h"
#include "report/test_support.h"

namespace agp::report {
namespace {

namespace fs = std::filesystem;
using testing::Capture;
using testing::ChromiumInstalled;
using testing::PdfText;
using testing::Quoted;
using Entries = std::vector<std::pair<std::string, std::string>>;

// ---- the page search -------------------------------------------------------------------------

const Entries kEntries = {
    {"sammendrag", "Sammendrag"},
    {"n-heltid", "1 Heltid og deltid for alle som ønsker det"},
    {"metode", "Om tallene"},
};

TEST(PdfPages, FindsEachHeadingOnThePageAfterTheContents) {
  const std::vector<std::string> pages = {
      "Fjellvik kommune\nArbeidsgiverpolitikk 2017–2025\n",
      "Innhold\n  Sammendrag                      00\n  1 Heltid og deltid for alle som ønsker "
      "det    00\n  Om tallene                  00\n\n       Side 2 av 6\n",
      "Sammendrag\nI 2024 ble 3 av 7 mål nådd. Se Om tallene bak.\n\n     Side 3 av 6\n",
      "Mer sammendrag\n\n    Side 4 av 6\n",
      "1 Heltid og deltid for alle\nsom ønsker det\nTeksten.\n\n   Side 5 av 6\n",
      "Om tallene      \nKilder.\n\n   Side 6 av 6\n",
  };
  const auto found = FindHeadingPages(pages, kEntries);
  EXPECT_EQ(found, (std::map<std::string, int>{{"sammendrag", 3}, {"n-heltid", 5}, {"metode", 6}}));
}

TEST(PdfPages, LeavesOutAHeadingThatIsNotPrinted) {
  const std::vector<std::string> pages = {
      "Innhold\nSammendrag 00\n1 Heltid og deltid for alle som ønsker det 00\nOm tallene 00\n",
      "Sammendrag\n",
      "Om tallene\n",
  };
  const auto found = FindHeadingPages(pages, kEntries);
  EXPECT_EQ(found, (std::map<std::string, int>{{"sammendrag", 2}, {"metode", 3}}));
}

TEST(PdfPages, ContentsOverTwoPagesAreSkipped) {
  // The second contents page has no «Innhold» but lists headings on lines of their own (the
  // number wrapped to the next line); they must not count as the sections.
  const std::vector<std::string> pages = {
      "Innhold\nSammendrag 00\n",
      "1 Heltid og deltid for alle som ønsker det\n00\nOm tallene\n00\n",
      "Sammendrag\n",
      "1 Heltid og deltid for alle som ønsker det\n",
      "Om tallene\n",
  };
  const auto found = FindHeadingPages(pages, kEntries);
  EXPECT_EQ(found, (std::map<std::string, int>{{"sammendrag", 3}, {"n-heltid", 4}, {"metode", 5}}));
}

TEST(PdfPages, AHeadingIsNotTakenFromRunningText) {
  const std::vector<std::string> pages = {
      "Innhold\nSammendrag 00\nOm tallene 00\n",
      "Se Sammendrag\nSammendraget viser\nSammendrag av funn\n",
      "Sammendrag   Nådd\nOm tallene\n",
  };
  const Entries entries = {{"sammendrag", "Sammendrag"}, {"metode", "Om tallene"}};
  const auto found = FindHeadingPages(pages, entries);
  EXPECT_EQ(found, (std::map<std::string, int>{{"sammendrag", 3}, {"metode", 3}}));
}

TEST(PdfPages, SpacesAreComparedCollapsed) {
  const std::string nbsp = "\xC2\xA0", narrow = "\xE2\x80\xAF", soft_hyphen = "\xC2\xAD";
  EXPECT_EQ(CollapseSpaces("  12" + narrow + "345" + nbsp + "kr \t i" + soft_hyphen + "alt  "),
            "12 345 kr ialt");
  EXPECT_EQ(SplitPages("a\fb\n\f\n"), (std::vector<std::string>{"a", "b\n"}));
}

// ---- the printed report ------------------------------------------------------------------------

int PageCount(const fs::path& pdf) {
  const std::string info = Capture("pdfinfo " + Quoted(pdf));
  const size_t at = info.find("Pages:");
  if (at == std::string::npos) return 0;
  return std::atoi(info.c_str() + at + 6);
}

std::vector<std::string> CollapsedLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find_first_of("\n\f", start);
    if (end == std::string::npos) end = text.size();
    std::string line = CollapseSpaces(text.substr(start, end - start));
    if (!line.empty()) lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

// The page number the contents gives for `heading`, or 0 when it gives none. A long title wraps
// with its number at the end of its first line ("2 Røros kommune … som   6" / "vektlegger …"),
// so each line's trailing number is set aside and up to three lines' texts are joined.
int ListedPage(const std::vector<std::string>& lines, const std::string& heading) {
  std::vector<std::pair<std::string, int>> parsed;  // (text, trailing number or 0)
  for (const std::string& line : lines) {
    const size_t space = line.rfind(' ');
    const std::string last = space == std::string::npos ? line : line.substr(space + 1);
    if (space != std::string::npos && last.find_first_not_of("0123456789") == std::string::npos) {
      std::string text = line.substr(0, space);
      text.erase(text.find_last_not_of(" .") + 1);
      parsed.emplace_back(text, std::atoi(last.c_str()));
    } else {
      parsed.emplace_back(line, 0);
    }
  }
  for (size_t i = 0; i < parsed.size(); ++i) {
    std::string joined;
    int number = 0;
    for (size_t k = i; k < parsed.size() && k < i + 3; ++k) {
      joined += (joined.empty() ? "" : " ") + parsed[k].first;
      if (number == 0) number = parsed[k].second;
      if (joined == heading) return number;
      if (joined.size() >= heading.size()) break;
    }
  }
  return 0;
}

// Whether some line of the page starts the heading (the heading may wrap over lines).
bool StartsALine(const std::vector<std::string>& lines, const std::string& heading) {
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string joined;
    for (size_t k = i; k < lines.size() && k < i + 3; ++k) {
      joined += (joined.empty() ? "" : " ") + lines[k];
      if (joined.rfind(heading, 0) == 0) return true;
      if (joined.size() >= heading.size()) break;
    }
  }
  return false;
}

TEST(PdfReport, PrintsTitleContentsPageNumbersAndEveryGoal) {
  if (!ChromiumInstalled()) GTEST_SKIP() << "Chromium is not installed (Debian package chromium)";
  const testing::World& w = testing::TestWorld();
  auto report = BuildReport(testing::InputFor(w, Audience::kPublic));
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  auto scratch = TempDir::Create("agp-pdf-test-");
  ASSERT_TRUE(scratch.ok());
  const fs::path pdf = scratch->path() / "rapport.pdf";

  const auto start = std::chrono::steady_clock::now();
  auto written = WritePdf(*report, pdf.string());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(written.ok()) << written.error().ToString();
  std::cout << "[          ] WritePdf took " << seconds << " s\n";

  const std::string bytes = testing::ReadFile(pdf);
  ASSERT_EQ(bytes.rfind("%PDF", 0), 0u);
  EXPECT_NE(bytes.find("/Outlines"), std::string::npos) << "no bookmarks";
  EXPECT_EQ(std::distance(fs::directory_iterator(scratch->path()), fs::directory_iterator()), 1)
      << "a temporary file was left beside the PDF";
  const int page_count = PageCount(pdf);
  ASSERT_GT(page_count, 3);

  const std::vector<std::string> pages = SplitPages(PdfText(pdf));
  ASSERT_EQ(static_cast<int>(pages.size()), page_count);

  // The title page.
  const std::string title_page = CollapseSpaces(pages[0]);
  EXPECT_NE(title_page.find(CollapseSpaces(w.policy.organisation)), std::string::npos)
      << title_page;
  EXPECT_NE(title_page.find(CollapseSpaces(w.policy.title)), std::string::npos) << title_page;
  EXPECT_NE(title_page.find("2024"), std::string::npos) << title_page;

  // Every page after the first carries "Side N av M".
  for (int p = 2; p <= page_count; ++p) {
    const std::string footer = "Side " + std::to_string(p) + " av " + std::to_string(page_count);
    EXPECT_NE(CollapseSpaces(pages[p - 1]).find(footer), std::string::npos)
        << "page " << p << " lacks «" << footer << "»";
  }

  // The contents names a page for every section, and that page holds the section's heading.
  int contents_page = 0;
  for (int p = 1; p <= page_count && contents_page == 0; ++p) {
    for (const std::string& line : CollapsedLines(pages[p - 1])) {
      if (line == "Innhold") contents_page = p;
    }
  }
  ASSERT_GT(contents_page, 0) << "no page has the heading «Innhold»";
  std::vector<std::string> contents_lines;
  for (int p = contents_page; p <= std::min(page_count, contents_page + 2); ++p) {
    for (const std::string& line : CollapsedLines(pages[p - 1])) contents_lines.push_back(line);
  }
  const auto entries = TocEntries(*report);
  ASSERT_FALSE(entries.empty());
  int previous = contents_page;
  for (const auto& [anchor, text] : entries) {
    const std::string heading = CollapseSpaces(text);
    const int listed = ListedPage(contents_lines, heading);
    EXPECT_GT(listed, contents_page) << "the contents gives no page for «" << heading << "»";
    if (listed <= contents_page || listed > page_count) continue;
    EXPECT_GE(listed, previous) << "«" << heading << "» is listed before the section above it";
    previous = listed;
    EXPECT_TRUE(StartsALine(CollapsedLines(PdfText(pdf, listed, listed)), heading))
        << "page " << listed << " does not start a line with «" << heading << "» (" << anchor
        << ")";
  }

  // Every goal's title is in the text, however the lines were broken.
  std::string all;
  for (const std::string& p : pages) all += " " + p;
  all = CollapseSpaces(all);
  int goals = 0;
  for (const NodeBlock& n : report->nodes) {
    if (!n.goal) continue;
    ++goals;
    EXPECT_NE(all.find(CollapseSpaces(n.node->title)), std::string::npos)
        << "goal «" << n.node->title << "» is not in the PDF";
  }
  EXPECT_GT(goals, 0);
}

// ---- failures --------------------------------------------------------------------------------

// A stand-in for Chromium: a shell script with `body`.
fs::path FakeChromium(const fs::path& dir, const std::string& body) {
  const fs::path p = dir / "fake-chromium";
  std::ofstream(p) << "#!/bin/sh\n" << body << "\n";
  fs::permissions(p, fs::perms::owner_all);
  return p;
}

TEST(Pdf, MissingChromiumIsNotFoundAndNamesThePackage) {
  const testing::World& w = testing::TestWorld();
  auto report = BuildReport(testing::InputFor(w, Audience::kPublic));
  ASSERT_TRUE(report.ok());
  auto scratch = TempDir::Create("agp-pdf-test-");
  ASSERT_TRUE(scratch.ok());
  const fs::path pdf = scratch->path() / "rapport.pdf";
  PdfOptions options;
  options.chromium = "/nonexistent/chromium";
  auto written = WritePdf(*report, pdf.string(), options);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code(), core::ErrorCode::kNotFound);
  EXPECT_NE(written.error().message().find("«chromium»"), std::string::npos)
      << written.error().message();
  EXPECT_FALSE(fs::exists(pdf));
}

TEST(Pdf, DestinationInAMissingFolderLeavesNoFile) {
  if (!ChromiumInstalled()) GTEST_SKIP() << "Chromium is not installed (Debian package chromium)";
  const testing::World& w = testing::TestWorld();
  auto report = BuildReport(testing::InputFor(w, Audience::kPublic));
  ASSERT_TRUE(report.ok());
  auto scratch = TempDir::Create("agp-pdf-test-");
  ASSERT_TRUE(scratch.ok());
  const fs::path pdf = scratch->path() / "finnes-ikke" / "rapport.pdf";
  auto written = WritePdf(*report, pdf.string());
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code(), core::ErrorCode::kIo);
  EXPECT_NE(written.error().message().find(pdf.string()), std::string::npos)
      << written.error().message();
  EXPECT_FALSE(fs::exists(pdf.parent_path()));
}

TEST(Pdf, FailingChromiumLeavesNoFileAndSaysWhy) {
  const testing::World& w = testing::TestWorld();
  auto report = BuildReport(testing::InputFor(w, Audience::kPublic));
  ASSERT_TRUE(report.ok());
  auto scratch = TempDir::Create("agp-pdf-test-");
  ASSERT_TRUE(scratch.ok());
  const fs::path out = scratch->path() / "ut";
  fs::create_directory(out);
  PdfOptions options;
  options.chromium =
      FakeChromium(scratch->path(), "echo støy >&2\necho 'cannot open display' >&2\nexit 3")
          .string();
  auto written = WritePdf(*report, (out / "rapport.pdf").string(), options);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code(), core::ErrorCode::kIo);
  EXPECT_NE(written.error().message().find("status 3"), std::string::npos)
      << written.error().message();
  EXPECT_NE(written.error().message().find("cannot open display"), std::string::npos)
      << written.error().message();
  EXPECT_TRUE(fs::is_empty(out)) << "a file was left in the destination's folder";
}

TEST(Pdf, ChromiumThatWritesNoPdfFails) {
  const testing::World& w = testing::TestWorld();
  auto report = BuildReport(testing::InputFor(w, Audience::kPublic));
  ASSERT_TRUE(report.ok());
  auto scratch = TempDir::Create("agp-pdf-test-");
  ASSERT_TRUE(scratch.ok());
  const fs::path out = scratch->path() / "ut";
  fs::create_directory(out);
  PdfOptions options;
  options.chromium = FakeChromium(scratch->path(), "exit 0").string();
  auto written = WritePdf(*report, (out / "rapport.pdf").string(), options);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code(), core::ErrorCode::kIo);
  EXPECT_NE(written.error().message().find("ingen PDF"), std::string::npos)
      << written.error().message();
  EXPECT_TRUE(fs::is_empty(out));
}

TEST(Pdf, ChromiumThatHangsIsStoppedAtTheDeadline) {
  const testing::World& w = testing::TestWorld();
  auto report = BuildReport(testing::InputFor(w, Audience::kPublic));
  ASSERT_TRUE(report.ok());
  auto scratch = TempDir::Create("agp-pdf-test-");
  ASSERT_TRUE(scratch.ok());
  const fs::path out = scratch->path() / "ut";
  fs::create_directory(out);
  PdfOptions options;
  options.chromium = FakeChromium(scratch->path(), "sleep 30").string();
  options.timeout_seconds = 1;
  const auto start = std::chrono::steady_clock::now();
  auto written = WritePdf(*report, (out / "rapport.pdf").string(), options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code(), core::ErrorCode::kIo);
  EXPECT_EQ(written.error().message(), "Chromium svarte ikke innen 1 sekunder");
  EXPECT_LT(seconds, 10);
  EXPECT_TRUE(fs::is_empty(out));
}

// ---- WriteReport -------------------------------------------------------------------------------

TEST(WriteReport, HtmlIsTheRenderedDocument) {
  const testing::World& w = testing::TestWorld();
  auto report = BuildReport(testing::InputFor(w, Audience::kPublic));
  ASSERT_TRUE(report.ok());
  auto scratch = TempDir::Create("agp-write-test-");
  ASSERT_TRUE(scratch.ok());
  const fs::path html = scratch->path() / "rapport.html";
  ASSERT_TRUE(WriteReport(*report, html.string()).ok());
  const std::string expected = RenderHtml(*report);
  EXPECT_FALSE(expected.empty());
  EXPECT_EQ(testing::ReadFile(html), expected);
  EXPECT_EQ(std::distance(fs::directory_iterator(scratch->path()), fs::directory_iterator()), 1);
}

TEST(WriteReport, ExtensionIsCaseInsensitive) {
  const testing::World& w = testing::TestWorld();
  auto report = BuildReport(testing::InputFor(w, Audience::kPublic));
  ASSERT_TRUE(report.ok());
  auto scratch = TempDir::Create("agp-write-test-");
  ASSERT_TRUE(scratch.ok());
  const fs::path html = scratch->path() / "RAPPORT.HTML";
  auto written = WriteReport(*report, html.string());
  ASSERT_TRUE(written.ok()) << written.error().ToString();
  EXPECT_EQ(testing::ReadFile(html), RenderHtml(*report));
}

TEST(WriteReport, OtherExtensionIsAUsageError) {
  const testing::World& w = testing::TestWorld();
  auto report = BuildReport(testing::InputFor(w, Audience::kPublic));
  ASSERT_TRUE(report.ok());
  auto scratch = TempDir::Create("agp-write-test-");
  ASSERT_TRUE(scratch.ok());
  for (const char* name : {"rapport.docx", "rapport", "rapport.html.txt"}) {
    const fs::path path = scratch->path() / name;
    auto written = WriteReport(*report, path.string());
    ASSERT_FALSE(written.ok()) << name;
    EXPECT_EQ(written.error().code(), core::ErrorCode::kUsage);
    EXPECT_EQ(written.error().message(),
              "«" + path.string() + "»: rapporten kan skrives som .html, .pdf eller .xlsx");
  }
  EXPECT_TRUE(fs::is_empty(scratch->path()));
}

TEST(WriteReport, HtmlIntoAMissingFolderIsAnIoError) {
  const testing::World& w = testing::TestWorld();
  auto report = BuildReport(testing::InputFor(w, Audience::kPublic));
  ASSERT_TRUE(report.ok());
  auto scratch = TempDir::Create("agp-write-test-");
  ASSERT_TRUE(scratch.ok());
  const fs::path html = scratch->path() / "finnes-ikke" / "rapport.html";
  auto written = WriteReport(*report, html.string());
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code(), core::ErrorCode::kIo);
  EXPECT_FALSE(fs::exists(html));
}

}  // namespace
}  // namespace agp::report
