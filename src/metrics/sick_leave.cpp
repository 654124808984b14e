// Sick leave (SSB/NAV sykefravær, «Om statistikken»): agreed and lost day-works per working day
// and position, in the unit of the position row active that day, summed per month.
//
// Most absences overlap no other absence on the same position; their lost day-works are
// percent/100 × grade/100 × working days, counted month by month with the calendar's prefix
// sums. Where absences overlap on a position, the days of the overlapping cluster are walked one
// by one so that each day's sum can be capped at that day's agreed value, per sick-leave key.
#include <algorithm>
#include <array>
#include <vector>

#include "metrics/engine_input.h"

namespace agp::metrics::internal {
namespace {

enum Key { kAll, kSelf, kMedical, kShort, kLong, kKeys };

struct Segment {
  core::Date start;
  core::Date end;
  int grade;
  bool medical;
  bool short_term;  // the whole absence is at most 16 calendar days (folketrygdloven §8-19)
};

struct MonthPlanes {
  double* agreed;
  std::array<double*, kKeys> lost;
};

}  // namespace

void CountSickLeave(const Input& in, const Horizon& h, const UnitTree& tree,
                    const core::WorkingDays& wd, MeasureCube* cube) {
  const core::Workforce& w = *in.w;
  const int months = 12 * h.years;
  std::vector<MonthPlanes> planes(months);
  for (int m = 0; m < months; ++m) {
    planes[m].agreed = cube->MutablePlane(m, Measure::kAgreed);
    planes[m].lost = {
        cube->MutablePlane(m, Measure::kLostAll), cube->MutablePlane(m, Measure::kLostSelf),
        cube->MutablePlane(m, Measure::kLostMedical), cube->MutablePlane(m, Measure::kLostShort),
        cube->MutablePlane(m, Measure::kLostLong)};
  }
  std::vector<double*> persons(h.period_count());
  for (int p = 0; p < h.period_count(); ++p)
    persons[p] = cube->MutablePlane(p, Measure::kSickPersons);

  std::vector<int32_t> local;                  // the person's rows that count (not timelonnet)
  std::vector<std::vector<Segment>> segments;  // per local row
  std::vector<uint8_t> present(h.period_count(), 0);
  std::vector<int32_t> touched;
  std::vector<std::pair<int32_t, int32_t>> presence;  // (period, unit) for people in several units
  std::vector<int32_t> group;

  auto add_lost = [&](int m, int32_t unit, double v, const Segment& s) {
    const MonthPlanes& mp = planes[m];
    mp.lost[kAll][unit] += v;
    mp.lost[s.medical ? kMedical : kSelf][unit] += v;
    mp.lost[s.short_term ? kShort : kLong][unit] += v;
  };

  for (const int32_t e : in.order) {
    local.clear();
    bool one_unit = true;
    for (int32_t i = in.row_begin[e]; i < in.row_begin[e + 1]; ++i) {
      const core::PositionPeriod& r = w.periods[in.rows[i]];
      if (r.employment == core::Employment::kHourly) continue;
      if (r.start > h.last_day || (r.end && *r.end < h.first_day)) continue;
      if (!local.empty() && w.periods[local[0]].unit != r.unit) one_unit = false;
      local.push_back(in.rows[i]);
    }
    if (local.empty()) continue;

    // Agreed day-works, and in which periods and units the person has any.
    presence.clear();
    for (int32_t row : local) {
      const core::PositionPeriod& r = w.periods[row];
      const core::Date s = std::max(r.start, h.first_day);
      const core::Date end = r.end ? std::min(*r.end, h.last_day) : h.last_day;
      const double share = r.percent / 100.0;
      for (int m = h.MonthOf(s), last = h.MonthOf(end); m <= last; ++m) {
        const int32_t n = wd.Count(std::max(s, h.month_start[m]),
                                   std::min(end, h.month_start[m + 1].AddDays(-1)));
        if (n == 0) continue;
        planes[m].agreed[r.unit] += share * n;
        int of[4];
        h.PeriodsOfMonth(m, of);
        for (int p : of) {
          if (one_unit) {
            if (!present[p]) {
              present[p] = 1;
              touched.push_back(p);
            }
          } else {
            presence.emplace_back(p, r.unit);
          }
        }
      }
    }
    if (one_unit) {
      const int32_t unit = w.periods[local[0]].unit;
      for (int32_t p : touched) {
        persons[p][unit] += 1;
        present[p] = 0;
      }
      touched.clear();
    } else {
      tree.AddDistinctPerPeriod(presence, persons, group);
    }

    // Lost day-works: each absence cut to the rows it covers.
    const int32_t ab = in.absence_begin[e];
    const int32_t ae = in.absence_begin[e + 1];
    if (ab == ae) continue;
    if (segments.size() < local.size()) segments.resize(local.size());
    for (size_t j = 0; j < local.size(); ++j) segments[j].clear();
    for (int32_t i = ab; i < ae; ++i) {
      const core::Absence& a = w.absences[in.absences[i]];
      const int length = a.end - a.start + 1;
      for (size_t j = 0; j < local.size(); ++j) {
        const core::PositionPeriod& r = w.periods[local[j]];
        if (a.position >= 0 && r.position != a.position) continue;
        const core::Date s = std::max({a.start, r.start, h.first_day});
        const core::Date end = std::min({a.end, r.end ? *r.end : h.last_day, h.last_day});
        if (s > end) continue;
        segments[j].push_back(
            Segment{s, end, a.grade, a.type == core::AbsenceType::kDoctorCertified, length <= 16});
      }
    }
    for (size_t j = 0; j < local.size(); ++j) {
      std::vector<Segment>& segs = segments[j];
      if (segs.empty()) continue;
      const core::PositionPeriod& r = w.periods[local[j]];
      const double share = r.percent / 100.0;
      std::sort(segs.begin(), segs.end(),
                [](const Segment& a, const Segment& b) { return a.start < b.start; });
      for (size_t i = 0; i < segs.size();) {
        // A cluster: segments that overlap, directly or through each other.
        size_t k = i + 1;
        core::Date cluster_end = segs[i].end;
        while (k < segs.size() && segs[k].start <= cluster_end) {
          cluster_end = std::max(cluster_end, segs[k].end);
          ++k;
        }
        if (k == i + 1) {
          const Segment& s = segs[i];
          const double v = share * s.grade / 100.0;
          for (int m = h.MonthOf(s.start), last = h.MonthOf(s.end); m <= last; ++m) {
            const int32_t n = wd.Count(std::max(s.start, h.month_start[m]),
                                       std::min(s.end, h.month_start[m + 1].AddDays(-1)));
            if (n > 0) add_lost(m, r.unit, v * n, s);
          }
        } else {
          int m = h.MonthOf(segs[i].start);
          for (core::Date d = segs[i].start; d <= cluster_end; d = d.AddDays(1)) {
            while (d >= h.month_start[m + 1]) ++m;
            if (!wd.IsWorking(d)) continue;
            std::array<int, kKeys> grade{};
            for (size_t x = i; x < k; ++x) {
              const Segment& s = segs[x];
              if (d < s.start || d > s.end) continue;
              grade[kAll] += s.grade;
              grade[s.medical ? kMedical : kSelf] += s.grade;
              grade[s.short_term ? kShort : kLong] += s.grade;
            }
            for (int key = 0; key < kKeys; ++key) {
              if (grade[key] > 0)
                planes[m].lost[key][r.unit] += share * std::min(grade[key], 100) / 100.0;
            }
          }
        }
        i = k;
      }
    }
  }
}

}  // namespace agp::metrics::internal
