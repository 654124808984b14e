#include "metrics/engine.h"

#include <gtest/gtest.h>

#include "metrics/query.h"

namespace agp::metrics {
namespace {

using core::Date;

Date D(int y, int m, int d) { return Date::FromYmd(y, m, d); }

// A root unit K with children A and B.
core::Workforce Org() {
  core::Workforce w;
  w.units = {{"K", -1, "Kommunen", "", ""}, {"A", 0, "A", "", ""}, {"B", 0, "B", "", ""}};
  return w;
}

int32_t AddPerson(core::Workforce& w, core::Gender g, int birth_year) {
  w.employees.push_back({"E" + std::to_string(w.employees.size()), "", g, birth_year, ""});
  return static_cast<int32_t>(w.employees.size()) - 1;
}

int32_t AddPosition(core::Workforce& w, int32_t employee, int32_t unit, Date start, double percent,
                    core::Employment e = core::Employment::kPermanent) {
  w.positions.push_back({"P" + std::to_string(w.positions.size()), employee});
  core::PositionPeriod p;
  p.position = static_cast<int32_t>(w.positions.size()) - 1;
  p.unit = unit;
  p.start = start;
  p.percent = percent;
  p.employment = e;
  w.periods.push_back(p);
  return p.position;
}

Cell Figure(const MeasureCube& cube, std::string_view key, std::string_view unit,
            std::string_view period) {
  FigureRequest r;
  r.periods = {*core::Period::Parse(period)};
  r.indicators = {std::string(key)};
  r.unit = std::string(unit);
  auto f = QueryFigures(cube, r, Audience{0, {}});
  EXPECT_TRUE(f.ok());
  EXPECT_EQ(f->size(), 1u);
  return f->empty() ? Cell{} : f->front().cell;
}

TEST(Engine, BuildsOnAnEmptyWorkforce) {
  core::Workforce w;
  MeasureCube cube = ComputeMeasures(w);
  EXPECT_EQ(cube.unit_count(), 0);
}

TEST(Engine, GradedAbsenceOverEasterCountsItsWorkingDaysOnly) {
  core::Workforce w = Org();
  const int32_t e = AddPerson(w, core::Gender::kWoman, 1980);
  AddPosition(w, e, 1, D(2024, 1, 1), 100);
  // Monday 25 March – Friday 5 April 2024: Maundy Thursday, Good Friday and Easter Monday are
  // holidays, so 3 working days in March and 4 in April, each lost at 50 %.
  w.absences.push_back(
      {e, -1, core::AbsenceType::kDoctorCertified, 50, D(2024, 3, 25), D(2024, 4, 5), -1});
  const MeasureCube cube = ComputeMeasures(w, {.first_year = 2024, .last_year = 2024});
  const Cell march = Figure(cube, "sick_leave_pct", "A", "2024-03");
  EXPECT_DOUBLE_EQ(*march.denominator, 19);  // 21 weekdays − 2 holidays
  EXPECT_DOUBLE_EQ(*march.numerator, 1.5);
  EXPECT_NEAR(*march.value, 100 * 1.5 / 19, 1e-12);
  const Cell q1 = Figure(cube, "sick_leave_short_pct", "K", "2024-Q1");
  EXPECT_DOUBLE_EQ(*q1.denominator, 22 + 21 + 19);
  EXPECT_DOUBLE_EQ(*q1.numerator, 1.5);
  EXPECT_DOUBLE_EQ(*Figure(cube, "sick_leave_long_pct", "K", "2024-04").numerator, 0);
  EXPECT_DOUBLE_EQ(*Figure(cube, "sick_leave_medical_pct", "K", "2024-T1").numerator, 3.5);
  EXPECT_EQ(Figure(cube, "sick_leave_pct", "B", "2024-03").value, std::nullopt);
}

TEST(Engine, OverlappingAbsencesAreCappedAtAgreed) {
  core::Workforce w = Org();
  const int32_t e = AddPerson(w, core::Gender::kMan, 1970);
  AddPosition(w, e, 1, D(2024, 1, 1), 80);
  // Two absences on the same days (Mon 8 – Fri 12 January): 60 % + 60 % is capped at 100 %.
  w.absences.push_back(
      {e, -1, core::AbsenceType::kDoctorCertified, 60, D(2024, 1, 8), D(2024, 1, 12), -1});
  w.absences.push_back(
      {e, 0, core::AbsenceType::kSelfCertified, 60, D(2024, 1, 8), D(2024, 1, 12), -1});
  const MeasureCube cube = ComputeMeasures(w, {.first_year = 2024, .last_year = 2024});
  EXPECT_NEAR(*Figure(cube, "sick_leave_pct", "A", "2024-01").numerator, 5 * 0.8, 1e-12);
  // Each key is capped on its own: medical 60 % and self 60 % of 0.8 for five days.
  EXPECT_NEAR(*Figure(cube, "sick_leave_medical_pct", "A", "2024-01").numerator, 5 * 0.48, 1e-12);
  EXPECT_NEAR(*Figure(cube, "sick_leave_self_pct", "A", "2024-01").numerator, 5 * 0.48, 1e-12);
  EXPECT_NEAR(*Figure(cube, "sick_leave_short_pct", "A", "2024-01").numerator, 5 * 0.8, 1e-12);
}

TEST(Engine, TwoPositionsOfSixtyMakeOneFullTimePerson) {
  core::Workforce w = Org();
  const int32_t e = AddPerson(w, core::Gender::kWoman, 1990);
  AddPosition(w, e, 2, D(2023, 1, 1), 60);
  AddPosition(w, e, 1, D(2022, 1, 1), 60);  // earlier start: the main position
  const MeasureCube cube = ComputeMeasures(w, {.first_year = 2024, .last_year = 2024});
  EXPECT_EQ(*Figure(cube, "headcount", "K", "2024").value, 1);
  EXPECT_EQ(*Figure(cube, "headcount", "A", "2024").value, 1);
  EXPECT_EQ(*Figure(cube, "headcount", "B", "2024").value, 0);
  EXPECT_EQ(*Figure(cube, "fulltime_share", "K", "2024-Q2").value, 100);
  EXPECT_EQ(*Figure(cube, "avg_position_size", "K", "2024-05").value, 100);
  EXPECT_NEAR(*Figure(cube, "fte", "K", "2024").value, 1.2, 1e-12);
  EXPECT_NEAR(*Figure(cube, "fte", "B", "2024").value, 0.6, 1e-12);
  EXPECT_EQ(Figure(cube, "fte", "K", "2024").population(), 1);  // counted once in the parent
}

TEST(Engine, SubstituteCountsInSickLeaveButNotInStaff) {
  core::Workforce w = Org();
  const int32_t e = AddPerson(w, core::Gender::kWoman, 1990);
  AddPosition(w, e, 1, D(2024, 1, 1), 100, core::Employment::kSubstitute);
  const int32_t h = AddPerson(w, core::Gender::kWoman, 1990);
  AddPosition(w, h, 1, D(2024, 1, 1), 100, core::Employment::kHourly);
  const MeasureCube cube = ComputeMeasures(w, {.first_year = 2024, .last_year = 2024});
  EXPECT_EQ(*Figure(cube, "headcount", "A", "2024-01").value, 0);
  EXPECT_EQ(*Figure(cube, "sick_leave_pct", "A", "2024-01").denominator, 22);  // vikar only
  EXPECT_EQ(Figure(cube, "sick_leave_pct", "A", "2024-01").population(), 1);
}

TEST(Engine, TurnoverAndRetirementAgeCountLeaversOfTheYear) {
  core::Workforce w = Org();
  for (int i = 0; i < 4; ++i)
    AddPosition(w, AddPerson(w, core::Gender::kMan, 1960), 1, D(2020, 1, 1), 100);
  // One leaves on 30 June 2024 at 64 (born 1960); another (born 1990) leaves and comes back.
  w.periods[0].end = D(2024, 6, 30);
  w.periods[1].end = D(2024, 3, 31);
  w.employees[1].birth_year = 1990;
  const int32_t again = AddPosition(w, 1, 1, D(2025, 2, 1), 100);
  (void)again;
  const MeasureCube cube = ComputeMeasures(w, {.first_year = 2024, .last_year = 2025});
  const Cell t = Figure(cube, "turnover", "K", "2024");
  EXPECT_EQ(*t.numerator, 2);
  EXPECT_EQ(*t.denominator, 4);
  EXPECT_EQ(*t.value, 50);
  EXPECT_EQ(*Figure(cube, "avg_retirement_age", "A", "2024").value, 64);
  EXPECT_EQ(*Figure(cube, "turnover", "K", "2025").denominator, 2);
  EXPECT_EQ(*Figure(cube, "turnover", "K", "2025").numerator, 0);
}

}  // namespace
}  // namespace agp::metrics
