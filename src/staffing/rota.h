// A rota (turnus) for a staffing plan, in the CSV form of DESIGN §12's contract, and its check:
// every working-time rule and every uncovered shift named. The check is written from §12's
// words alone, apart from the rota engine (src/roster/), so that it can judge the engine's rotas.
//
// The contract: header `person,position_size,day1,…,dayN` (day1 is a Monday, N = 7 × weeks),
// one row per person, position_size in percent, each day cell a shift code of the plan or empty
// (off). The rota repeats: day N is followed by day 1.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/table.h"
#include "staffing/plan.h"
#include "staffing/working_time.h"

namespace agp::staffing {

struct RotaPerson {
  std::string name;
  double position_size = 100;  // percent, 0 < p ≤ 100
  std::vector<int> cells;      // per day: the plan's shift index, or -1 when off
};

struct Rota {
  int weeks = 0;
  std::vector<RotaPerson> persons;
  int days() const { return 7 * weeks; }
};

// The rules a rota is judged by (§12), with the sources its messages cite.
struct RotaRules {
  double weekend_frequency = 3;   // each person works at most weeks / F weekends
  double full_time_hours = 35.5;  // H: position_size × H × weeks / 100 hours over the rota
  int daily_rest_minutes = 11 * 60;
  int weekly_rest_minutes = 35 * 60;
  int max_shift_minutes = 750;     // 12.5 h
  int max_week_minutes = 54 * 60;  // working time of the shifts that start in a calendar week
  int hour_tolerance_minutes_per_week = 60;
  std::string daily_rest_source = "arbeidsmiljøloven § 10-8 (1)";
  std::string weekly_rest_source = "arbeidsmiljøloven § 10-8 (2)";
  std::string max_shift_source = "arbeidsmiljøloven § 10-5 (2)";
  std::string max_week_source = "arbeidsmiljøloven § 10-5 (2)";

  // The rules in force on `day` from working_time.csv: the law's rests, or with `agreed_rest`
  // the shortest a written agreement with the union representatives allows (8 h and 28 h).
  static core::Result<RotaRules> FromData(const WorkingTimeRules& rules, core::Date day,
                                          double weekend_frequency, double full_time_hours,
                                          bool agreed_rest);
};

// Reads a rota in the contract's form from `reader` (its CSV opened by the caller with ingest's
// readers). Every problem goes to `errors` with file:line:column; the rota is returned only when
// there were none.
std::optional<Rota> ReadRota(core::TableReader& reader, const Plan& plan, const std::string& file,
                             std::vector<core::Error>* errors);

// The rota in the contract's CSV (comma, LF, decimal point).
std::string WriteRotaCsv(const Rota& rota, const Plan& plan);

// One broken rule or uncovered shift.
struct RotaFinding {
  std::string rule;  // "daily_rest", "weekly_rest", "max_shift", "max_week", "weekends",
                     // "hours", "cover"
  int person = -1;   // index into Rota::persons; -1 for cover and for a shift of the plan
  int day = -1;      // 0-based day of the rota; -1 when the finding is not about one day
  std::string text;  // bokmål, with the rule's source
};

struct PersonTotals {
  int paid_minutes = 0;
  double target_minutes = 0;  // position_size × H × weeks / 100, in minutes
  int weekends = 0;           // weekends with a shift starting on Saturday or Sunday
};

struct RotaCheck {
  std::vector<RotaFinding> broken;     // working-time rules
  std::vector<RotaFinding> uncovered;  // plan demand not met
  std::vector<PersonTotals> persons;   // per person, in rota order
  bool keeps_rules() const { return broken.empty(); }
  bool covers_plan() const { return uncovered.empty(); }
};

RotaCheck CheckRota(const Plan& plan, const Rota& rota, const RotaRules& rules);

// The longest continuous free period inside calendar week `week` (0-based; Monday 00:00 to
// Sunday 24:00) of a person with `cells` (a shift index or -1 per day), in minutes; a night on the
// rota's last day takes the first Monday's morning.
int LongestFreeMinutes(const Plan& plan, const std::vector<int>& cells, int week);

// "dag 9 (tirsdag uke 2)" for day index 8.
std::string DayLabel(int day);

}  // namespace agp::staffing
