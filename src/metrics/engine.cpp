#include "metrics/engine.h"

#include <algorithm>
#include <map>
#include <thread>

#include "metrics/engine_input.h"

namespace agp::metrics {
namespace internal {

Horizon::Horizon(int first, int last)
    : first_year(first),
      years(last - first + 1),
      first_day(core::Date::FromYmd(first, 1, 1)),
      last_day(core::Date::FromYmd(last, 12, 31)) {
  month_start.reserve(12 * years + 1);
  for (int y = first; y <= last; ++y) {
    for (int m = 1; m <= 12; ++m) month_start.push_back(core::Date::FromYmd(y, m, 1));
  }
  month_start.push_back(core::Date::FromYmd(last + 1, 1, 1));
}

int Horizon::MonthOf(core::Date d) const {
  auto it = std::upper_bound(month_start.begin(), month_start.end(), d);
  return static_cast<int>(it - month_start.begin()) - 1;
}

void Horizon::PeriodsOfMonth(int m, int out[4]) const {
  const int year = first_year + m / 12;
  const int month = m % 12 + 1;
  out[0] = m;
  out[1] = Tertial(year, (month - 1) / 4 + 1);
  out[2] = Quarter(year, (month - 1) / 3 + 1);
  out[3] = Year(year);
}

std::vector<core::Period> Horizon::Periods() const {
  std::vector<core::Period> p;
  p.reserve(period_count());
  const int last = first_year + years - 1;
  for (int y = first_year; y <= last; ++y) {
    for (int m = 1; m <= 12; ++m) p.push_back(core::Period::Month(y, m));
  }
  for (int y = first_year; y <= last; ++y) {
    for (int t = 1; t <= 3; ++t) p.push_back(core::Period::Tertial(y, t));
  }
  for (int y = first_year; y <= last; ++y) {
    for (int q = 1; q <= 4; ++q) p.push_back(core::Period::Quarter(y, q));
  }
  for (int y = first_year; y <= last; ++y) p.push_back(core::Period::Year(y));
  return p;
}

namespace {

// Counting sort of record indices by employee; `key(i)` gives record i's employee.
template <typename KeyFn>
void GroupByEmployee(size_t n_records, int n_employees, KeyFn key, std::vector<int32_t>* begin,
                     std::vector<int32_t>* index) {
  begin->assign(n_employees + 1, 0);
  for (size_t i = 0; i < n_records; ++i) (*begin)[key(i) + 1]++;
  for (int e = 0; e < n_employees; ++e) (*begin)[e + 1] += (*begin)[e];
  index->resize((*begin)[n_employees]);
  std::vector<int32_t> fill(begin->begin(), begin->end() - 1);
  for (size_t i = 0; i < n_records; ++i) (*index)[fill[key(i)]++] = static_cast<int32_t>(i);
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

bool PositionKeyLess(std::string_view a, std::string_view b) {
  if (AllDigits(a) && AllDigits(b)) {
    while (a.size() > 1 && a[0] == '0') a.remove_prefix(1);
    while (b.size() > 1 && b[0] == '0') b.remove_prefix(1);
    if (a.size() != b.size()) return a.size() < b.size();
  }
  return a < b;
}

bool AnyDateIn(const core::Date* begin, const core::Date* end, core::Date from, core::Date to) {
  const core::Date* it = std::lower_bound(begin, end, from);
  return it != end && *it <= to;
}

Input::Input(const core::Workforce& workforce) : w(&workforce) {
  const int n = static_cast<int>(workforce.employees.size());
  const auto& periods = workforce.periods;
  GroupByEmployee(
      periods.size(), n,
      [&](size_t i) { return workforce.positions[periods[i].position].employee; }, &row_begin,
      &rows);
  for (int e = 0; e < n; ++e) {
    std::sort(rows.begin() + row_begin[e], rows.begin() + row_begin[e + 1],
              [&](int32_t a, int32_t b) {
                return periods[a].start != periods[b].start ? periods[a].start < periods[b].start
                                                            : a < b;
              });
  }

  std::vector<int32_t> sick;
  sick.reserve(workforce.absences.size());
  for (size_t i = 0; i < workforce.absences.size(); ++i) {
    if (workforce.absences[i].type != core::AbsenceType::kOther)
      sick.push_back(static_cast<int32_t>(i));
  }
  GroupByEmployee(
      sick.size(), n, [&](size_t i) { return workforce.absences[sick[i]].employee; },
      &absence_begin, &absences);
  for (int32_t& a : absences) a = sick[a];
  for (int e = 0; e < n; ++e) {
    std::sort(absences.begin() + absence_begin[e], absences.begin() + absence_begin[e + 1],
              [&](int32_t a, int32_t b) {  // by start, then file line (DESIGN §10.1)
                const core::Date sa = workforce.absences[a].start;
                const core::Date sb = workforce.absences[b].start;
                return sa != sb ? sa < sb : a < b;
              });
  }

  GroupByEmployee(
      workforce.pay.size(), n, [&](size_t i) { return workforce.pay[i].employee; }, &pay_begin,
      &pay);
  for (int e = 0; e < n; ++e) {
    std::sort(pay.begin() + pay_begin[e], pay.begin() + pay_begin[e + 1],
              [&](int32_t a, int32_t b) { return workforce.pay[a].date < workforce.pay[b].date; });
  }

  std::vector<int32_t> index;
  GroupByEmployee(
      workforce.dialogues.size(), n, [&](size_t i) { return workforce.dialogues[i].employee; },
      &dialogue_begin, &index);
  dialogue_dates.resize(index.size());
  for (size_t i = 0; i < index.size(); ++i) dialogue_dates[i] = workforce.dialogues[index[i]].date;
  for (int e = 0; e < n; ++e) {
    std::sort(dialogue_dates.begin() + dialogue_begin[e],
              dialogue_dates.begin() + dialogue_begin[e + 1]);
  }

  auto events = [&](core::FollowupKind kind, std::vector<int32_t>* begin,
                    std::vector<core::Date>* dates) {
    std::vector<int32_t> of_kind;
    for (size_t i = 0; i < workforce.followup.size(); ++i) {
      if (workforce.followup[i].kind == kind) of_kind.push_back(static_cast<int32_t>(i));
    }
    std::vector<int32_t> idx;
    GroupByEmployee(
        of_kind.size(), n, [&](size_t i) { return workforce.followup[of_kind[i]].employee; }, begin,
        &idx);
    dates->resize(idx.size());
    for (size_t i = 0; i < idx.size(); ++i) (*dates)[i] = workforce.followup[of_kind[idx[i]]].date;
    for (int e = 0; e < n; ++e) {
      std::sort(dates->begin() + (*begin)[e], dates->begin() + (*begin)[e + 1]);
    }
  };
  events(core::FollowupKind::kFollowupPlan, &plan_begin, &plan_dates);
  events(core::FollowupKind::kDialogueMeeting1, &meeting1_begin, &meeting1_dates);

  std::vector<std::pair<int32_t, int32_t>> unit_of(n);
  for (int e = 0; e < n; ++e) {
    unit_of[e] = {row_begin[e] == row_begin[e + 1] ? -1 : periods[rows[row_begin[e + 1] - 1]].unit,
                  e};
  }
  std::sort(unit_of.begin(), unit_of.end());
  order.resize(n);
  for (int e = 0; e < n; ++e) order[e] = unit_of[e].second;

  row_job.assign(periods.size(), -1);
  std::vector<std::pair<std::string_view, int32_t>> codes;
  for (size_t i = 0; i < periods.size(); ++i) {
    if (!periods[i].job_code.empty())
      codes.emplace_back(periods[i].job_code, static_cast<int32_t>(i));
  }
  std::sort(codes.begin(), codes.end());
  for (size_t i = 0; i < codes.size(); ++i) {
    if (i == 0 || codes[i].first != codes[i - 1].first) job_codes.emplace_back(codes[i].first);
    row_job[codes[i].second] = static_cast<int32_t>(job_codes.size()) - 1;
  }
}

int32_t MainRow(const Input& in, int32_t e, core::Date d) {
  const auto& periods = in.w->periods;
  int32_t best = -1;
  for (int32_t i = in.row_begin[e]; i < in.row_begin[e + 1]; ++i) {
    const core::PositionPeriod& r = periods[in.rows[i]];
    if (r.start > d) break;  // sorted by start
    if (!IsCore(r.employment) || !IsActive(r, d)) continue;
    if (best < 0) {
      best = in.rows[i];
      continue;
    }
    const core::PositionPeriod& b = periods[best];
    bool better;
    if (r.percent > b.percent + 1e-9) {
      better = true;
    } else if (r.percent < b.percent - 1e-9) {
      better = false;
    } else if (r.start != b.start) {
      better = r.start < b.start;
    } else {
      better = PositionKeyLess(in.w->positions[r.position].key, in.w->positions[b.position].key);
    }
    if (better) best = in.rows[i];
  }
  return best;
}

}  // namespace internal

std::pair<int, int> DataYears(const core::Workforce& w) {
  int last = 0;
  auto see = [&](core::Date d) { last = std::max(last, d.year()); };
  std::map<int, int64_t> starts;  // absences starting per year
  for (const core::Absence& a : w.absences) {
    see(a.end);
    starts[a.start.year()]++;
  }
  int first_position = 0;
  for (const core::PositionPeriod& p : w.periods) {
    see(p.start);
    if (p.end) see(*p.end);
    if (first_position == 0 || p.start.year() < first_position) first_position = p.start.year();
  }
  for (const core::PayRecord& p : w.pay) see(p.date);
  for (const core::Dialogue& d : w.dialogues) see(d.date);
  for (const core::FollowupEvent& f : w.followup) see(f.date);
  if (last == 0) return {0, 0};
  // An export often carries the absences that began before its window and reach into it: a
  // year with far fewer starts than the busiest year is such a partial year, not data.
  int first = first_position;
  if (!starts.empty()) {
    int64_t most = 0;
    for (const auto& [year, n] : starts) most = std::max(most, n);
    for (const auto& [year, n] : starts) {
      if (2 * n >= most) {
        first = year;
        break;
      }
    }
  }
  first = std::clamp(first, last - 9, last);
  return {first, last};
}

MeasureCube ComputeMeasures(const core::Workforce& w, const EngineOptions& options) {
  using internal::Horizon;
  auto [first, last] = std::pair{options.first_year, options.last_year};
  if (first == 0 && last == 0) std::tie(first, last) = DataYears(w);
  if (first == 0) first = last = 2000;  // an empty workforce still gets a well-formed cube
  const Horizon h(first, last);

  std::vector<CubeUnit> units(w.units.size());
  for (size_t i = 0; i < w.units.size(); ++i) {
    units[i] = CubeUnit{w.units[i].key, w.units[i].name, w.units[i].parent};
  }
  MeasureCube cube(std::move(units), h.Periods());
  const internal::Input in(w);
  cube.job_codes = in.job_codes;

  // Allocate every plane the passes write, so that they can run side by side.
  const int months = 12 * h.years;
  for (int p = 0; p < months; ++p) {
    for (int m = 0; m <= static_cast<int>(Measure::kFtePersons); ++m) {
      cube.MutablePlane(p, static_cast<Measure>(m));
    }
  }
  for (int p = 0; p < h.period_count(); ++p) {
    for (int m = static_cast<int>(Measure::kAgreed); m <= static_cast<int>(Measure::kSickPersons);
         ++m) {
      cube.MutablePlane(p, static_cast<Measure>(m));
    }
    for (int m = static_cast<int>(Measure::kPlanDue); m < kMeasureCount; ++m) {
      cube.MutablePlane(p, static_cast<Measure>(m));
    }
  }
  for (int y = first; y <= last; ++y) {
    for (int m = static_cast<int>(Measure::kTurnoverBase); m <= static_cast<int>(Measure::kExits55);
         ++m) {
      cube.MutablePlane(h.Year(y), static_cast<Measure>(m));
    }
  }

  std::vector<int32_t> parents(w.units.size());
  for (size_t i = 0; i < w.units.size(); ++i) parents[i] = w.units[i].parent;
  const UnitTree tree(std::move(parents));
  const core::WorkingDays working_days(first, last);
  auto sick_and_followup = [&] {
    internal::CountSickLeave(in, h, tree, working_days, &cube);
    internal::CountFollowup(in, h, tree, options, &cube);
  };
  if (options.threads > 1) {
    std::thread worker(sick_and_followup);
    internal::CountStaff(in, h, tree, &cube);
    worker.join();
  } else {
    internal::CountStaff(in, h, tree, &cube);
    sick_and_followup();
  }

  // Additive measures of tertials, quarters and years are the sums of their months.
  const int n = cube.unit_count();
  for (Measure m : {Measure::kAgreed, Measure::kLostAll, Measure::kLostSelf, Measure::kLostMedical,
                    Measure::kLostShort, Measure::kLostLong, Measure::kPlanDue, Measure::kPlanMet,
                    Measure::kMeeting1Due, Measure::kMeeting1Met}) {
    for (int month = 0; month < months; ++month) {
      int of[4];
      h.PeriodsOfMonth(month, of);
      const double* src = cube.Plane(month, m);
      for (int k = 1; k < 4; ++k) {
        double* dst = cube.MutablePlane(of[k], m);
        for (int u = 0; u < n; ++u) dst[u] += src[u];
      }
    }
  }
  // Person-based measures: a tertial, quarter or year is its count date's month.
  for (int y = first; y <= last; ++y) {
    for (int m = 0; m <= static_cast<int>(Measure::kFtePersons); ++m) {
      for (int t = 1; t <= 3; ++t)
        cube.SharePlane(h.Month(y, 4 * t), h.Tertial(y, t), static_cast<Measure>(m));
      for (int q = 1; q <= 4; ++q)
        cube.SharePlane(h.Month(y, 3 * q), h.Quarter(y, q), static_cast<Measure>(m));
      cube.SharePlane(h.Month(y, 12), h.Year(y), static_cast<Measure>(m));
    }
  }
  cube.RollUp();
  for (int y = first; y <= last; ++y) {
    const auto& december = cube.job_pay[h.Month(y, 12)];
    cube.job_pay[h.Tertial(y, 3)] = december;
    cube.job_pay[h.Quarter(y, 4)] = december;
    cube.job_pay[h.Year(y)] = december;
  }
  return cube;
}

}  // namespace agp::metrics
