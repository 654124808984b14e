// What the rota's HTML page (rota_html.cpp) and workbook (rota_xlsx.cpp) share: the check and the
// cover of each day, gathered once, and the words both use for the rules. Internal to the report
// layer.
#pragma once

#include <string>
#include <vector>

#include "report/rota_export.h"
#include "staffing/rota.h"

namespace agp::report::rota {

struct RotaFacts {
  const RotaDocument* doc = nullptr;
  staffing::RotaCheck check;              // CheckRota(plan, rota, rules)
  std::vector<std::vector<int>> staffed;  // [shift][day]: persons on that shift that day
  int fulltime = 0;                       // persons at 100 %
  int allowed_weekends = 0;               // ⌊weeks / F⌋, as CheckRota counts them

  // The plan's staff for `shift` on rota day `day` (by its weekday; a rota has no holidays).
  int Need(size_t shift, int day) const;
};

RotaFacts Gather(const RotaDocument& doc);

// "Døgnhvile" for "daily_rest", … (the rule keys of staffing::RotaFinding).
const char* RuleLabel(const std::string& rule);

// "7,5 t" for 450 minutes.
std::string HoursText(double minutes);

// One rule the rota is checked against: its name, what it asks, its legal source ("" if none).
struct RuleRow {
  std::string name, requirement, source;
};
std::vector<RuleRow> RuleRows(const RotaFacts& f);

// "Alle regler er holdt, og alle vakter er dekket." or how many rules are broken and shifts
// uncovered.
std::string Verdict(const RotaFacts& f);

// "hver 3. helg".
std::string WeekendWords(double frequency);

// Weekday names by rota day % 7, Monday first: "ma", "ti", …; "M", "T", ….
inline constexpr const char* kWeekdayShort[] = {"ma", "ti", "on", "to", "fr", "lø", "sø"};
inline constexpr const char* kWeekdayLetter[] = {"M", "T", "O", "T", "F", "L", "S"};

inline bool IsWeekend(int day) { return day % 7 >= 5; }

}  // namespace agp::report::rota
