// Properties of the indicator engine on a generated municipality: subtrees add up, percentages
// stay in range, and suppressed cells cannot be worked out from the figures shown.
#include <gtest/gtest.h>

#include <bit>
#include <random>

#include "demo/generator.h"
#include "metrics/access.h"
#include "metrics/disclosure_attack.h"
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

// The differencing attack of issue 13, run on what a viewer is shown: every unit, every period
// (months, tertials, quarters, years), every indicator that is a sum (all but the pay ratio).
// Returns a description of what it recovered ("" when nothing).
std::string AttackEverything(const metrics::MeasureCube& cube, const metrics::Audience& audience,
                             int64_t* withheld = nullptr) {
  std::string found;
  int64_t targets = 0;
  for (const metrics::IndicatorInfo& info : metrics::Indicators()) {
    if (info.id == metrics::IndicatorId::kPayRatioWomenMen) continue;
    const metrics::attack::AttackResult r = metrics::attack::Attack(cube, info.id, audience);
    targets += r.withheld;
    for (const metrics::attack::Recovered& x : r.recovered) {
      if (found.size() < 2000) found += x.indicator + " " + x.unit + " " + x.period + "\n";
    }
  }
  if (withheld != nullptr) *withheld = targets;
  return found;
}

TEST(SuppressionAttack, AUnionRepresentativeCannotWorkOutAnyWithheldFigure) {
  const metrics::MeasureCube& cube = Cube();
  int64_t withheld = 0;
  EXPECT_EQ(AttackEverything(cube, metrics::AudienceFor(core::Role::kUnion, {}, cube), &withheld),
            "");
  EXPECT_GT(withheld, 100);  // the attack had something to aim at
}

TEST(SuppressionAttack, ALeaderCannotWorkOutAnyWithheldFigureOutsideTheirUnits) {
  const metrics::MeasureCube& cube = Cube();
  // A leader of each of a few units with departments, and of one department.
  int leaders = 0;
  for (int u = 0; u < cube.unit_count() && leaders < 3; ++u) {
    const int32_t parent = cube.units()[u].parent;
    if (parent < 0 || cube.units()[parent].parent < 0 || cube.ChildUnits(u).empty()) continue;
    ++leaders;
    const std::string own[] = {cube.units()[u].key, cube.units()[cube.ChildUnits(u)[0]].key};
    for (size_t k = 1; k <= 2; ++k) {
      const std::span<const std::string> units(own + k - 1, 1);
      EXPECT_EQ(AttackEverything(cube, metrics::AudienceFor(core::Role::kLeader, units, cube)), "")
          << "leader of " << units[0];
    }
  }
  EXPECT_EQ(leaders, 3);
}

// A random municipality made for the attack: deep and wide trees of small units, some with
// persons of their own, others without; persons who come and go month by month.
metrics::MeasureCube RandomCube(uint32_t seed) {
  std::mt19937 random(seed);
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random); };
  std::vector<metrics::CubeUnit> units = {{"0", "Kommunen", -1}};
  const int n = uniform(8, 40);
  for (int u = 1; u < n; ++u) {
    units.push_back({std::to_string(u), "Enhet " + std::to_string(u), uniform(0, u - 1)});
  }
  std::vector<core::Period> periods;
  for (int m = 1; m <= 12; ++m) periods.push_back(core::Period::Month(2024, m));
  for (int t = 1; t <= 3; ++t) periods.push_back(core::Period::Tertial(2024, t));
  for (int q = 1; q <= 4; ++q) periods.push_back(core::Period::Quarter(2024, q));
  periods.push_back(core::Period::Year(2024));
  metrics::MeasureCube cube(units, periods);
  // Persons of each unit's own (none for about a third), present in some months.
  std::vector<std::vector<uint16_t>> present(n);  // per unit, per person: a bit per month
  for (int u = 0; u < n; ++u) {
    const int own = uniform(0, 2) == 0 ? 0 : uniform(1, 9);
    for (int k = 0; k < own; ++k) present[u].push_back(static_cast<uint16_t>(uniform(1, 4095)));
  }
  for (int p = 0; p < cube.period_count(); ++p) {
    const core::Period& period = cube.periods()[p];
    uint16_t mask = 0;
    for (int m = period.first_month(); m <= period.last_month(); ++m) mask |= 1u << (m - 1);
    for (metrics::Measure m :
         {metrics::Measure::kAgreed, metrics::Measure::kLostAll, metrics::Measure::kLostSelf,
          metrics::Measure::kLostMedical, metrics::Measure::kLostShort, metrics::Measure::kLostLong,
          metrics::Measure::kSickPersons, metrics::Measure::kPlanDue, metrics::Measure::kPlanMet,
          metrics::Measure::kPlanPersons}) {
      cube.MutablePlane(p, m);
    }
    for (int u = 0; u < n; ++u) {
      for (size_t k = 0; k < present[u].size(); ++k) {
        const uint16_t months = present[u][k] & mask;
        if (months == 0) continue;
        const int count = std::popcount(months);
        const double agreed = 20.0 * count * (1 + static_cast<double>(k % 3));
        const double lost = agreed * static_cast<double>((u + k) % 4) / 10;
        cube.MutablePlane(p, metrics::Measure::kAgreed)[u] += agreed;
        cube.MutablePlane(p, metrics::Measure::kLostAll)[u] += lost;
        cube.MutablePlane(p, metrics::Measure::kLostMedical)[u] += lost / 2;
        cube.MutablePlane(p, metrics::Measure::kLostSelf)[u] += lost / 2;
        cube.MutablePlane(p, metrics::Measure::kLostLong)[u] += lost;
        cube.MutablePlane(p, metrics::Measure::kSickPersons)[u] += 1;
        cube.MutablePlane(p, metrics::Measure::kPlanDue)[u] += count;
        cube.MutablePlane(p, metrics::Measure::kPlanMet)[u] += k % 2 ? count : 0;
        cube.MutablePlane(p, metrics::Measure::kPlanPersons)[u] += 1;
      }
    }
  }
  cube.RollUp();  // persons belong to one unit each: distinct counts add up
  return cube;
}

TEST(SuppressionAttack, NothingWithheldCanBeWorkedOutOnRandomMunicipalities) {
  int64_t withheld = 0;
  for (uint32_t seed = 1; seed <= 60; ++seed) {
    const metrics::MeasureCube cube = RandomCube(seed);
    int64_t w = 0;
    ASSERT_EQ(AttackEverything(cube, metrics::AudienceFor(core::Role::kViewer, {}, cube), &w), "")
        << "seed " << seed;
    withheld += w;
    const std::string own[] = {cube.units()[cube.unit_count() - 1].key};
    ASSERT_EQ(AttackEverything(cube, metrics::AudienceFor(core::Role::kLeader, own, cube)), "")
        << "seed " << seed << ", leader of " << own[0];
  }
  EXPECT_GT(withheld, 1000);
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
