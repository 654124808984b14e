// Follow-up of sick leave on time (arbeidsmiljøloven § 4-6 (3) and (4)): a follow-up plan by the
// 28th day and dialogue meeting 1 by the 49th day of a follow-up case (DESIGN §4, §10.1). The
// deadlines and the 16 days that join sick notes into one case are data
// (data/reference/deadlines.csv).
#include <algorithm>
#include <vector>

#include "metrics/engine_input.h"

namespace agp::metrics::internal {
namespace {

struct Duty {
  Measure due, met, persons;
  int days;
  bool fully_absent_only;
  const std::vector<int32_t>* begin;
  const std::vector<core::Date>* dates;
};

}  // namespace

void CountFollowup(const Input& in, const Horizon& h, const UnitTree& tree,
                   const EngineOptions& options, MeasureCube* cube) {
  const Duty duties[] = {
      {Measure::kPlanDue, Measure::kPlanMet, Measure::kPlanPersons, options.followup_plan_days,
       false, &in.plan_begin, &in.plan_dates},
      {Measure::kMeeting1Due, Measure::kMeeting1Met, Measure::kMeeting1Persons,
       options.dialogue_meeting1_days, true, &in.meeting1_begin, &in.meeting1_dates},
  };
  const int months = 12 * h.years;
  std::vector<std::pair<int32_t, int32_t>> presence[2];
  std::vector<int32_t> group;
  std::vector<CaseSpan> cases;
  std::vector<double*> due[2], met[2], persons[2];
  // Every row counts, also those after the span: a later sick note can extend a case.
  const core::Date all_rows = core::Date::FromYmd(9999, 12, 31);
  for (int d = 0; d < 2; ++d) {
    due[d].resize(months);
    met[d].resize(months);
    persons[d].resize(h.period_count());
    for (int m = 0; m < months; ++m) {
      due[d][m] = cube->MutablePlane(m, duties[d].due);
      met[d][m] = cube->MutablePlane(m, duties[d].met);
    }
    for (int p = 0; p < h.period_count(); ++p) {
      persons[d][p] = cube->MutablePlane(p, duties[d].persons);
    }
  }
  for (const int32_t e : in.order) {
    if (in.absence_begin[e] == in.absence_begin[e + 1]) continue;
    cases.clear();
    CasesOf(in, e, all_rows, options.case_join_days, &cases);
    presence[0].clear();
    presence[1].clear();
    for (const CaseSpan& c : cases) {
      if (!c.doctor) continue;
      for (int d = 0; d < 2; ++d) {
        const Duty& duty = duties[d];
        if (c.end - c.start + 1 < duty.days) continue;
        const core::Date deadline = c.start.AddDays(duty.days - 1);
        if (deadline < h.first_day || deadline > h.last_day) continue;
        if (duty.fully_absent_only && !FullyAbsentOn(in, c, deadline)) continue;
        const int32_t unit = CaseUnitOn(in, e, c, deadline);
        if (unit < 0) continue;
        const int m = h.MonthOf(deadline);
        due[d][m][unit] += 1;
        const core::Date* dates = duty.dates->data();
        if (AnyDateIn(dates + (*duty.begin)[e], dates + (*duty.begin)[e + 1], c.start, deadline)) {
          met[d][m][unit] += 1;
        }
        int of[4];
        h.PeriodsOfMonth(m, of);
        for (int p : of) presence[d].emplace_back(p, unit);
      }
    }
    for (int d = 0; d < 2; ++d) {
      if (!presence[d].empty()) tree.AddDistinctPerPeriod(presence[d], persons[d], group);
    }
  }
}

}  // namespace agp::metrics::internal
