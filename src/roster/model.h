// The rota model of the Curtois & Qu shift scheduling benchmark (DESIGN §12;
// schedulingbenchmarks.org, instances 1–24 in ../shared/roster/): staff with their limits, shift
// types, days off, requests and cover, and a roster as one shift (or none) per person and day.
// Depends on core only.
//
// The semantics are the benchmark's own: the horizon starts on a Monday; there is no history, so a
// run of shifts or of days off that touches either end of the horizon is exempt from the minimums;
// a weekend (Saturday and Sunday) counts as worked when either day is.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace agp::roster {

struct ShiftType {
  std::string id;
  int minutes = 0;
  std::vector<int> cannot_follow;  // shift indices that may not come the day after this one
  // When the shift begins on its day (minutes after midnight) and how long it lasts on the clock
  // (breaks included; past midnight it ends the next day). Only the weekly rest reads them; the
  // benchmark has neither.
  int start_minute = 0;
  int span_minutes = 0;
};

struct Employee {
  std::string id;
  std::vector<int> max_shifts;  // per shift type; the benchmark's MaxShifts
  int max_total_minutes = 0;
  int min_total_minutes = 0;
  int max_consecutive_shifts = 0;
  int min_consecutive_shifts = 0;
  int min_consecutive_days_off = 0;
  int max_weekends = 0;
  std::vector<int> days_off;  // day indices (0 = the first Monday)
};

struct Request {
  int employee = 0;
  int day = 0;
  int shift = 0;
  int weight = 0;
};

struct Cover {
  int requirement = 0;
  int under_weight = 0;  // per person missing
  int over_weight = 0;   // per person too many
};

struct Instance {
  int days = 0;
  std::vector<ShiftType> shifts;
  std::vector<Employee> staff;
  std::vector<Request> on_requests;   // penalised when the shift is not worked that day
  std::vector<Request> off_requests;  // penalised when it is
  std::vector<Cover> cover;           // [day * shifts.size() + shift]
  // A rule of the Norwegian rotas (arbeidsmiljøloven § 10-8 (2), DESIGN §12), not of the
  // benchmark: every calendar week (days 7k … 7k + 6, Monday 00:00 to Sunday 24:00) holds a free
  // period of at least this many minutes within it, between the shifts' clock times; 0: no rule.
  // Before the first day and after the last the employee is free (no history).
  int weekly_rest_minutes = 0;
  // And: the working minutes of the shifts that begin in one calendar week, at most this many
  // (§ 10-5 (2): 54 h); 0: no rule.
  int max_week_minutes = 0;

  const Cover& CoverOf(int day, int shift) const {
    return cover[static_cast<size_t>(day) * shifts.size() + static_cast<size_t>(shift)];
  }
  int ShiftIndex(const std::string& id) const;
  int EmployeeIndex(const std::string& id) const;
};

// A roster: for each employee (in the instance's order) and day, a shift index or kOff.
inline constexpr int kOff = -1;
using Roster = std::vector<std::vector<int>>;

}  // namespace agp::roster
