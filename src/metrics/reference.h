// Reference data shipped as files (DESIGN.md §4): national figures for the municipal sector and
// the statutory deadlines of sick-leave follow-up. Both change with new statistics and new law,
// so they are data (data/reference/*.csv, see its README), not constants.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace agp::metrics {

struct ReferenceFigure {
  std::string indicator;  // an indicator key
  std::string period;     // "2023", "2024-Q2", …
  int year = 0;
  double value = 0;
  std::string scope;   // "kommunesektoren", "kommuner", …
  std::string source;  // publisher and page title
  std::string url;
  std::string note;
};

class ReferenceFigures {
 public:
  // Parses national.csv; `file` names it in errors ("national.csv:7:3: …").
  static core::Result<ReferenceFigures> Parse(std::string_view text, std::string_view file);
  static core::Result<ReferenceFigures> Load(const std::string& path);

  // The figure for `indicator` in `scope` (default: the first scope listed for the indicator)
  // for `period`: that period if published, else the same year's annual figure, else the latest
  // earlier year's annual figure; nullptr when there is none from that year or before.
  const ReferenceFigure* Find(std::string_view indicator, std::string_view period,
                              std::string_view scope = {}) const;
  const std::vector<ReferenceFigure>& all() const { return figures_; }

 private:
  std::vector<ReferenceFigure> figures_;
};

struct Deadline {
  std::string key;  // "followup_plan", "dialogue_meeting1", …
  int days = 0;     // calendar days from the first day of absence
  core::Date valid_from;
  std::string source;
  std::string note;
};

class Deadlines {
 public:
  static core::Result<Deadlines> Parse(std::string_view text, std::string_view file);
  static core::Result<Deadlines> Load(const std::string& path);

  // The days of the rule in force on `day` (the row with the latest valid_from ≤ day).
  // kNotFound when the file has none.
  core::Result<int> DaysOn(std::string_view key, core::Date day) const;
  const std::vector<Deadline>& all() const { return deadlines_; }

 private:
  std::vector<Deadline> deadlines_;
};

}  // namespace agp::metrics
