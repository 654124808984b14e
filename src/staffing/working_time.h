// Norwegian working-time rules as data (data/reference/working_time.csv): each rule with its
// value, its legal source, the date it applies from and what was checked against the law text.
// A change in the law is a new row with a new valid_from, not a new release (DESIGN §12).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/table.h"

namespace agp::staffing {

struct WorkingTimeRule {
  std::string key;   // "daily_rest_hours", "max_shift_hours", …
  double value = 0;  // in `unit`
  std::string unit;  // "timer", "helger", …
  core::Date valid_from;
  std::string source;   // "Arbeidsmiljøloven § 10-8 (1)"
  std::string checked;  // when and how the citation was checked against the law text
  std::string note;     // what the rule says, in bokmål
};

class WorkingTimeRules {
 public:
  // Reads working_time.csv from `reader` (opened by the caller); `file` names it in errors
  // ("working_time.csv:4:9: …"). Columns key, value, unit, valid_from, source (required),
  // checked, note; a key may have several rows with different valid_from.
  static core::Result<WorkingTimeRules> Read(core::TableReader& reader, const std::string& file);

  // The rule in force on `day` (the row of `key` with the latest valid_from ≤ day), or nullptr.
  const WorkingTimeRule* Find(std::string_view key, core::Date day) const;
  // Its value, or kNotFound naming the key and the day.
  core::Result<double> Value(std::string_view key, core::Date day) const;
  const std::vector<WorkingTimeRule>& all() const { return rules_; }

 private:
  std::vector<WorkingTimeRule> rules_;
};

}  // namespace agp::staffing
