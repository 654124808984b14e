// The report's content: every goal and measure of each shipped template appears; every figure it
// prints equals the one QueryFigures gives (the numbers `agp indicators` prints) for the same
// audience; nothing withheld reaches a public or union reader while HR sees it; the assessment
// that counts for the period is the one shown; a report on one unit reads that unit; the HTML
// needs nothing outside itself.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <tuple>

#include "core/text.h"
#include "metrics/query.h"
#include "report/report.h"
#include "report/test_support.h"

namespace agp::report {
namespace {

namespace fs = std::filesystem;
using testing::InputFor;
using testing::TestWorld;
using testing::World;

struct Printed {
  std::string value;  // as in value="…": "" when withheld or undefined
  bool suppressed = false;
};
using FigureKey = std::tuple<std::string, std::string, std::string>;  // indicator, unit, period

// Every <data> figure of the HTML, by (indicator, unit, period).
std::multimap<FigureKey, Printed> FiguresIn(const std::string& html) {
  static const std::regex kData(
      R"re(<data (?:class="suppressed" )?value="([^"]*)" data-indicator="([^"]*)" data-unit="([^"]*)" data-period="([^"]*)"( data-suppressed="1")?>)re");
  std::multimap<FigureKey, Printed> out;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kData);
       it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    out.emplace(FigureKey{m[2], m[3], m[4]}, Printed{m[1], m[5].matched});
  }
  return out;
}

std::string Html(const World& w, Audience a, const std::string& period = "2024",
                 const std::string& unit = "") {
  auto report = BuildReport(InputFor(w, a, period, unit));
  EXPECT_TRUE(report.ok()) << (report.ok() ? "" : report.error().ToString());
  return report.ok() ? RenderHtml(*report) : "";
}

TEST(Report, EveryGoalAndMeasureOfEveryTemplateAppears) {
  const World& w = TestWorld();
  int templates = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(AGP_SOURCE_DIR) / "data/policies")) {
    if (entry.path().extension() != ".yaml") continue;
    ++templates;
    policy::Diagnostics diagnostics(entry.path().filename().string());
    policy::Policy p = policy::CheckPolicy(testing::ReadFile(entry.path()), &diagnostics);
    ASSERT_EQ(diagnostics.error_count(), 0) << entry.path();
    ReportInput in = InputFor(w, Audience::kPublic);
    in.policy = &p;
    auto report = BuildReport(in);
    ASSERT_TRUE(report.ok()) << entry.path();
    const std::string html = RenderHtml(*report);
    int goals = 0, measures = 0;
    policy::ForEachNode(p.nodes, [&](const policy::Node& n, int) {
      // Each node has its numbered heading.
      EXPECT_NE(html.find(" " + core::Escape(n.title) + "</h"), std::string::npos)
          << entry.path().filename() << ": node " << n.id;
      if (policy::IsGoal(n)) {
        ++goals;
        // A goal's heading carries its anchor, and the summary table links to it.
        EXPECT_NE(html.find("href=\"#n-" + core::Escape(n.id) + "\""), std::string::npos) << n.id;
      }
      for (const policy::Measure& m : n.measures) {
        ++measures;
        EXPECT_NE(html.find("<td>" + core::Escape(m.title) + "</td>"), std::string::npos)
            << entry.path().filename() << ": measure of " << n.id << ": " << m.title;
      }
    });
    EXPECT_EQ(report->goals, goals);
    EXPECT_EQ(report->measures, measures);
    int counted = 0;
    for (int c : report->status_counts) counted += c;
    EXPECT_EQ(counted, goals);
  }
  EXPECT_EQ(templates, 5);
}

// With the measures' execution (DESIGN §10.3) the report shows, for each goal, who carries each
// measure out, its status and whether it is overdue, the latest note, and counts them in the
// summary; a report for one unit leaves out other units' measures.
TEST(Report, ShowsTheMeasuresInExecutionAndCountsThemByStatus) {
  const World& w = TestWorld();
  std::vector<std::string> keys;
  std::string node_of_first;
  policy::ForEachNode(w.policy.nodes, [&](const policy::Node& n, int) {
    for (size_t i = 0; i < n.measures.size(); ++i) {
      if (keys.empty()) node_of_first = n.id;
      keys.push_back(policy::MeasureKey(n, i));
    }
  });
  ASSERT_GE(keys.size(), 3u);
  std::string sector, other;
  for (const core::Unit& u : w.workforce.units) {
    if (u.parent >= 0 && w.workforce.units[static_cast<size_t>(u.parent)].parent < 0) {
      (sector.empty() ? sector : other) = u.key;
      if (!other.empty()) break;
    }
  }
  ASSERT_FALSE(other.empty());
  using U = store::MeasureUpdateRecord;
  const std::vector<U> updates = {
      {1, w.policy.id, keys[0], "fullført", sector, "", "Ferdig før sommeren.", "2024-06-01", "hr",
       "2024-06-01T08:00:00Z"},
      {2, w.policy.id, keys[1], "pågår", sector, "2024-03-31", "", "", "hr",
       "2024-01-01T08:00:00Z"},
      {3, w.policy.id, keys[2], "utsatt", other, "", "", "", "hr", "2024-01-01T08:00:00Z"},
  };
  const followup::MeasureBook book = followup::BuildMeasures(w.policy, w.workforce, updates, {}, {},
                                                             core::Date::FromYmd(2025, 1, 15));
  ReportInput in = InputFor(w, Audience::kPublic);
  in.measures = &book;
  in.generated_on = "2025-01-15";
  auto report = BuildReport(in);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->measures, static_cast<int>(keys.size()));
  EXPECT_EQ(report->measure_status_counts[static_cast<size_t>(followup::MeasureStatus::kDone)], 1);
  EXPECT_EQ(report->measures_overdue, 1);  // keys[1]: due 31 March 2024, still going
  const std::string html = RenderHtml(*report);
  EXPECT_NE(html.find("Tiltak og gjennomføring"), std::string::npos);
  EXPECT_NE(html.find("1. juni 2024: Ferdig før sommeren."), std::string::npos);
  EXPECT_NE(html.find("Pågår, <strong>forfalt</strong>"), std::string::npos);
  EXPECT_NE(html.find("Av tiltakene er 1 fullført, 1 pågår"), std::string::npos);
  // For the first sector: its own and the unassigned measures, not the other sector's.
  auto one = BuildReport([&] {
    ReportInput u = InputFor(w, Audience::kPublic, "2024", sector);
    u.measures = &book;
    return u;
  }());
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->measures, static_cast<int>(keys.size()) - 1);
  EXPECT_EQ(one->measure_status_counts[static_cast<size_t>(followup::MeasureStatus::kPostponed)],
            0);
}

// The figures of the report against QueryFigures for the same audience, over every period the
// report shows: equal values, equal withholding.
void ExpectFiguresAsQueried(const World& w, Audience a) {
  const std::string html = Html(w, a);
  const auto printed = FiguresIn(html);
  ASSERT_GT(printed.size(), 20u);
  const metrics::Audience audience = InputFor(w, a).audience;
  std::map<std::pair<std::string, std::string>, std::vector<metrics::Figure>> slices;
  for (const auto& [key, shown] : printed) {
    const auto& [indicator, unit, period] = key;
    auto& slice = slices[{indicator, period}];
    if (slice.empty()) {
      metrics::FigureRequest request;
      request.periods = {*core::Period::Parse(period)};
      request.indicators = {indicator};
      auto figures = metrics::QueryFigures(w.cube, request, audience);
      ASSERT_TRUE(figures.ok()) << indicator << " " << period;
      slice = std::move(*figures);
    }
    const int u = w.cube.FindUnit(unit);
    ASSERT_GE(u, 0) << unit;
    const metrics::Cell& cell = slice[static_cast<size_t>(u)].cell;
    EXPECT_EQ(shown.suppressed, cell.suppressed) << indicator << " " << unit << " " << period;
    if (cell.suppressed || !cell.value) {
      EXPECT_EQ(shown.value, "") << indicator << " " << unit << " " << period;
    } else {
      ASSERT_FALSE(shown.value.empty()) << indicator << " " << unit << " " << period;
      EXPECT_NEAR(std::stod(shown.value), *cell.value, 1e-9 * std::max(1.0, *cell.value))
          << indicator << " " << unit << " " << period;
    }
  }
}

TEST(Report, EveryFigureIsTheQueriedFigureForEachAudience) {
  const World& w = TestWorld();
  ExpectFiguresAsQueried(w, Audience::kPublic);
  ExpectFiguresAsQueried(w, Audience::kUnion);
  ExpectFiguresAsQueried(w, Audience::kAdmin);
}

TEST(Report, NoWithheldFigureReachesPublicOrUnionWhileHrSeesIt) {
  const World& w = TestWorld();
  // A report on the smallest sector, so that the breakdown has small groups.
  std::string small;
  int64_t fewest = INT64_MAX;
  const int period = w.cube.FindPeriod(core::Period::Year(2024));
  for (int u = 0; u < w.cube.unit_count(); ++u) {
    const metrics::CubeUnit& unit = w.cube.units()[static_cast<size_t>(u)];
    if (unit.parent < 0 || w.cube.units()[static_cast<size_t>(unit.parent)].parent >= 0) continue;
    const auto heads = static_cast<int64_t>(w.cube.Get(period, metrics::Measure::kHeadcount, u));
    if (heads < fewest) {
      fewest = heads;
      small = unit.key;
    }
  }
  const auto admin = FiguresIn(Html(w, Audience::kAdmin, "2024", small));
  int hidden_from_public = 0;
  for (Audience a : {Audience::kPublic, Audience::kUnion}) {
    const std::string html = Html(w, a, "2024", small);
    for (const auto& [key, shown] : FiguresIn(html)) {
      if (!shown.suppressed) continue;
      EXPECT_EQ(shown.value, "");
      auto seen_by_hr = admin.find(key);
      ASSERT_NE(seen_by_hr, admin.end());
      EXPECT_FALSE(seen_by_hr->second.suppressed);
      hidden_from_public += a == Audience::kPublic && !seen_by_hr->second.value.empty() ? 1 : 0;
    }
    EXPECT_EQ(html.find("Ikke for offentliggjøring"), std::string::npos);
  }
  // The test can fail: some figure is withheld from the public that HR sees.
  EXPECT_GT(hidden_from_public, 0);
  for (const auto& [key, shown] : admin) EXPECT_FALSE(shown.suppressed);
  EXPECT_NE(Html(w, Audience::kAdmin).find("Ikke for offentliggjøring"), std::string::npos);
}

TEST(Report, ShowsTheAssessmentThatCountsForThePeriod) {
  const World& w = TestWorld();
  const std::string html = Html(w, Audience::kPublic, "2024");
  EXPECT_NE(html.find("Flere har fått større stillinger"), std::string::npos);
  EXPECT_EQ(html.find("Gammel vurdering fra 2022"), std::string::npos);
  EXPECT_NE(Html(w, Audience::kPublic, "2022").find("Gammel vurdering fra 2022"),
            std::string::npos);
}

TEST(Report, AReportOnOneUnitReadsThatUnit) {
  const World& w = TestWorld();
  const std::string sector = w.cube.units()[1].key;
  ASSERT_GE(w.cube.units()[1].parent, 0);
  auto report = BuildReport(InputFor(w, Audience::kAdmin, "2024", sector));
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->unit_name, w.cube.units()[1].name);
  int lines = 0;
  for (const NodeBlock& n : report->nodes) {
    for (const IndicatorBlock& line : n.indicators) {
      ++lines;
      EXPECT_EQ(line.unit_key, sector) << line.key;
      for (const UnitFigure& f : line.breakdown) {
        EXPECT_EQ(w.cube.units()[static_cast<size_t>(f.unit)].parent, w.cube.FindUnit(sector));
      }
    }
  }
  EXPECT_GT(lines, 0);
}

TEST(Report, RefusesAnUnknownUnitAndAPeriodWithoutResults) {
  const World& w = TestWorld();
  auto unit = BuildReport(InputFor(w, Audience::kPublic, "2024", "finnes-ikke"));
  ASSERT_FALSE(unit.ok());
  EXPECT_EQ(unit.error().code(), core::ErrorCode::kUsage);
  EXPECT_NE(unit.error().message().find("finnes-ikke"), std::string::npos);
  auto period = BuildReport(InputFor(w, Audience::kPublic, "2031"));
  ASSERT_FALSE(period.ok());
  EXPECT_EQ(period.error().code(), core::ErrorCode::kNotFound);
  EXPECT_NE(period.error().message().find("2024"), std::string::npos);  // names the years there are
}

TEST(Report, HtmlNeedsNothingOutsideItself) {
  const World& w = TestWorld();
  const std::string html = Html(w, Audience::kPublic);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find(" src="), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_NE(html.find("<svg class=\"chart\""), std::string::npos);
  EXPECT_NE(html.find("@page"), std::string::npos);
  // Every in-page link has its target.
  static const std::regex kHref(R"re(href="#([^"]+)")re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kHref);
       it != std::sregex_iterator(); ++it) {
    EXPECT_NE(html.find("id=\"" + (*it)[1].str() + "\""), std::string::npos) << (*it)[1];
  }
  // The method appendix defines every indicator the report shows, with its source.
  auto report = BuildReport(InputFor(w, Audience::kPublic));
  ASSERT_TRUE(report.ok());
  ASSERT_FALSE(report->indicators_used.empty());
  for (const std::string& key : report->indicators_used) {
    const metrics::IndicatorInfo& info = metrics::Info(*metrics::FindIndicator(key));
    EXPECT_NE(html.find(core::Escape(info.definition_nb)), std::string::npos) << key;
    EXPECT_NE(html.find(core::Escape(info.source_nb)), std::string::npos) << key;
  }
}

}  // namespace
}  // namespace agp::report
