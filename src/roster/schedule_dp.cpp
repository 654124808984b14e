#include "roster/schedule_dp.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>

namespace agp::roster {
namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();

// A deterministic number in [0, 1) for a day and shift: spreads the prices of equally good shifts
// so that a change of the minute price moves a few shifts at a time, not all at once.
double Noise(uint64_t seed, int d, int s) {
  uint64_t z = seed ^ (static_cast<uint64_t>(d) * 0x9e3779b97f4a7c15ULL) ^
               (static_cast<uint64_t>(s + 1) * 0xc2b2ae3d27d4eb4fULL);
  z = (z ^ (z >> 31)) * 0xbf58476d1ce4e5b9ULL;
  z ^= z >> 29;
  return static_cast<double>(z % 1000003) / 1000003.0;
}

// The states of a day: worked shift s with a run of r days (1..max_run), or off with a run of r
// days (1..off_cap, the last meaning "long enough"); h: the run began on the first day (exempt).
// With a weekly rest to hold, an off state also holds the last shift worked (or none yet), and
// every state whether the day's calendar week has had its free period (q).
class States {
 public:
  States(int types, int max_run, int off_cap, bool rest)
      : types_(types),
        max_run_(max_run),
        off_cap_(off_cap),
        lasts_(rest ? types + 1 : 1),
        rests_(rest ? 2 : 1),
        work_(types * max_run * 2) {}
  int size() const { return (work_ + lasts_ * off_cap_ * 2) * rests_; }
  int Work(int s, int r, bool h, bool q = false) const {
    return ((s * max_run_ + (r - 1)) * 2 + (h ? 1 : 0)) * rests_ + (q && rests_ > 1 ? 1 : 0);
  }
  // `last`: the last shift worked, -1 for none (held only with a weekly rest).
  int Off(int r, bool h, int last = -1, bool q = false) const {
    const int l = lasts_ > 1 ? last + 1 : 0;
    return (work_ + (l * off_cap_ + (r - 1)) * 2 + (h ? 1 : 0)) * rests_ +
           (q && rests_ > 1 ? 1 : 0);
  }
  bool IsOff(int state) const { return state / rests_ >= work_; }
  int ShiftOf(int state) const { return state / rests_ / 2 / max_run_; }
  int Run(int state) const {
    const int b = state / rests_;
    return IsOff(state) ? ((b - work_) / 2) % off_cap_ + 1 : (b / 2) % max_run_ + 1;
  }
  bool Head(int state) const { return ((state / rests_) & 1) != 0; }
  // The last shift worked: the state's own, or an off state's (-1: none yet, or not held).
  int Last(int state) const {
    if (!IsOff(state)) return ShiftOf(state);
    return lasts_ > 1 ? (state / rests_ - work_) / 2 / off_cap_ - 1 : -1;
  }
  bool Rested(int state) const { return rests_ > 1 && (state & 1) != 0; }

 private:
  int types_, max_run_, off_cap_, lasts_, rests_, work_;
};

}  // namespace

std::vector<double> MarginalCosts(const Instance& in, const Roster& roster, int employee) {
  const int types = static_cast<int>(in.shifts.size());
  std::vector<int> staffed(static_cast<size_t>(in.days * types), 0);
  for (size_t e = 0; e < roster.size(); ++e) {
    if (static_cast<int>(e) == employee) continue;
    for (int d = 0; d < in.days; ++d) {
      if (const int s = roster[e][static_cast<size_t>(d)]; s != kOff) {
        ++staffed[static_cast<size_t>(d * types + s)];
      }
    }
  }
  std::vector<double> cost(staffed.size(), 0);
  for (int d = 0; d < in.days; ++d) {
    for (int s = 0; s < types; ++s) {
      const Cover& c = in.CoverOf(d, s);
      cost[static_cast<size_t>(d * types + s)] =
          staffed[static_cast<size_t>(d * types + s)] < c.requirement ? -c.under_weight
                                                                      : c.over_weight;
    }
  }
  for (const Request& q : in.on_requests) {
    if (q.employee == employee) cost[static_cast<size_t>(q.day * types + q.shift)] -= q.weight;
  }
  for (const Request& q : in.off_requests) {
    if (q.employee == employee) cost[static_cast<size_t>(q.day * types + q.shift)] += q.weight;
  }
  return cost;
}

std::optional<std::vector<int>> BestSchedule(const Instance& in, int employee,
                                             const std::vector<double>& cost, uint64_t seed,
                                             bool* exact) {
  const Employee& emp = in.staff[static_cast<size_t>(employee)];
  const int days = in.days;
  const int types = static_cast<int>(in.shifts.size());
  const int max_run = std::max(1, std::min(emp.max_consecutive_shifts, days));
  const bool may_work = emp.max_consecutive_shifts > 0;
  const int min_run = emp.min_consecutive_shifts;
  const int min_off = std::max(1, emp.min_consecutive_days_off);
  // The weekly rest (model.h) is held in the states: an off run of three days or more is taken
  // as three, which can only shorten the free periods it is judged by, and three free days hold
  // any rest up to two days.
  const int rest = in.weekly_rest_minutes;
  const int off_cap = rest > 0 ? std::max(min_off, 3) : min_off;
  const States st(types, max_run, off_cap, rest > 0);
  const int n = st.size();
  constexpr int64_t kLongAgo = std::numeric_limits<int64_t>::min() / 4;
  // When the last shift worked before day d + 1 ended, for a state of day d (kLongAgo: none).
  auto last_end = [&](int state, int d) -> int64_t {
    const int last = st.Last(state);
    if (last < 0) return kLongAgo;
    const int worked_on = st.IsOff(state) ? d - st.Run(state) : d;
    const ShiftType& t = in.shifts[static_cast<size_t>(last)];
    return static_cast<int64_t>(worked_on) * 1440 + t.start_minute + t.span_minutes;
  };
  // Whether the week of day `nd` has had its rest after the move from `state` on day nd − 1 to
  // working shift `t` on day nd (t < 0: off); nullopt when the move closes a week without it.
  auto rested_after = [&](int state, int nd, int t) -> std::optional<bool> {
    if (rest <= 0) return false;
    const int64_t end = last_end(state, nd - 1);
    bool q = st.Rested(state);
    const int64_t week_start = static_cast<int64_t>(nd / 7) * 7 * 1440;
    if (nd % 7 == 0) {  // the move leaves a week: its tail counts for it
      const int64_t tail = week_start - std::max(end, week_start - 7 * 1440);
      if (!q && tail < rest) return std::nullopt;
      q = false;
    }
    if (t >= 0) {
      const int64_t start =
          static_cast<int64_t>(nd) * 1440 + in.shifts[static_cast<size_t>(t)].start_minute;
      if (start - std::max(end, week_start) >= rest) q = true;
    }
    return q;
  };
  // Whether a state of the last day leaves the last week its rest.
  auto ends_rested = [&](int state) {
    if (rest <= 0 || st.Rested(state)) return true;
    const int64_t week_start = static_cast<int64_t>((days - 1) / 7) * 7 * 1440;
    const int64_t end = last_end(state, days - 1);
    return static_cast<int64_t>(days) * 1440 - std::max(end, week_start) >= rest;
  };

  std::vector<char> allowed(static_cast<size_t>(days * types), 0);
  std::vector<char> day_off(static_cast<size_t>(days), 0);
  for (int d : emp.days_off) {
    if (d >= 0 && d < days) day_off[static_cast<size_t>(d)] = 1;
  }
  std::vector<int> usable;  // shift types this employee may work at all
  int unit = 0, longest = 1;
  for (int s = 0; s < types; ++s) {
    const int minutes = in.shifts[static_cast<size_t>(s)].minutes;
    if (emp.max_shifts[static_cast<size_t>(s)] > 0 && may_work && minutes > 0) {
      usable.push_back(s);
      unit = std::gcd(unit, minutes);
      longest = std::max(longest, minutes);
    }
  }
  unit = std::max(unit, 1);
  for (int d = 0; d < days; ++d) {
    if (day_off[static_cast<size_t>(d)]) continue;
    for (int s : usable) allowed[static_cast<size_t>(d * types + s)] = 1;
  }
  std::vector<char> bad(static_cast<size_t>(types * types), 0);
  for (int s = 0; s < types; ++s) {
    for (int t : in.shifts[static_cast<size_t>(s)].cannot_follow) {
      bad[static_cast<size_t>(s * types + t)] = 1;
    }
  }
  std::vector<int> length(static_cast<size_t>(types), 0);  // in units
  for (int s : usable)
    length[static_cast<size_t>(s)] = in.shifts[static_cast<size_t>(s)].minutes / unit;

  // Minutes are held exactly, in units of the shifts' greatest common divisor, within a band
  // around the even pace from the first day to the last (the whole range on short horizons): a
  // schedule that works all its hours in the first months is not looked for.
  const int max_units = emp.max_total_minutes / unit;
  const int min_units = (emp.min_total_minutes + unit - 1) / unit;
  if (min_units > max_units) return std::nullopt;
  const int half =
      days > 100 ? std::max(2 * (longest / unit + 1), 12) : std::max(4 * (longest / unit + 1), 24);
  std::vector<int> low(static_cast<size_t>(days)), high(static_cast<size_t>(days));
  int width = 1;
  // The pace counts the days the employee may work, so that a holiday does not leave them behind.
  std::vector<int> open_days(static_cast<size_t>(days), 0);
  for (int d = 0, seen = 0; d < days; ++d) {
    seen += day_off[static_cast<size_t>(d)] ? 0 : 1;
    open_days[static_cast<size_t>(d)] = seen;
  }
  const double open_total = std::max(1, open_days.back());
  for (int d = 0; d < days; ++d) {
    const double pace = open_days[static_cast<size_t>(d)] / open_total;
    low[static_cast<size_t>(d)] = std::max(0, static_cast<int>(min_units * pace) - half);
    high[static_cast<size_t>(d)] = std::min(max_units, static_cast<int>(max_units * pace) + half);
    if (d == days - 1) {
      low[static_cast<size_t>(d)] = std::max(low[static_cast<size_t>(d)], min_units);
      high[static_cast<size_t>(d)] = max_units;
    }
    width = std::max(width, high[static_cast<size_t>(d)] - low[static_cast<size_t>(d)] + 1);
  }
  // Weekends are held exactly too when the states stay few enough; otherwise they carry a price.
  int weekends_in_horizon = 0;
  for (int sat = 5; sat < days; sat += 7) ++weekends_in_horizon;
  const int wmax = std::max(0, emp.max_weekends);
  const bool binding = wmax < weekends_in_horizon;
  const bool exact_weekends = binding && static_cast<int64_t>(n) * width * (wmax + 1) <= 40000;
  const int wdim = exact_weekends ? wmax + 1 : 1;
  // And the shifts of the most limited type whose limit binds, when that stays small too.
  int tracked = -1, binding_types = 0;
  for (int s : usable) {
    int could = 0;
    for (int d = 0; d < days; ++d) could += allowed[static_cast<size_t>(d * types + s)];
    const int limit = emp.max_shifts[static_cast<size_t>(s)];
    if (limit < could) ++binding_types;
    if (limit < could && (tracked < 0 || limit < emp.max_shifts[static_cast<size_t>(tracked)])) {
      tracked = s;
    }
  }
  if (tracked >= 0 &&
      static_cast<int64_t>(n) * width * wdim * (emp.max_shifts[static_cast<size_t>(tracked)] + 1) >
          60000) {
    tracked = -1;
  }
  const int cdim = tracked >= 0 ? emp.max_shifts[static_cast<size_t>(tracked)] + 1 : 1;
  if (exact != nullptr) {
    *exact = half >= max_units && (!binding || exact_weekends) &&
             binding_types == (tracked >= 0 ? 1 : 0) && in.max_week_minutes <= 0;
  }
  const size_t cells = static_cast<size_t>(n) * static_cast<size_t>(wdim) *
                       static_cast<size_t>(cdim) * static_cast<size_t>(width);

  double scale = 1;
  for (double c : cost) scale = std::max(scale, std::abs(c));
  std::vector<double> value(cells), next(cells);
  // Predecessors are read only along the best path, which wrote them: no need to clear them.
  thread_local std::vector<int> from;
  if (from.size() < static_cast<size_t>(days) * cells)
    from.resize(static_cast<size_t>(days) * cells);
  std::vector<double> price(static_cast<size_t>(days * types));
  std::vector<int> schedule(static_cast<size_t>(days));

  // Weekends, shifts per type and the minutes of each calendar week (model.h) carry prices,
  // raised while the schedule has too many.
  double per_weekend = 0;
  std::vector<double> per_type(static_cast<size_t>(types), 0);
  double step_weekend = scale * 0.5;
  std::vector<double> step_type(static_cast<size_t>(types), scale * 0.5);
  const int weeks = (days + 6) / 7;
  std::vector<double> per_week_minute(static_cast<size_t>(weeks), 0);  // per unit of minutes
  std::vector<double> step_week(static_cast<size_t>(weeks),
                                scale * 0.5 / std::max(1, longest / unit));

  std::optional<std::vector<int>> best;
  double best_cost = kNever;
  for (int iteration = 0; iteration < 30; ++iteration) {
    for (int d = 0; d < days; ++d) {
      for (int s : usable) {
        price[static_cast<size_t>(d * types + s)] =
            cost[static_cast<size_t>(d * types + s)] + per_type[static_cast<size_t>(s)] +
            per_week_minute[static_cast<size_t>(d / 7)] * length[static_cast<size_t>(s)] +
            (iteration > 0 ? 1e-3 * scale * Noise(seed + static_cast<uint64_t>(iteration), d, s)
                           : 0);
      }
    }
    // Working day d starts a weekend when it is a Saturday, or a Sunday after a Saturday off.
    auto starts_weekend = [&](int d, bool previous_worked) {
      const int dow = d % 7;
      return dow == 5 || (dow == 6 && !previous_worked);
    };
    auto weekend_price = [&](int d, bool previous_worked) {
      return !exact_weekends && starts_weekend(d, previous_worked) ? per_weekend : 0.0;
    };
    auto at = [&](int state, int w, int c, int d, int u) {
      return ((static_cast<size_t>(state) * static_cast<size_t>(wdim) + static_cast<size_t>(w)) *
                  static_cast<size_t>(cdim) +
              static_cast<size_t>(c)) *
                 static_cast<size_t>(width) +
             static_cast<size_t>(u - low[static_cast<size_t>(d)]);
    };
    std::fill(value.begin(), value.end(), kNever);
    if (low[0] == 0) value[at(st.Off(1, true), 0, 0, 0, 0)] = 0;
    for (int s : usable) {
      const int u = length[static_cast<size_t>(s)];
      if (!allowed[static_cast<size_t>(s)] || u < low[0] || u > high[0]) continue;
      const bool q = rest > 0 && in.shifts[static_cast<size_t>(s)].start_minute >= rest;
      value[at(st.Work(s, 1, true, q), 0, s == tracked ? 1 : 0, 0, u)] =
          price[static_cast<size_t>(s)] + weekend_price(0, false);
    }
    for (int d = 0; d + 1 < days; ++d) {
      std::fill(next.begin(), next.end(), kNever);
      int* pred = &from[static_cast<size_t>(d + 1) * cells];
      const int nd = d + 1;
      const int lo = low[static_cast<size_t>(d)], hi = high[static_cast<size_t>(d)];
      const int nlo = low[static_cast<size_t>(nd)], nhi = high[static_cast<size_t>(nd)];
      const int w_off = exact_weekends && starts_weekend(nd, false) ? 1 : 0;
      const int w_on = exact_weekends && starts_weekend(nd, true) ? 1 : 0;
      // Moves every value of a block (state, w, c) of day d to the block `to` of day d + 1,
      // `shift_units` further along the minutes, at `add` more.
      auto move = [&](size_t here, int to, int w, int c, int shift_units, double add) {
        if (w >= wdim || c >= cdim) return;
        const size_t there = at(to, w, c, nd, nlo);
        const int first = std::max(lo, nlo - shift_units), last = std::min(hi, nhi - shift_units);
        for (int u = first; u <= last; ++u) {
          const size_t from_cell = here + static_cast<size_t>(u - lo);
          const double v = value[from_cell] + add;
          const size_t k = there + static_cast<size_t>(u + shift_units - nlo);
          if (v < next[k]) {
            next[k] = v;
            pred[k] = static_cast<int>(from_cell);
          }
        }
      };
      for (int state = 0; state < n; ++state) {
        const int r = st.Run(state);
        const bool h = st.Head(state);
        const bool off = st.IsOff(state);
        const int s = off ? -1 : st.ShiftOf(state);
        for (int w = 0; w < wdim; ++w) {
          for (int c = 0; c < cdim; ++c) {
            const size_t here = at(state, w, c, d, lo);
            bool any = false;
            for (int u = lo; u <= hi && !any; ++u)
              any = value[here + static_cast<size_t>(u - lo)] < kNever;
            if (!any) continue;
            const int last = st.Last(state);
            if (off) {
              if (auto q = rested_after(state, nd, -1)) {
                move(here, st.Off(std::min(r + 1, off_cap), h, last, *q), w, c, 0, 0);
              }
              if (h || r >= min_off) {
                for (int t : usable) {
                  if (!allowed[static_cast<size_t>(nd * types + t)]) continue;
                  const auto q = rested_after(state, nd, t);
                  if (!q) continue;
                  move(here, st.Work(t, 1, false, *q), w + w_off, c + (t == tracked ? 1 : 0),
                       length[static_cast<size_t>(t)],
                       price[static_cast<size_t>(nd * types + t)] + weekend_price(nd, false));
                }
              }
            } else {
              if (h || r >= min_run) {
                if (auto q = rested_after(state, nd, -1)) {
                  move(here, st.Off(1, false, s, *q), w, c, 0, 0);
                }
              }
              if (r + 1 <= max_run) {
                for (int t : usable) {
                  if (!allowed[static_cast<size_t>(nd * types + t)] ||
                      bad[static_cast<size_t>(s * types + t)]) {
                    continue;
                  }
                  const auto q = rested_after(state, nd, t);
                  if (!q) continue;
                  move(here, st.Work(t, r + 1, h, *q), w + w_on, c + (t == tracked ? 1 : 0),
                       length[static_cast<size_t>(t)],
                       price[static_cast<size_t>(nd * types + t)] + weekend_price(nd, true));
                }
              }
            }
          }
        }
      }
      value.swap(next);
    }
    size_t end = cells;
    const size_t per_state =
        static_cast<size_t>(wdim) * static_cast<size_t>(cdim) * static_cast<size_t>(width);
    for (size_t k = 0; k < cells; ++k) {
      if (value[k] < kNever && (end == cells || value[k] < value[end]) &&
          ends_rested(static_cast<int>(k / per_state))) {
        end = k;
      }
    }
    if (end == cells) return best;  // the rules held exactly leave no schedule
    for (int d = days - 1; d >= 0; --d) {
      const int state = static_cast<int>(end / static_cast<size_t>(width) /
                                         static_cast<size_t>(cdim) / static_cast<size_t>(wdim));
      schedule[static_cast<size_t>(d)] = st.IsOff(state) ? kOff : st.ShiftOf(state);
      if (d > 0) end = static_cast<size_t>(from[static_cast<size_t>(d) * cells + end]);
    }
    // The resources the states do not hold.
    int weekends = 0;
    std::vector<int> count(static_cast<size_t>(types), 0);
    double true_cost = 0;
    for (int d = 0; d < days; ++d) {
      const int s = schedule[static_cast<size_t>(d)];
      if (s == kOff) continue;
      ++count[static_cast<size_t>(s)];
      true_cost += cost[static_cast<size_t>(d * types + s)];
    }
    for (int sat = 5; sat < days; sat += 7) {
      if (schedule[static_cast<size_t>(sat)] != kOff ||
          (sat + 1 < days && schedule[static_cast<size_t>(sat) + 1] != kOff)) {
        ++weekends;
      }
    }
    bool types_ok = true;
    for (int s : usable) {
      if (count[static_cast<size_t>(s)] > emp.max_shifts[static_cast<size_t>(s)]) {
        types_ok = false;
        per_type[static_cast<size_t>(s)] += step_type[static_cast<size_t>(s)];
        step_type[static_cast<size_t>(s)] *= 2;
      }
    }
    bool weeks_ok = true;
    if (in.max_week_minutes > 0) {
      for (int w = 0; w < weeks; ++w) {
        int minutes = 0;
        for (int d = 7 * w; d < std::min(days, 7 * w + 7); ++d) {
          const int s = schedule[static_cast<size_t>(d)];
          if (s != kOff) minutes += in.shifts[static_cast<size_t>(s)].minutes;
        }
        if (minutes > in.max_week_minutes) {
          weeks_ok = false;
          per_week_minute[static_cast<size_t>(w)] += step_week[static_cast<size_t>(w)];
          step_week[static_cast<size_t>(w)] *= 2;
        }
      }
    }
    const bool weekends_ok = weekends <= emp.max_weekends;
    if (!weekends_ok) {
      per_weekend += step_weekend;
      step_weekend *= 2;
    }
    if (weekends_ok && types_ok && weeks_ok) {
      if (true_cost < best_cost) {
        best_cost = true_cost;
        best = schedule;
      }
      break;  // the first schedule that keeps them: prices only rise, so later ones cost more
    }
  }
  return best;
}

}  // namespace agp::roster
