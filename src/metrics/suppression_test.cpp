// The rules of suppression on small hand-made trees: primary, complementary from above and from
// below, and linked periods (DESIGN.md §4 "Small numbers", issue 13).
#include "metrics/suppression.h"

#include <gtest/gtest.h>

#include <vector>

#include "metrics/access.h"
#include "metrics/query.h"

namespace agp::metrics {
namespace {

// A cell about `persons` with a numerator and denominator (a share).
Cell Persons(int64_t persons, double numerator = 1) {
  Cell c;
  c.groups[0] = persons;
  c.numerator = numerator;
  c.denominator = static_cast<double>(persons);
  if (persons > 0) c.value = 100.0 * numerator / static_cast<double>(persons);
  return c;
}

std::vector<bool> Withheld(const std::vector<Cell>& cells) {
  std::vector<bool> out;
  for (const Cell& c : cells) out.push_back(c.suppressed);
  return out;
}

const Audience kPublic{5, {}};

TEST(Suppression, ASmallGroupIsWithheldWithTheSiblingThatWouldRevealIt) {
  // 0 ← 1 (2 persons), 2 (10), 3 (20); the root has no own persons.
  const std::vector<int32_t> parent = {-1, 0, 0, 0};
  std::vector<Cell> cells = {Persons(32), Persons(2), Persons(10), Persons(20)};
  Suppress(parent, cells, kPublic);
  EXPECT_EQ(Withheld(cells), (std::vector<bool>{false, true, true, false}));
  EXPECT_FALSE(cells[1].value || cells[1].numerator || cells[1].denominator);
}

TEST(Suppression, AWithheldComplementIsNotTheSumOfItsShownChildren) {
  // 0 ← 1 (2 persons), 2 (12 = 6 + 6 in its two departments 4 and 5, none of its own), 3 (20).
  // Withholding 2 to protect 1 is worthless while 4 and 5 are shown: 2 = 4 + 5, then 1 = 0 − 2 − 3.
  const std::vector<int32_t> parent = {-1, 0, 0, 0, 2, 2};
  std::vector<Cell> cells = {Persons(34), Persons(2), Persons(12),
                             Persons(20), Persons(6), Persons(6)};
  Suppress(parent, cells, kPublic);
  EXPECT_TRUE(cells[1].suppressed);
  EXPECT_TRUE(cells[2].suppressed);
  EXPECT_TRUE(cells[4].suppressed || cells[5].suppressed)
      << "the complement 2 is worked out from its departments";
}

TEST(Suppression, AParentWithPersonsOfItsOwnProtectsALoneWithheldChild) {
  // 0 has 8 persons of its own: 0 − 2 = 8 own + 3 in 1, neither can be told apart.
  const std::vector<int32_t> parent = {-1, 0, 0};
  std::vector<Cell> cells = {Persons(21), Persons(3), Persons(10)};
  Suppress(parent, cells, kPublic);
  EXPECT_EQ(Withheld(cells), (std::vector<bool>{false, true, false}));
}

TEST(Suppression, ALoneLargeComplementIsStillTheParentMinusTheRest) {
  // 0 ← 1 (2), 2 (30, withheld to protect 1 in another slice): with 1 shown here and no own
  // persons, 2 = 0 − 1. SuppressLinked must then withhold 1 as well (or the parent).
  const std::vector<int32_t> parent = {-1, 0, 0};
  std::vector<Cell> month_a = {Persons(32), Persons(2), Persons(30)};
  std::vector<Cell> month_b = {Persons(36), Persons(6), Persons(30)};
  const std::span<Cell> slices[] = {month_a, month_b};
  SuppressLinked(parent, slices, kPublic);
  // 1 is small in month a: withheld in both; then 2 is the only other child: withheld too.
  EXPECT_EQ(Withheld(month_a), (std::vector<bool>{false, true, true}));
  EXPECT_EQ(Withheld(month_b), (std::vector<bool>{false, true, true}));
}

TEST(Suppression, AUnitSmallInOneLinkedPeriodIsWithheldInAllOfThem) {
  const std::vector<int32_t> parent = {-1, 0, 0, 0};
  std::vector<Cell> april = {Persons(16), Persons(1), Persons(7), Persons(8)};
  std::vector<Cell> tertial = {Persons(40), Persons(9), Persons(15), Persons(16)};
  std::vector<Cell> quarter = {Persons(30), Persons(8), Persons(10), Persons(12)};
  const std::span<Cell> slices[] = {april, tertial, quarter};
  SuppressLinked(parent, slices, kPublic);
  for (const auto* cells : {&april, &tertial, &quarter}) {
    EXPECT_TRUE((*cells)[1].suppressed);
    EXPECT_TRUE((*cells)[2].suppressed) << "the complement is linked too";
    EXPECT_FALSE((*cells)[3].suppressed);
  }
}

TEST(Suppression, AViewerWhoSeesAUnitGetsItsFiguresAndTheRestIsProtected) {
  // A leader of unit 1 sees it; unit 2 is small, 3 is its complement.
  const std::vector<int32_t> parent = {-1, 0, 0, 0};
  std::vector<Cell> cells = {Persons(35), Persons(3), Persons(2), Persons(30)};
  Audience leader{5, [](int32_t u) { return u == 1; }};
  Suppress(parent, cells, leader);
  EXPECT_EQ(Withheld(cells), (std::vector<bool>{false, false, true, true}));
}

// A cube of one year (every month, tertial, quarter and the year) of a municipality (unit 0, no
// persons of its own) with three units; `own[u][m]` persons of unit u + 1 in month m + 1, each
// with 20 agreed day-works and one a follow-up case due.
MeasureCube YearCube(const int (&own)[3][12]) {
  std::vector<CubeUnit> units = {
      {"1", "Kommunen", -1}, {"2", "A", 0}, {"3", "B", 0}, {"4", "C", 0}};
  std::vector<core::Period> periods;
  for (int m = 1; m <= 12; ++m) periods.push_back(core::Period::Month(2023, m));
  for (int t = 1; t <= 3; ++t) periods.push_back(core::Period::Tertial(2023, t));
  for (int q = 1; q <= 4; ++q) periods.push_back(core::Period::Quarter(2023, q));
  periods.push_back(core::Period::Year(2023));
  MeasureCube cube(units, periods);
  for (int p = 0; p < cube.period_count(); ++p) {
    const core::Period& period = cube.periods()[p];
    for (int u = 1; u <= 3; ++u) {
      double n = 0;
      for (int m = period.first_month(); m <= period.last_month(); ++m) n += own[u - 1][m - 1];
      cube.MutablePlane(p, Measure::kAgreed)[u] = 20 * n;
      cube.MutablePlane(p, Measure::kLostAll)[u] = n;
      cube.MutablePlane(p, Measure::kSickPersons)[u] = n;  // new persons every month
      cube.MutablePlane(p, Measure::kPlanDue)[u] = n;
      cube.MutablePlane(p, Measure::kPlanMet)[u] = n;
      cube.MutablePlane(p, Measure::kPlanPersons)[u] = n;
    }
  }
  cube.RollUp();
  return cube;
}

TEST(Suppression, TheFiguresOfAYearAreWithheldTogetherSoThatAprilIsNotT1MinusQ1) {
  // The case: unit A has 1 person in April and 6 or more in T1 and Q1.
  const int own[3][12] = {{2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 2, 2},
                          {6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6},
                          {8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8}};
  const MeasureCube cube = YearCube(own);
  FigureRequest r;
  r.periods = {core::Period::Tertial(2023, 1), core::Period::Quarter(2023, 1)};
  r.indicators = {"sick_leave_pct"};
  auto figures = QueryFigures(cube, r, AudienceFor(core::Role::kUnion, {}, cube));
  ASSERT_TRUE(figures.ok());
  for (const Figure& f : *figures) {
    EXPECT_EQ(f.cell.suppressed, f.unit == 1 || f.unit == 2)
        << f.period.ToString() << " unit " << f.unit;
  }
  auto admin = QueryFigures(cube, r, Audience::Everything());
  ASSERT_TRUE(admin.ok());
  for (const Figure& f : *admin) EXPECT_FALSE(f.cell.suppressed);
}

TEST(Suppression, FollowUpComplianceReachesViewersOfAggregatesForYearsOnly) {
  const int own[3][12] = {{2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 2, 2},
                          {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9},
                          {4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4}};
  const MeasureCube cube = YearCube(own);
  FigureRequest r;
  r.periods = {core::Period::Month(2023, 4), core::Period::Tertial(2023, 1),
               core::Period::Quarter(2023, 1), core::Period::Year(2023)};
  r.indicators = {"followup_plan_compliance"};
  // A month small for A does not take A's year away: 23 cases.
  auto figures = QueryFigures(cube, r, AudienceFor(core::Role::kViewer, {}, cube));
  ASSERT_TRUE(figures.ok());
  for (const Figure& f : *figures) {
    const bool year = f.period.kind() == core::PeriodKind::kYear;
    EXPECT_EQ(f.cell.suppressed, !year) << f.period.ToString() << " unit " << f.unit;
  }
  // A leader of unit B sees B's months.
  const std::string b[] = {"3"};
  auto leader = QueryFigures(cube, r, AudienceFor(core::Role::kLeader, b, cube));
  ASSERT_TRUE(leader.ok());
  for (const Figure& f : *leader) {
    const bool year = f.period.kind() == core::PeriodKind::kYear;
    EXPECT_EQ(f.cell.suppressed, !year && f.unit != 2) << f.period.ToString() << " unit " << f.unit;
  }
}

}  // namespace
}  // namespace agp::metrics
