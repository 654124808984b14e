// Properties of the indicator engine on a generated municipality: subtrees add up, percentages
// stay in range, and suppressed cells cannot be worked out from the figures shown.
#include <gtest/gtest.h>

#include "demo/generator.h"
#include "metrics/engine.h"
#include "metrics/query.h"
#include "metrics/results.h"
#include "metrics/suppression.h"
#include "store/database.h"

namespace agp {
namespace {

using metrics::Measure;

const core::Workforce& Demo() {
  static const core::Workforce w = [] {
    demo::DemoOptions o;
    o.employees = 1500;
    o.years = 2;
    o.last_year = 2025;
    o.seed = 11;
    return demo::GenerateWorkforce(o);
  }();
  return w;
}

const metrics::MeasureCube& Cube() {
  static const metrics::MeasureCube cube = metrics::ComputeMeasures(Demo());
  return cube;
}

TEST(MetricsProperties, AParentsDayWorksAreItsOwnPlusItsChildren) {
  // The same records with every unit made a root give each unit's own day-works.
  core::Workforce flat = Demo();
  for (core::Unit& u : flat.units) u.parent = -1;
  const metrics::MeasureCube own = metrics::ComputeMeasures(flat);
  const metrics::MeasureCube& cube = Cube();
  ASSERT_EQ(own.period_count(), cube.period_count());
  int parents_checked = 0;
  for (int p = 0; p < cube.period_count(); ++p) {
    for (Measure m : {Measure::kAgreed, Measure::kLostAll, Measure::kLostMedical,
                      Measure::kHeadcount, Measure::kFteSum}) {
      std::vector<double> expected(cube.unit_count());
      for (int u = 0; u < cube.unit_count(); ++u) expected[u] = own.Get(p, m, u);
      for (int u = 0; u < cube.unit_count(); ++u) {
        const int32_t parent = cube.units()[u].parent;
        if (parent >= 0) expected[parent] += cube.Get(p, m, u);
      }
      for (int u = 0; u < cube.unit_count(); ++u) {
        ASSERT_NEAR(cube.Get(p, m, u), expected[u], 1e-6 * (1 + expected[u]))
            << cube.periods()[p].ToString() << " unit " << cube.units()[u].key;
        if (p == 0 && m == Measure::kAgreed && own.Get(p, m, u) != cube.Get(p, m, u))
          ++parents_checked;
      }
    }
  }
  EXPECT_GT(parents_checked, 10);
  EXPECT_GT(cube.Get(0, Measure::kLostAll, 0), 0);
}

TEST(MetricsProperties, EveryPercentageIsBetweenZeroAndHundred) {
  const metrics::MeasureCube& cube = Cube();
  metrics::FigureRequest r;
  r.periods = cube.periods();
  auto figures = metrics::QueryFigures(cube, r, metrics::Audience{0, {}});
  ASSERT_TRUE(figures.ok());
  size_t defined = 0;
  for (const metrics::Figure& f : *figures) {
    const metrics::IndicatorInfo& info = metrics::Info(f.key.indicator);
    if (!f.cell.value) continue;
    ++defined;
    if (info.value_kind == metrics::ValueKind::kPercent &&
        info.id != metrics::IndicatorId::kPayRatioWomenMen) {
      ASSERT_GE(*f.cell.value, 0) << info.key;
      ASSERT_LE(*f.cell.value, 100 + 1e-9) << info.key << " " << f.period.ToString();
    }
    ASSERT_GE(f.cell.population(), 0);
  }
  EXPECT_GT(defined, figures->size() / 2);
}

TEST(MetricsProperties, SuppressedCellsCannotBeWorkedOutFromTheShownTotals) {
  const metrics::MeasureCube& cube = Cube();
  const int n = cube.unit_count();
  std::vector<int32_t> parents(n);
  std::vector<std::vector<int32_t>> children(n);
  for (int u = 0; u < n; ++u) {
    parents[u] = cube.units()[u].parent;
    if (parents[u] >= 0) children[parents[u]].push_back(u);
  }
  const int min_group = 5;
  size_t suppressed = 0;
  size_t complementary = 0;
  for (int p = 0; p < cube.period_count(); ++p) {
    for (const metrics::IndicatorInfo& info : metrics::Indicators()) {
      if (!metrics::AppliesTo(info.id, cube.periods()[p])) continue;
      const std::vector<metrics::Cell> raw = metrics::Slice(cube, {info.id, -1}, p);
      std::vector<metrics::Cell> cells = raw;
      metrics::Suppress(parents, cells, metrics::Audience{min_group, {}});
      for (int u = 0; u < n; ++u) {
        const metrics::Cell& c = cells[u];
        if (c.suppressed) {
          ++suppressed;
          ASSERT_FALSE(c.value || c.numerator || c.denominator);
          const bool small = (raw[u].groups[0] > 0 && raw[u].groups[0] < min_group) ||
                             (raw[u].groups[1] > 0 && raw[u].groups[1] < min_group);
          if (!small) ++complementary;
          continue;
        }
        // Shown: no small group in it, and its residual over shown children is not small.
        for (int g = 0; g < 2; ++g) {
          const int64_t size = raw[u].groups[g];
          if (size < 0) continue;
          ASSERT_TRUE(size == 0 || size >= min_group) << info.key << " " << cube.units()[u].key;
          if (children[u].empty()) continue;
          int64_t residual = size;
          bool hides = false;
          for (int32_t child : children[u]) {
            if (cells[child].suppressed) {
              hides |= raw[child].groups[g] > 0;
            } else {
              residual -= raw[child].groups[g];
            }
          }
          if (hides) {
            ASSERT_GE(residual, min_group) << info.key << " " << cube.periods()[p].ToString()
                                           << " parent " << cube.units()[u].key;
          } else {
            ASSERT_TRUE(residual <= 0 || residual >= min_group)
                << info.key << " parent " << cube.units()[u].key << " own part " << residual;
          }
        }
      }
    }
  }
  EXPECT_GT(suppressed, 0u);
  EXPECT_GT(complementary, 0u);  // the demo has parents whose totals would reveal a child
}

TEST(MetricsProperties, AViewerWhoMaySeeIndividualsSeesEverything) {
  const metrics::MeasureCube& cube = Cube();
  std::vector<int32_t> parents(cube.unit_count());
  for (int u = 0; u < cube.unit_count(); ++u) parents[u] = cube.units()[u].parent;
  std::vector<metrics::Cell> cells =
      metrics::Slice(cube, {metrics::IndicatorId::kSickLeavePct, -1}, 0);
  metrics::Suppress(parents, cells, metrics::Audience::Everything());
  for (const metrics::Cell& c : cells) EXPECT_FALSE(c.suppressed);
}

TEST(MetricsProperties, StoredResultsReadBackExactly) {
  auto db = store::OpenSqlite(":memory:");
  ASSERT_TRUE(db.ok());
  const core::FixedClock clock(core::Date::FromYmd(2026, 1, 5));
  auto stats = metrics::Recompute(**db, Demo(), clock);
  ASSERT_TRUE(stats.ok()) << stats.error().ToString();
  auto back = metrics::LoadResults(**db);
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  const metrics::MeasureCube& cube = Cube();
  ASSERT_EQ(back->period_count(), cube.period_count());
  ASSERT_EQ(back->unit_count(), cube.unit_count());
  EXPECT_EQ(back->job_codes, cube.job_codes);
  for (int p = 0; p < cube.period_count(); ++p) {
    ASSERT_EQ(back->periods()[p], cube.periods()[p]);
    for (int m = 0; m < metrics::kMeasureCount; ++m) {
      for (int u = 0; u < cube.unit_count(); ++u) {
        ASSERT_EQ(back->Get(p, static_cast<Measure>(m), u), cube.Get(p, static_cast<Measure>(m), u))
            << cube.periods()[p].ToString() << " measure " << m;
      }
    }
    ASSERT_EQ(back->job_pay[p].size(), cube.job_pay[p].size());
  }
  // A change of the data makes the stored results stale: they are refused, not shown.
  ASSERT_TRUE((*db)->ReplaceWorkforce(Demo(), store::ImportRecord{}).ok());
  auto stale = metrics::LoadResults(**db);
  ASSERT_FALSE(stale.ok());
  EXPECT_NE(stale.error().message().find("agp recompute"), std::string::npos);
}

}  // namespace
}  // namespace agp
