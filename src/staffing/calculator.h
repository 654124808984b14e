// The weekend calculator of DESIGN §12: what a staffing plan gives in persons and full-time
// positions when everyone works every F-th weekend — the arithmetic municipalities do in
// spreadsheets (the Agenda Kaupang model, KS Tørn's bemanningsplan method), every figure with
// its formula.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "staffing/plan.h"

namespace agp::staffing {

// The collective agreements' full-time week for rota work (FIGURES.md, "Working time"): 35.5 h
// for rotas, 33.6 h for fully continuous (qualifying three-shift) rotas, below the law's 38 h and
// 36 h of AML § 10-4. The values are data with their sources (data/reference/working_time.csv);
// these are the command line's defaults.
inline constexpr double kRotaFullTimeHours = 35.5;
inline constexpr double kThreeShiftFullTimeHours = 33.6;

struct Figures {
  std::string key;                 // "plan", "f2", "f3", "f4", "long_weekend", "hours_33.6"
  std::string label;               // "F = 3", "lange helgevakter", "33,6 t"
  double weekend_frequency = 0;    // F: everyone works every F-th weekend
  double full_time_hours = 0;      // H
  double week_hours = 0;           // Hw = Σ over the week of staff × paid hours
  double weekend_hours = 0;        // Hwe = the same over Saturday and Sunday
  double fte = 0;                  // Hw / H
  double weekend_shift_hours = 0;  // h: hours one person works per worked weekend
  int weekend_persons = 0;         // n = ceil(Hwe × F / h)
  double min_position = 0;         // m = h / (F × H), a fraction
  bool weekends_bind = false;      // n > fte: the weekends, not the hours, decide the staffing
  int persons = 0;                 // ceil(fte), or n when the weekends bind
  int fulltime_positions = 0;      // floor(fte), or clamp(floor((fte − n·m) / (1 − m)), 0, n)
  double mean_position_size = 0;   // 100 × fte / persons, percent
  std::optional<double> fulltime_frequency;  // F* = h × fte / Hwe; none without weekend work
};

// The figures of `plan` at weekend frequency `f` (≥ 1) and full-time week `h_full` hours. With
// `weekend_shift_hours` the hours per worked weekend are that instead of twice the
// staff-weighted mean of the plan's weekend shifts (the long-shift scenario).
Figures Calculate(const Plan& plan, double f, double h_full,
                  std::optional<double> weekend_shift_hours = std::nullopt);

// The scenarios side by side: the chosen F and H first (key "plan"), then F = 2, 3, 4 (those
// that differ from the chosen), long weekend shifts (the plan's longest shift on both weekend
// days, when it is longer than the weekend shifts' mean), and the other full-time week (33.6 h
// when H is 35.5, else 35.5 h).
std::vector<Figures> Scenarios(const Plan& plan, double f, double h_full);

// The contract's CSV: scenario,weekend_frequency,fte,persons,fulltime_positions,
// mean_position_size,min_position_size,fulltime_frequency (decimal point; percentages 0–100;
// fulltime_frequency empty when the plan has no weekend work).
std::string FiguresCsv(const std::vector<Figures>& scenarios);

// A table for people (bokmål, decimal comma): one row per figure with its formula, one column
// per scenario.
std::string FiguresTable(const Plan& plan, const std::vector<Figures>& scenarios);

}  // namespace agp::staffing
