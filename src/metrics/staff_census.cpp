// Person-based measures on every count date (KS PAI: headcount, full-time share, position size,
// age, gender, leaders; SSB årsverk), pay and dialogues on the count date, and turnover and
// retirement age between the count dates of two years (KS turnover, KS avgangsalder).
#include <algorithm>
#include <array>
#include <climits>
#include <vector>

#include "metrics/engine_input.h"

namespace agp::metrics::internal {
namespace {

// The planes one count date writes.
struct StaffPlanes {
  std::array<double*, kMeasureCount> p{};
  explicit StaffPlanes(MeasureCube* cube, int period) {
    for (int m = 0; m <= static_cast<int>(Measure::kFtePersons); ++m) {
      p[m] = cube->MutablePlane(period, static_cast<Measure>(m));
    }
  }
  double* operator[](Measure m) const { return p[static_cast<int>(m)]; }
};

constexpr double kFullTime = 100.0 - 1e-6;  // DESIGN §4: 100 compared with a tolerance of 1e-6
constexpr double kSmall = 50.0 - 1e-6;

}  // namespace

void CountStaff(const Input& in, const Horizon& h, const UnitTree& tree, MeasureCube* cube) {
  const core::Workforce& w = *in.w;
  const int months = 12 * h.years;
  std::vector<core::Date> count_date(months + 1);
  for (int k = 0; k <= months; ++k) count_date[k] = h.month_start[k].AddDays(-1);
  std::vector<StaffPlanes> planes;
  planes.reserve(months);
  for (int p = 0; p < months; ++p) planes.emplace_back(cube, p);
  std::vector<double*> base(h.years), leavers(h.years), exit_age(h.years), exits(h.years);
  for (int y = 0; y < h.years; ++y) {
    const int p = h.Year(h.first_year + y);
    base[y] = cube->MutablePlane(p, Measure::kTurnoverBase);
    leavers[y] = cube->MutablePlane(p, Measure::kLeavers);
    exit_age[y] = cube->MutablePlane(p, Measure::kExitAgeSum);
    exits[y] = cube->MutablePlane(p, Measure::kExits55);
  }
  std::vector<int32_t> main_of(months + 1);
  std::vector<int32_t> fte_units;
  std::vector<int> cd_year(months + 1), cd_month(months + 1);
  for (int k = 0; k <= months; ++k) {
    cd_year[k] = count_date[k].year();
    cd_month[k] = count_date[k].month();
  }
  // The person's core rows, copied close together: the loop below visits them once per count
  // date, and PositionPeriod is large.
  struct CoreRow {
    core::Date start;
    core::Date end;  // a far date when open
    double percent;
    int32_t row;
    int32_t unit;
    bool fast;
    bool leader;
  };
  std::vector<CoreRow> core_rows;
  const core::Date open_end(INT32_MAX);

  for (const int32_t e : in.order) {
    const int32_t rb = in.row_begin[e];
    const int32_t re = in.row_begin[e + 1];
    if (rb == re) continue;
    const core::Employee& person = w.employees[e];
    core_rows.clear();
    core::Date last_end;
    for (int32_t i = rb; i < re; ++i) {
      const core::PositionPeriod& r = w.periods[in.rows[i]];
      if (!IsCore(r.employment)) continue;
      core_rows.push_back(CoreRow{r.start, r.end ? *r.end : open_end, r.percent, in.rows[i], r.unit,
                                  r.employment == core::Employment::kPermanent, r.leader});
      last_end = std::max(last_end, core_rows.back().end);
    }
    if (core_rows.empty()) continue;  // never core staff
    if (last_end < count_date[0] || core_rows.front().start > count_date[months]) continue;
    const core::Date earliest_core_start = core_rows.front().start;
    int32_t pay_next = in.pay_begin[e];
    const core::Date* dialogues = in.dialogue_dates.data() + in.dialogue_begin[e];
    const core::Date* dialogues_end = in.dialogue_dates.data() + in.dialogue_begin[e + 1];

    for (int k = 0; k <= months; ++k) {
      const core::Date cd = count_date[k];
      int32_t main = -1;
      const CoreRow* best = nullptr;
      double size = 0;
      bool has_fast = false;
      bool leader = false;
      fte_units.clear();
      for (const CoreRow& r : core_rows) {
        if (r.start > cd) break;
        if (cd > r.end) continue;
        size += r.percent;
        has_fast |= r.fast;
        leader |= r.leader;
        if (k > 0) {
          planes[k - 1][Measure::kFteSum][r.unit] += r.percent / 100.0;
          fte_units.push_back(r.unit);
        }
        if (best == nullptr || r.percent > best->percent + 1e-9 ||
            (r.percent >= best->percent - 1e-9 &&
             (r.start < best->start ||
              (r.start == best->start &&
               PositionKeyLess(w.positions[w.periods[r.row].position].key,
                               w.positions[w.periods[best->row].position].key))))) {
          best = &r;
        }
      }
      if (best != nullptr) main = best->row;
      main_of[k] = main;
      if (k == 0 || main < 0) continue;
      const StaffPlanes& p = planes[k - 1];
      const int32_t u = w.periods[main].unit;
      const int age = cd_year[k] - person.birth_year;
      const bool woman = person.gender == core::Gender::kWoman;
      p[Measure::kHeadcount][u] += 1;
      if (size >= kFullTime) p[Measure::kFulltime][u] += 1;
      p[Measure::kSizeCappedSum][u] += size < 100.0 ? size : 100.0;
      if (size < kSmall) p[Measure::kSmall][u] += 1;
      if (!has_fast) p[Measure::kTemporary][u] += 1;
      if (woman) p[Measure::kWomen][u] += 1;
      if (leader) {
        p[Measure::kLeaders][u] += 1;
        if (woman) p[Measure::kWomenLeaders][u] += 1;
      }
      p[Measure::kAgeSum][u] += age;
      if (age >= 55) p[Measure::kAge55][u] += 1;
      if (age >= 62) p[Measure::kAge62][u] += 1;
      tree.AddDistinct(fte_units, p[Measure::kFtePersons]);
      if (earliest_core_start <= cd.AddDays(-365)) {
        p[Measure::kDialogueEligible][u] += 1;
        if (AnyDateIn(dialogues, dialogues_end, cd.AddDays(-364), cd)) {
          p[Measure::kDialogueHeld][u] += 1;
        }
      }
      // Pay: the latest row dated in the 365 days up to the count date (KS likelønn).
      while (pay_next < in.pay_begin[e + 1] && w.pay[in.pay[pay_next]].date <= cd) ++pay_next;
      if (pay_next > in.pay_begin[e] && person.gender != core::Gender::kOther) {
        const core::PayRecord& pay = w.pay[in.pay[pay_next - 1]];
        if (pay.date >= cd.AddDays(-364)) {
          const double monthly = (pay.annual_base_salary + pay.fixed_allowances) / 12.0;
          if (woman) {
            p[Measure::kPayWomenSum][u] += monthly;
            p[Measure::kPayWomen][u] += 1;
          } else {
            p[Measure::kPayMenSum][u] += monthly;
            p[Measure::kPayMen][u] += 1;
          }
          if (cd_month[k] == 12 && in.row_job[main] >= 0) {
            cube->job_pay[k - 1].push_back(JobPay{u, in.row_job[main], woman ? monthly : 0,
                                                  woman ? 0 : monthly, woman ? 1 : 0,
                                                  woman ? 0 : 1});
          }
        }
      }
    }

    // Turnover and retirement age: core staff on 31 December of the year before, in the unit of
    // the main position then, who are not core staff on 31 December of the year.
    for (int y = 0; y < h.years; ++y) {
      const int32_t before = main_of[12 * y];
      if (before < 0) continue;
      const int32_t u = w.periods[before].unit;
      base[y][u] += 1;
      if (main_of[12 * y + 12] >= 0) continue;
      leavers[y][u] += 1;
      const int year = h.first_year + y;
      if (year - 1 - person.birth_year < 55) continue;
      const core::Date cd = count_date[12 * y + 12];
      core::Date exit;
      bool found = false;
      for (const CoreRow& r : core_rows) {
        if (r.end <= cd && (!found || r.end > exit)) {
          exit = r.end;
          found = true;
        }
      }
      if (!found) continue;  // cannot happen: a core row active a year ago has ended since
      exit_age[y][u] += exit.year() - person.birth_year;
      exits[y][u] += 1;
    }
  }
}

}  // namespace agp::metrics::internal
