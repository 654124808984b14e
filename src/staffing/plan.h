// A unit's staffing plan (bemanningsplan, DESIGN §12): its shifts and how many staff each shift
// needs on each weekday, Saturday, Sunday and public holiday. Read from one CSV file or XLSX sheet
// with the readers, encodings and error reporting of the workforce package (§3).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/table.h"

namespace agp::staffing {

// Days of the plan: Monday … Sunday (0 … 6, as core::Date::Weekday would number them from
// Monday) and public holidays.
enum DayKind : int { kMonday = 0, kSaturday = 5, kSunday = 6, kHoliday = 7 };
inline constexpr int kDayKinds = 8;

struct PlanShift {
  std::string code;      // "D", "A", "N", "L": what a rota cell shows
  int start_minute = 0;  // after midnight, 0 … 1439
  int end_minute = 0;    // after midnight, 1 … 1440; at or before the start: the next day
  int paid_minutes = 0;  // the shift less its unpaid break: the working time (AML § 10-1)
  std::array<int, kDayKinds> staff{};  // staff needed by DayKind; the holiday as Sunday when
                                       // the plan leaves it empty
  // Minutes from start to end (a shift that ends the next day counts across midnight).
  int length_minutes() const;
  double paid_hours() const { return paid_minutes / 60.0; }
};

struct Plan {
  std::vector<PlanShift> shifts;  // in file order; codes are unique
  // The index of the shift with `code` (exactly as written), or -1.
  int Find(std::string_view code) const;
};

// What reading a plan found: the plan when there were no errors, and every error and warning
// with its file:line:column (unknown columns are warnings, as in §3).
struct PlanRead {
  std::optional<Plan> plan;
  std::vector<core::Error> errors;
  std::vector<core::Error> warnings;
};

// Reads the plan from `reader` (header first; a CSV file or an XLSX sheet opened by the caller
// with ingest's readers, as the workforce package is read); `file` names it in messages;
// `spreadsheet`: the rows come from an XLSX sheet, where a time cell is a fraction of a day.
// All-or-nothing: a plan with any error is not returned.
PlanRead ReadPlan(core::TableReader& reader, const std::string& file, bool spreadsheet = false);

// The plan as CSV in the column order of §12 (UTF-8, comma, LF), which ReadPlan reads back.
std::string WritePlanCsv(const Plan& plan);

// `s` with A–Z as a–z (column names and shift codes are compared so).
std::string LowerAscii(std::string_view s);

// "07:30" for 450; "24:00" for 1440.
std::string ClockText(int minute);

}  // namespace agp::staffing
