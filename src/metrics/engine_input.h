// The engine's view of the records: per-person indexes in compressed-row form, the span of years
// and its periods, and the helpers the passes share. Internal to src/metrics.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/records.h"
#include "metrics/engine.h"
#include "metrics/measure_cube.h"
#include "metrics/unit_tree.h"

namespace agp::metrics::internal {

inline bool IsCore(core::Employment e) {
  return e == core::Employment::kPermanent || e == core::Employment::kTemporary;
}
inline bool IsActive(const core::PositionPeriod& r, core::Date d) {
  return r.start <= d && (!r.end || d <= *r.end);
}

// The periods of years [first, last] in core::Period order and the index arithmetic over them.
struct Horizon {
  int first_year = 0;
  int years = 0;
  core::Date first_day;
  core::Date last_day;
  std::vector<core::Date> month_start;  // 12·years + 1 entries; the last is 1 Jan after the span

  Horizon(int first, int last);
  int period_count() const { return years * 20; }
  int Month(int year, int month) const { return (year - first_year) * 12 + month - 1; }
  int Tertial(int year, int t) const { return 12 * years + (year - first_year) * 3 + t - 1; }
  int Quarter(int year, int q) const { return 15 * years + (year - first_year) * 4 + q - 1; }
  int Year(int year) const { return 19 * years + (year - first_year); }
  // Month index of a day inside the span.
  int MonthOf(core::Date d) const;
  // The four periods (month, tertial, quarter, year) containing month index m.
  void PeriodsOfMonth(int m, int out[4]) const;
  std::vector<core::Period> Periods() const;
};

struct Input {
  const core::Workforce* w = nullptr;
  // Position rows of each employee, sorted by start: rows[row_begin[e] .. row_begin[e+1]).
  std::vector<int32_t> row_begin, rows;
  // Sick absences (egenmeldt, legemeldt) of each employee, sorted by start.
  std::vector<int32_t> absence_begin, absences;
  // Pay rows, dialogue dates and follow-up events of each employee, sorted by date.
  std::vector<int32_t> pay_begin, pay;
  std::vector<int32_t> dialogue_begin;
  std::vector<core::Date> dialogue_dates;
  std::vector<int32_t> plan_begin, meeting1_begin;
  std::vector<core::Date> plan_dates, meeting1_dates;
  // The job code of each position row as an index into job_codes (-1 for none).
  std::vector<int32_t> row_job;
  std::vector<std::string> job_codes;

  // Every employee, ordered by the unit of their latest position row: the passes visit people in
  // this order so that neighbours write to the same units (and cache lines) of the planes.
  std::vector<int32_t> order;

  explicit Input(const core::Workforce& workforce);
  int employee_count() const { return static_cast<int>(row_begin.size()) - 1; }
};

// The main position among the core rows of employee `e` active on `d` (DESIGN §4: largest
// percent; ties: earliest start of the active row, then smallest position_id, numerically when
// both are digits); -1 when the person is not core staff that day.
int32_t MainRow(const Input& in, int32_t e, core::Date d);
// Whether position key a sorts before b (numerically when both are digits).
bool PositionKeyLess(std::string_view a, std::string_view b);
// True when `dates` (sorted) holds a date in [from, to].
bool AnyDateIn(const core::Date* begin, const core::Date* end, core::Date from, core::Date to);

// The passes; each writes only its own measures' planes, which must already be allocated.
void CountStaff(const Input& in, const Horizon& h, const UnitTree& tree, MeasureCube* cube);
void CountSickLeave(const Input& in, const Horizon& h, const UnitTree& tree,
                    const core::WorkingDays& wd, MeasureCube* cube);
void CountFollowup(const Input& in, const Horizon& h, const UnitTree& tree,
                   const EngineOptions& options, MeasureCube* cube);

// A sick-leave follow-up case (DESIGN §10.1): the sick rows in.absences[first, last) of one
// employee, which are sorted by start, then file line.
struct CaseSpan {
  int32_t first = 0;
  int32_t last = 0;
  core::Date start;
  core::Date end;       // the latest end among the rows
  bool doctor = false;  // holds a legemeldt row
};
// Appends the cases of employee `e` built from the rows that start on or before `known_on`: a row
// joins the current case when start − case end − 1 ≤ join_days.
void CasesOf(const Input& in, int32_t e, core::Date known_on, int join_days,
             std::vector<CaseSpan>* out);
// Fully absent on `day`: the largest grade among the case's rows covering the day is 100.
bool FullyAbsentOn(const Input& in, const CaseSpan& c, core::Date day);
// The unit the case counts in on `day` (DESIGN §10.1), -1 when the person has no position row.
int32_t CaseUnitOn(const Input& in, int32_t e, const CaseSpan& c, core::Date day);

}  // namespace agp::metrics::internal
