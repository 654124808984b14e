#include "demo/generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

namespace agp::demo {
namespace {

using core::Date;

const core::Workforce& Demo() {
  static const core::Workforce w = [] {
    DemoOptions o;
    o.employees = 3000;
    o.years = 3;
    o.last_year = 2024;
    o.seed = 7;
    return GenerateWorkforce(o);
  }();
  return w;
}

bool IsCore(const core::PositionPeriod& p) {
  return p.employment == core::Employment::kPermanent ||
         p.employment == core::Employment::kTemporary;
}
bool Active(const core::PositionPeriod& p, Date d) {
  return p.start <= d && (!p.end || d <= *p.end);
}

// Size (Σ percent of core positions) per person active on `d`.
std::map<int32_t, double> CoreSizes(const core::Workforce& w, Date d) {
  std::map<int32_t, double> size;
  for (const auto& p : w.periods) {
    if (IsCore(p) && Active(p, d))
      size[w.positions[static_cast<size_t>(p.position)].employee] += p.percent;
  }
  return size;
}

TEST(Generator, TheSameOptionsGiveTheSameMunicipality) {
  DemoOptions o;
  o.employees = 400;
  o.years = 2;
  const core::Workforce a = GenerateWorkforce(o), b = GenerateWorkforce(o);
  ASSERT_EQ(a.absences.size(), b.absences.size());
  ASSERT_EQ(a.periods.size(), b.periods.size());
  for (size_t i = 0; i < a.absences.size(); ++i) {
    ASSERT_EQ(a.absences[i].start, b.absences[i].start);
    ASSERT_EQ(a.absences[i].grade, b.absences[i].grade);
  }
  o.seed = 2;
  const core::Workforce c = GenerateWorkforce(o);
  EXPECT_TRUE(c.absences.size() != a.absences.size() || c.employees[5].name != a.employees[5].name);
}

TEST(Generator, RecordsAreConsistent) {
  const core::Workforce& w = Demo();
  const auto n = [](const auto& v) { return static_cast<int32_t>(v.size()); };
  int roots = 0;
  for (const auto& u : w.units) {
    roots += u.parent < 0;
    ASSERT_LT(u.parent, n(w.units));
  }
  EXPECT_EQ(roots, 1);
  std::map<int32_t, std::vector<const core::PositionPeriod*>> by_position;
  for (const auto& p : w.periods) {
    ASSERT_GE(p.position, 0);
    ASSERT_LT(p.position, n(w.positions));
    ASSERT_GE(p.unit, 0);
    ASSERT_LT(p.unit, n(w.units));
    ASSERT_GT(p.percent, 0);
    ASSERT_LE(p.percent, 100);
    if (p.end) {
      ASSERT_GE(*p.end, p.start);
    }
    by_position[p.position].push_back(&p);
  }
  for (auto& [pos, periods] : by_position) {
    std::sort(periods.begin(), periods.end(), [](auto* a, auto* b) { return a->start < b->start; });
    for (size_t i = 1; i < periods.size(); ++i) {
      ASSERT_TRUE(periods[i - 1]->end && *periods[i - 1]->end < periods[i]->start) << pos;
    }
  }
  for (const auto& a : w.absences) {
    ASSERT_GE(a.employee, 0);
    ASSERT_LT(a.employee, n(w.employees));
    ASSERT_GE(a.end, a.start);
    ASSERT_GE(a.grade, 20);
    if (a.type == core::AbsenceType::kSelfCertified) {
      ASSERT_EQ(a.grade, 100);
    }
    if (a.position >= 0) {
      ASSERT_EQ(w.positions[static_cast<size_t>(a.position)].employee, a.employee);
    }
  }
  for (const auto& e : w.employees) ASSERT_NE(e.key.size(), 11u);
}

// The figures of docs/demo-data.md, measured on 31 December of the last year.
TEST(Generator, LandsNearThePublishedNationalFigures) {
  const core::Workforce& w = Demo();
  const Date count = Date::FromYmd(2024, 12, 31);
  const auto sizes = CoreSizes(w, count);
  double women = 0, fulltime = 0, mean_size = 0;
  for (const auto& [person, size] : sizes) {
    women += w.employees[static_cast<size_t>(person)].gender == core::Gender::kWoman;
    fulltime += size >= 100 - 1e-6;
    mean_size += std::min(size, 100.0);
  }
  const double n = static_cast<double>(sizes.size());
  EXPECT_NEAR(n, 3000, 450);
  EXPECT_NEAR(100 * women / n, 77, 5) << "women share";
  EXPECT_NEAR(100 * fulltime / n, 61, 7) << "full-time share";
  EXPECT_NEAR(mean_size / n, 84, 5) << "average position size";

  const auto before = CoreSizes(w, Date::FromYmd(2023, 12, 31));
  double left = 0;
  for (const auto& [person, size] : before) left += sizes.count(person) == 0;
  EXPECT_NEAR(100 * left / static_cast<double>(before.size()), 13, 5) << "turnover";

  // Sick leave in 2024 over Monday–Friday (holidays ignored in this rough check).
  double agreed = 0, lost = 0;
  std::map<int32_t, std::vector<const core::Absence*>> sick;
  for (const auto& a : w.absences) {
    if (a.type != core::AbsenceType::kOther) sick[a.employee].push_back(&a);
  }
  for (const auto& p : w.periods) {
    if (p.employment == core::Employment::kHourly) continue;
    const int32_t person = w.positions[static_cast<size_t>(p.position)].employee;
    for (Date d = std::max(p.start, Date::FromYmd(2024, 1, 1));
         d <= std::min(p.end.value_or(count), count); d = d.AddDays(1)) {
      if (d.weekday() > 5) continue;
      agreed += p.percent;
      double l = 0;
      for (const core::Absence* a : sick[person]) {
        if (a->start <= d && d <= a->end && (a->position < 0 || a->position == p.position)) {
          l += p.percent * a->grade / 100.0;
        }
      }
      lost += std::min(l, p.percent);
    }
  }
  EXPECT_NEAR(100 * lost / agreed, 8, 2) << "sick leave";
  std::printf(
      "measured: %.0f core staff, women %.1f %%, full-time %.1f %%, position size %.1f %%, "
      "turnover %.1f %%, sick leave %.2f %%\n",
      n, 100 * women / n, 100 * fulltime / n, mean_size / n,
      100 * left / static_cast<double>(before.size()), 100 * lost / agreed);
}

}  // namespace
}  // namespace agp::demo
