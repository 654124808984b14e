// The indicator registry (DESIGN.md §4): every figure agp computes, with its exact definition and
// the official statistic it mirrors.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace agp::metrics {

// Order is the display order; the numbers are not stored anywhere (results use the keys).
enum class IndicatorId : uint8_t {
  kHeadcount,
  kFte,
  kFulltimeShare,
  kAvgPositionSize,
  kSmallPositionShare,
  kTemporaryShare,
  kWomenShare,
  kWomenLeaderShare,
  kAvgAge,
  kShare55Plus,
  kShare62Plus,
  kSickLeavePct,
  kSickLeaveSelfPct,
  kSickLeaveMedicalPct,
  kSickLeaveShortPct,
  kSickLeaveLongPct,
  kTurnover,
  kAvgRetirementAge,
  kPayRatioWomenMen,
  kDialogueCoverage,
  kFollowupPlanCompliance,
  kDialogueMeeting1Compliance,
};
inline constexpr int kIndicatorCount = 22;

enum class Direction : uint8_t { kHigherIsBetter, kLowerIsBetter, kNeither };

// How the value follows from numerator and denominator.
enum class ValueKind : uint8_t {
  kCount,    // value = numerator; the denominator is empty
  kPercent,  // value = 100 · numerator / denominator
  kMean,     // value = numerator / denominator
};

struct IndicatorInfo {
  IndicatorId id;
  std::string_view key;       // "sick_leave_pct"
  std::string_view label_nb;  // "Sykefravær"
  std::string_view label_en;  // "Sick leave"
  std::string_view unit;      // "%", "personer", "årsverk", "år"
  Direction direction;
  ValueKind value_kind;
  bool years_only;               // turnover and retirement age
  std::string_view population;   // whom the population counts
  std::string_view numerator;    // what the numerator and the denominator are
  std::string_view denominator;  // "" for counts
  std::string_view definition;   // the exact rule of DESIGN.md §4
  std::string_view source;       // the official statistic it follows
  // The same in Norwegian (bokmål) for the web app, saying exactly what the English fields say.
  std::string_view population_nb;
  std::string_view numerator_nb;
  std::string_view denominator_nb;  // "" exactly when `denominator` is ""
  std::string_view definition_nb;
  std::string_view source_nb;  // `source` with its English explanations in Norwegian
};

std::span<const IndicatorInfo> Indicators();
const IndicatorInfo& Info(IndicatorId id);
std::optional<IndicatorId> FindIndicator(std::string_view key);

// The key of the pay ratio for one job code: "pay_ratio_women_men:7174".
inline constexpr std::string_view kJobCodeSeparator = ":";

// The common terms every definition uses (printed by `agp indicators --explain`).
std::string_view CommonTerms();
// The same in Norwegian (bokmål), for the web app.
std::string_view CommonTermsNb();

}  // namespace agp::metrics
