// The exact checker of a roster against its instance (DESIGN §12): every broken hard rule named,
// and the objective — the weighted soft penalties of the benchmark (shift on and off requests,
// cover under and over). The solver's result always passes through it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "roster/model.h"

namespace agp::roster {

enum class Rule {
  kShape,         // a line or a day missing, or a shift index out of range
  kShiftFollows,  // a shift the next day that may not follow
  kMaxShifts,     // more shifts of a type than allowed
  kMaxTotalMinutes,
  kMinTotalMinutes,
  kMaxConsecutiveShifts,
  kMinConsecutiveShifts,  // a run of worked days shorter, not touching the horizon's ends
  kMinConsecutiveDaysOff,
  kMaxWeekends,
  kDayOff,          // work on a day the employee has off
  kWeeklyRest,      // a calendar week without its free period (Instance::weekly_rest_minutes)
  kMaxWeekMinutes,  // more working minutes in a calendar week (Instance::max_week_minutes)
};

// The longest free period inside calendar week `week` of a schedule (`row`: one cell per day),
// in minutes, by the shifts' clock times; free before the first day and after the last.
int LongestFreeInWeek(const Instance& instance, const std::vector<int>& row, int week);

struct Violation {
  Rule rule;
  int employee = -1;  // index, -1 when it concerns the roster's shape
  int day = -1;       // the day it starts on, -1 when it concerns the whole horizon
  std::string text;   // in words, with the employee's and the shift's ids
};

struct Check {
  std::vector<Violation> violations;  // empty: every hard rule holds
  int64_t on_requests = 0;            // penalty of shift-on requests not met
  int64_t off_requests = 0;           // penalty of shift-off requests not met
  int64_t cover_under = 0;
  int64_t cover_over = 0;
  int64_t objective() const { return on_requests + off_requests + cover_under + cover_over; }
  bool feasible() const { return violations.empty(); }
};

Check CheckRoster(const Instance& instance, const Roster& roster);

// The hard rules of one employee's schedule (`row`: one cell per day); appends what is broken.
void CheckEmployee(const Instance& instance, int employee, const std::vector<int>& row,
                   std::vector<Violation>* violations);

}  // namespace agp::roster
