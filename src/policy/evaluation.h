// Goal evaluation (DESIGN.md §5): each goal's status for a period, computed from its targets and
// the indicator figures, with the figures and the rule that decided it, beside the latest human
// assessment.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/period.h"
#include "metrics/measure_cube.h"
#include "metrics/reference.h"
#include "metrics/suppression.h"
#include "policy/policy.h"

namespace agp::policy {

enum class GoalStatus { kMet, kOnTrack, kOffTrack, kNoData, kNoTarget };

// "met", "on_track", "off_track", "no_data", "no_target" (the §5 words, for CSV and JSON).
const char* StatusKey(GoalStatus s);
// "nådd", "i rute", "ikke i rute", "mangler tall", "uten mål" (for people).
const char* StatusLabel(GoalStatus s);
// ✔ ↗ ✖ ? – : the sign shown before the label on pages and in the report.
const char* StatusSymbol(GoalStatus s);

struct TargetResult {
  IndicatorLink link;
  std::string unit;  // the unit key the figure is for (the scope, or the root)
  GoalStatus status = GoalStatus::kNoTarget;
  std::optional<double> value;      // the figure for the period (empty: none or suppressed)
  std::optional<double> previous;   // the same period a year earlier, for the pace
  std::optional<double> baseline;   // trend: the baseline period's figure
  std::optional<double> reference;  // better_than: the national figure
  bool suppressed = false;          // the figure exists but is withheld for this audience
  std::string rule;                 // why, in Norwegian: "61,3 ≥ 60", "…"
};

struct GoalResult {
  const Node* node = nullptr;
  GoalStatus status = GoalStatus::kNoTarget;
  std::vector<TargetResult> targets;
};

struct EvaluationInput {
  const metrics::MeasureCube* cube = nullptr;
  const metrics::ReferenceFigures* reference = nullptr;  // may be null: better_than → no_data
  metrics::Audience audience;
};

// Every goal of `policy` (IsGoal), depth-first in document order.
//
// Per target: no figure (none, suppressed, or outside the computed periods) → no_data; no target →
// no_target. at_least/at_most: met when the figure satisfies it; else on_track when the change
// from the same period a year earlier, continued at the same yearly pace, reaches the value by
// the target's `by` date (which must lie after the period's count date), else off_track.
// trend: met when the figure is better than the baseline's in the asked direction; on_track when
// not yet but the last year moved that way and `by` has not passed; else off_track.
// better_than reference: as at_least/at_most with the national figure, in the indicator's
// direction (strictly better). A goal's status is the worst of its targets' in the order
// off_track, no_data, on_track, met (targetless lines do not count); no_target when it has none.
std::vector<GoalResult> Evaluate(const Policy& policy, core::Period period,
                                 const EvaluationInput& in);

// A target in Norwegian words: "minst 90 %", "høyst 6,5 %", "synkende fra 2020", "bedre enn
// landet", each followed by " innen 31. desember 2025" when it has a date.
std::string TargetWords(const Target& target, const std::string& key);

}  // namespace agp::policy
