// Follow-up of sick leave on time (arbeidsmiljøloven §4-6): a follow-up plan by the 28th day and
// dialogue meeting 1 by the 49th day of a doctor-certified absence; the deadlines are data.
#include <algorithm>
#include <vector>

#include "metrics/engine_input.h"

namespace agp::metrics::internal {
namespace {

// The unit an absence counts in on `day`: its position's row active that day; else the person's
// main position; else the person's largest active position of any kind; else the latest row (of
// its position, or of any position) that started on or before the day. -1 when there is none.
int32_t UnitOnDay(const Input& in, int32_t e, const core::Absence& a, core::Date day) {
  const core::Workforce& w = *in.w;
  int32_t latest = -1;
  int32_t largest = -1;
  for (int32_t i = in.row_begin[e]; i < in.row_begin[e + 1]; ++i) {
    const int32_t row = in.rows[i];
    const core::PositionPeriod& r = w.periods[row];
    if (r.start > day) break;
    const bool own = a.position < 0 || r.position == a.position;
    if (a.position >= 0 && own && IsActive(r, day)) return r.unit;
    if (IsActive(r, day) && (largest < 0 || r.percent > w.periods[largest].percent)) largest = row;
    if (own) latest = row;
  }
  const int32_t main = MainRow(in, e, day);
  if (main >= 0) return w.periods[main].unit;
  if (largest >= 0) return w.periods[largest].unit;
  return latest >= 0 ? w.periods[latest].unit : -1;
}

struct Duty {
  Measure due, met, persons;
  int days;
  bool wholly_absent_only;
  const std::vector<int32_t>* begin;
  const std::vector<core::Date>* dates;
};

}  // namespace

void CountFollowup(const Input& in, const Horizon& h, const UnitTree& tree, int plan_days,
                   int meeting1_days, MeasureCube* cube) {
  const core::Workforce& w = *in.w;
  const Duty duties[] = {
      {Measure::kPlanDue, Measure::kPlanMet, Measure::kPlanPersons, plan_days, false,
       &in.plan_begin, &in.plan_dates},
      {Measure::kMeeting1Due, Measure::kMeeting1Met, Measure::kMeeting1Persons, meeting1_days, true,
       &in.meeting1_begin, &in.meeting1_dates},
  };
  const int months = 12 * h.years;
  std::vector<std::pair<int32_t, int32_t>> presence;
  std::vector<int32_t> group;
  for (const Duty& duty : duties) {
    std::vector<double*> due(months), met(months), persons(h.period_count());
    for (int m = 0; m < months; ++m) {
      due[m] = cube->MutablePlane(m, duty.due);
      met[m] = cube->MutablePlane(m, duty.met);
    }
    for (int p = 0; p < h.period_count(); ++p) persons[p] = cube->MutablePlane(p, duty.persons);
    for (const int32_t e : in.order) {
      presence.clear();
      for (int32_t i = in.absence_begin[e]; i < in.absence_begin[e + 1]; ++i) {
        const core::Absence& a = w.absences[in.absences[i]];
        if (a.type != core::AbsenceType::kDoctorCertified) continue;
        if (duty.wholly_absent_only && a.grade != 100) continue;
        if (a.end - a.start + 1 < duty.days) continue;
        const core::Date deadline = a.start.AddDays(duty.days - 1);
        if (deadline < h.first_day || deadline > h.last_day) continue;
        const int32_t unit = UnitOnDay(in, e, a, deadline);
        if (unit < 0) continue;
        const int m = h.MonthOf(deadline);
        due[m][unit] += 1;
        const core::Date* dates = duty.dates->data();
        if (AnyDateIn(dates + (*duty.begin)[e], dates + (*duty.begin)[e + 1], a.start, deadline)) {
          met[m][unit] += 1;
        }
        int of[4];
        h.PeriodsOfMonth(m, of);
        for (int p : of) presence.emplace_back(p, unit);
      }
      if (presence.empty()) continue;
      tree.AddDistinctPerPeriod(presence, persons, group);
    }
  }
}

}  // namespace agp::metrics::internal
