// Figures for people: an indicator's Norwegian label, unit and decimals, a value in words, and
// the figures of one viewer read through suppression. Shared by the web pages and the report.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/period.h"
#include "metrics/cells.h"
#include "metrics/measure_cube.h"
#include "metrics/suppression.h"

namespace agp::metrics {

// The Norwegian label of an indicator key ("Sykefravær", "Likelønn (kvinner/menn), stillingskode
// 7174"), its unit ("%", "personer") and the decimals it is shown with.
std::string IndicatorLabel(const std::string& key);
std::string IndicatorUnit(const std::string& key);
int IndicatorDecimals(const std::string& key);

// "61,3 %" (a no-break space before %), "skjult" (suppressed) or "–" (no figure), as plain text.
std::string ValueText(const Cell* cell, const std::string& key);

// The figures of one viewer: every cell read through QueryFigures, so suppression for the
// viewer's audience is decided here, below every page and report. Slices are read once per book.
class FigureBook {
 public:
  FigureBook(const MeasureCube& cube, Audience audience)
      : cube_(cube), audience_(std::move(audience)) {}
  // The cell of `key` ("sick_leave_pct", "pay_ratio_women_men:7174") for a unit and period;
  // nullptr when the indicator has no figures for the period or the period is not computed.
  const Cell* Get(const std::string& key, int unit, const core::Period& period);
  const MeasureCube& cube() const { return cube_; }

 private:
  const MeasureCube& cube_;
  Audience audience_;
  std::map<std::pair<std::string, std::string>, std::vector<Cell>> slices_;
};

}  // namespace agp::metrics
