// Indicator figures as the outside world sees them: one cell per indicator, unit and period,
// derived from the measure cube by the registry's definitions.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "metrics/indicator.h"
#include "metrics/measure_cube.h"

namespace agp::metrics {

struct Cell {
  std::optional<double> value;        // empty when undefined (denominator 0) or suppressed
  std::optional<double> numerator;    // empty when suppressed
  std::optional<double> denominator;  // empty for counts and when suppressed
  // The persons behind the figure: groups[0], and for the pay ratio groups[1] (women, men);
  // population = the smaller of the groups in use.
  std::array<int64_t, 2> groups{0, -1};
  bool suppressed = false;

  int64_t population() const { return groups[1] < 0 ? groups[0] : std::min(groups[0], groups[1]); }
};

// What one row of output is about: an indicator, or the pay ratio of one job code.
struct FigureKey {
  IndicatorId indicator;
  int32_t job = -1;  // index into MeasureCube::job_codes for pay_ratio_women_men:CODE

  std::string ToString(
      const MeasureCube& cube) const;  // "sick_leave_pct", "pay_ratio_women_men:7174"
  friend bool operator==(const FigureKey&, const FigureKey&) = default;
};

// Whether the indicator has figures for the period (turnover and retirement age: years only).
bool AppliesTo(IndicatorId id, const core::Period& period);

// Whether the indicator's numerator and denominator of a tertial, quarter or year are the sums of
// its months' (sick leave and follow-up compliance; person-based figures are counted on one day).
// Their suppression is decided for the whole year at once (SuppressLinked).
bool AddsUpOverPeriods(IndicatorId id);

// Whether the figures of the period are published where the viewer may not see individuals.
// Follow-up compliance counts a few cases a month in most units: linked over the year, every unit
// small in one month would lose its yearly figure too, so viewers of aggregates get its years
// only (a period set without overlaps) and its months, tertials and quarters stay withheld.
bool PublishedToAggregateViewers(IndicatorId id, const core::Period& period);

// How the indicator's small groups are withheld, in a sentence (English for the CLI's --explain,
// bokmål for the web app): per period, a year at a time, or years only.
std::string_view SuppressionRule(IndicatorId id);
std::string_view SuppressionRuleNb(IndicatorId id);

// The cell of every unit for one figure and period (unit_count() long), unsuppressed.
std::vector<Cell> Slice(const MeasureCube& cube, const FigureKey& key, int period);

// Job codes with figures for the period (those with at least one woman or man with pay).
std::vector<int32_t> JobCodesIn(const MeasureCube& cube, int period);

}  // namespace agp::metrics
