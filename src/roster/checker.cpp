#include "roster/checker.h"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace agp::roster {
namespace {

std::string Day(int d) { return "day " + std::to_string(d); }

}  // namespace

int LongestFreeInWeek(const Instance& in, const std::vector<int>& row, int week) {
  const int64_t from = static_cast<int64_t>(week) * 7 * 1440;
  const int64_t to = from + 7 * 1440;
  int64_t free_since = std::numeric_limits<int64_t>::min();  // before the horizon: free
  int64_t longest = 0;
  auto close = [&](int64_t until) {  // a free period [free_since, until), clipped to the week
    const int64_t a = std::max(free_since, from), b = std::min(until, to);
    if (b > a) longest = std::max(longest, b - a);
  };
  for (size_t d = 0; d < row.size(); ++d) {
    const int s = row[d];
    if (s == kOff || s < 0 || s >= static_cast<int>(in.shifts.size())) continue;
    const ShiftType& t = in.shifts[static_cast<size_t>(s)];
    const int64_t start = static_cast<int64_t>(d) * 1440 + t.start_minute;
    close(start);
    free_since = std::max(free_since, start + t.span_minutes);
  }
  close(std::numeric_limits<int64_t>::max());
  return static_cast<int>(longest);
}

void CheckEmployee(const Instance& in, int ei, const std::vector<int>& r,
                   std::vector<Violation>* violations) {
  const int days = in.days;
  const int types = static_cast<int>(in.shifts.size());
  const Employee& emp = in.staff[static_cast<size_t>(ei)];
  {
    const std::string who = "employee " + emp.id;
    if (static_cast<int>(r.size()) != days || std::any_of(r.begin(), r.end(), [&](int s) {
          return s != kOff && (s < 0 || s >= types);
        })) {
      violations->push_back({Rule::kShape, ei, -1, who + ": not one cell per day of known shifts"});
      return;
    }
    auto worked = [&](int d) { return r[static_cast<size_t>(d)] != kOff; };
    // Shifts that cannot follow.
    for (int d = 0; d + 1 < days; ++d) {
      const int a = r[static_cast<size_t>(d)], b = r[static_cast<size_t>(d) + 1];
      if (a == kOff || b == kOff) continue;
      const std::vector<int>& bad = in.shifts[static_cast<size_t>(a)].cannot_follow;
      if (std::find(bad.begin(), bad.end(), b) != bad.end()) {
        violations->push_back({Rule::kShiftFollows, ei, d,
                               who + ": " + in.shifts[static_cast<size_t>(b)].id + " on " +
                                   Day(d + 1) + " may not follow " +
                                   in.shifts[static_cast<size_t>(a)].id + " on " + Day(d)});
      }
    }
    // Shifts per type and minutes.
    std::vector<int> count(static_cast<size_t>(types), 0);
    int64_t minutes = 0;
    for (int s : r) {
      if (s == kOff) continue;
      ++count[static_cast<size_t>(s)];
      minutes += in.shifts[static_cast<size_t>(s)].minutes;
    }
    for (int s = 0; s < types; ++s) {
      if (count[static_cast<size_t>(s)] > emp.max_shifts[static_cast<size_t>(s)]) {
        violations->push_back({Rule::kMaxShifts, ei, -1,
                               who + ": " + std::to_string(count[static_cast<size_t>(s)]) + " " +
                                   in.shifts[static_cast<size_t>(s)].id + " shifts, at most " +
                                   std::to_string(emp.max_shifts[static_cast<size_t>(s)])});
      }
    }
    if (minutes > emp.max_total_minutes) {
      violations->push_back({Rule::kMaxTotalMinutes, ei, -1,
                             who + ": " + std::to_string(minutes) + " minutes, at most " +
                                 std::to_string(emp.max_total_minutes)});
    }
    if (minutes < emp.min_total_minutes) {
      violations->push_back({Rule::kMinTotalMinutes, ei, -1,
                             who + ": " + std::to_string(minutes) + " minutes, at least " +
                                 std::to_string(emp.min_total_minutes)});
    }
    // Runs of worked days and of days off; the minimums do not bind runs touching either end.
    for (int d = 0; d < days;) {
      const bool on = worked(d);
      int end = d;
      while (end < days && worked(end) == on) ++end;
      const int length = end - d;
      const bool inside = d > 0 && end < days;
      if (on && length > emp.max_consecutive_shifts) {
        violations->push_back({Rule::kMaxConsecutiveShifts, ei, d,
                               who + ": " + std::to_string(length) + " shifts in a row from " +
                                   Day(d) + ", at most " +
                                   std::to_string(emp.max_consecutive_shifts)});
      }
      if (on && inside && length < emp.min_consecutive_shifts) {
        violations->push_back({Rule::kMinConsecutiveShifts, ei, d,
                               who + ": " + std::to_string(length) + " shifts in a row from " +
                                   Day(d) + ", at least " +
                                   std::to_string(emp.min_consecutive_shifts)});
      }
      if (!on && inside && length < emp.min_consecutive_days_off) {
        violations->push_back({Rule::kMinConsecutiveDaysOff, ei, d,
                               who + ": " + std::to_string(length) + " days off in a row from " +
                                   Day(d) + ", at least " +
                                   std::to_string(emp.min_consecutive_days_off)});
      }
      d = end;
    }
    // Weekends: Saturday (day 5 mod 7) or Sunday worked; the horizon starts on a Monday.
    int weekends = 0;
    for (int sat = 5; sat < days; sat += 7) {
      if (worked(sat) || (sat + 1 < days && worked(sat + 1))) ++weekends;
    }
    if (weekends > emp.max_weekends) {
      violations->push_back({Rule::kMaxWeekends, ei, -1,
                             who + ": " + std::to_string(weekends) + " weekends, at most " +
                                 std::to_string(emp.max_weekends)});
    }
    for (int d : emp.days_off) {
      if (d >= 0 && d < days && worked(d)) {
        violations->push_back({Rule::kDayOff, ei, d, who + ": works on " + Day(d) + ", a day off"});
      }
    }
    if (in.max_week_minutes > 0) {
      for (int week = 0; 7 * week < days; ++week) {
        int64_t in_week = 0;
        for (int d = 7 * week; d < std::min(days, 7 * week + 7); ++d) {
          if (worked(d))
            in_week += in.shifts[static_cast<size_t>(r[static_cast<size_t>(d)])].minutes;
        }
        if (in_week > in.max_week_minutes) {
          violations->push_back({Rule::kMaxWeekMinutes, ei, 7 * week,
                                 who + ": " + std::to_string(in_week) + " minutes in week " +
                                     std::to_string(week + 1) + ", at most " +
                                     std::to_string(in.max_week_minutes)});
        }
      }
    }
    if (in.weekly_rest_minutes > 0) {
      for (int week = 0; 7 * week < days; ++week) {
        const int longest = LongestFreeInWeek(in, r, week);
        if (longest < in.weekly_rest_minutes) {
          violations->push_back({Rule::kWeeklyRest, ei, 7 * week,
                                 who + ": week " + std::to_string(week + 1) + " is free for " +
                                     std::to_string(longest) + " minutes in a row at most, " +
                                     "at least " + std::to_string(in.weekly_rest_minutes)});
        }
      }
    }
  }
}

Check CheckRoster(const Instance& in, const Roster& roster) {
  Check out;
  const int days = in.days;
  const int types = static_cast<int>(in.shifts.size());
  if (roster.size() != in.staff.size()) {
    out.violations.push_back({Rule::kShape, -1, -1,
                              "the roster has " + std::to_string(roster.size()) +
                                  " employees, the instance " + std::to_string(in.staff.size())});
    return out;
  }
  for (size_t e = 0; e < roster.size(); ++e) {
    CheckEmployee(in, static_cast<int>(e), roster[e], &out.violations);
  }
  // Soft: requests and cover.
  auto at = [&](int e, int d) {
    const std::vector<int>& r = roster[static_cast<size_t>(e)];
    return d >= 0 && d < static_cast<int>(r.size()) ? r[static_cast<size_t>(d)] : kOff;
  };
  for (const Request& q : in.on_requests) {
    if (at(q.employee, q.day) != q.shift) out.on_requests += q.weight;
  }
  for (const Request& q : in.off_requests) {
    if (at(q.employee, q.day) == q.shift) out.off_requests += q.weight;
  }
  for (int d = 0; d < days; ++d) {
    for (int s = 0; s < types; ++s) {
      int staffed = 0;
      for (size_t e = 0; e < roster.size(); ++e) staffed += at(static_cast<int>(e), d) == s ? 1 : 0;
      const Cover& c = in.CoverOf(d, s);
      if (staffed < c.requirement) {
        out.cover_under += static_cast<int64_t>(c.requirement - staffed) * c.under_weight;
      } else {
        out.cover_over += static_cast<int64_t>(staffed - c.requirement) * c.over_weight;
      }
    }
  }
  return out;
}

}  // namespace agp::roster
