#include "metrics/cells.h"

#include <algorithm>

namespace agp::metrics {
namespace {

using M = Measure;

// The measures behind each indicator of the registry (order of IndicatorId).
Cell Derive(const MeasureCube& cube, IndicatorId id, int p, int u) {
  auto get = [&](M m) { return cube.Get(p, m, u); };
  Cell c;
  auto percent = [&](M num, M den) {
    const double n = get(num);
    const double d = get(den);
    c.numerator = n;
    c.denominator = d;
    c.groups[0] = static_cast<int64_t>(d + 0.5);
    if (d > 0) c.value = 100.0 * n / d;
  };
  auto mean = [&](M num, M den) {
    percent(num, den);
    if (c.value) *c.value /= 100.0;
  };
  auto sick = [&](M lost) {
    percent(lost, M::kAgreed);
    c.groups[0] = static_cast<int64_t>(get(M::kSickPersons) + 0.5);
  };
  switch (id) {
    case IndicatorId::kHeadcount:
      c.numerator = c.value = get(M::kHeadcount);
      c.groups[0] = static_cast<int64_t>(*c.value + 0.5);
      break;
    case IndicatorId::kFte:
      c.numerator = c.value = get(M::kFteSum);
      c.groups[0] = static_cast<int64_t>(get(M::kFtePersons) + 0.5);
      break;
    case IndicatorId::kFulltimeShare:
      percent(M::kFulltime, M::kHeadcount);
      break;
    case IndicatorId::kAvgPositionSize:
      mean(M::kSizeCappedSum, M::kHeadcount);
      break;
    case IndicatorId::kSmallPositionShare:
      percent(M::kSmall, M::kHeadcount);
      break;
    case IndicatorId::kTemporaryShare:
      percent(M::kTemporary, M::kHeadcount);
      break;
    case IndicatorId::kWomenShare:
      percent(M::kWomen, M::kHeadcount);
      break;
    case IndicatorId::kWomenLeaderShare:
      percent(M::kWomenLeaders, M::kLeaders);
      break;
    case IndicatorId::kAvgAge:
      mean(M::kAgeSum, M::kHeadcount);
      break;
    case IndicatorId::kShare55Plus:
      percent(M::kAge55, M::kHeadcount);
      break;
    case IndicatorId::kShare62Plus:
      percent(M::kAge62, M::kHeadcount);
      break;
    case IndicatorId::kSickLeavePct:
      sick(M::kLostAll);
      break;
    case IndicatorId::kSickLeaveSelfPct:
      sick(M::kLostSelf);
      break;
    case IndicatorId::kSickLeaveMedicalPct:
      sick(M::kLostMedical);
      break;
    case IndicatorId::kSickLeaveShortPct:
      sick(M::kLostShort);
      break;
    case IndicatorId::kSickLeaveLongPct:
      sick(M::kLostLong);
      break;
    case IndicatorId::kTurnover:
      percent(M::kLeavers, M::kTurnoverBase);
      break;
    case IndicatorId::kAvgRetirementAge:
      mean(M::kExitAgeSum, M::kExits55);
      break;
    case IndicatorId::kPayRatioWomenMen: {
      const double women = get(M::kPayWomen);
      const double men = get(M::kPayMen);
      if (women > 0) c.numerator = get(M::kPayWomenSum) / women;
      if (men > 0) c.denominator = get(M::kPayMenSum) / men;
      if (women > 0 && men > 0) c.value = 100.0 * *c.numerator / *c.denominator;
      c.groups = {static_cast<int64_t>(women + 0.5), static_cast<int64_t>(men + 0.5)};
      break;
    }
    case IndicatorId::kDialogueCoverage:
      percent(M::kDialogueHeld, M::kDialogueEligible);
      break;
    case IndicatorId::kFollowupPlanCompliance:
      percent(M::kPlanMet, M::kPlanDue);
      c.groups[0] = static_cast<int64_t>(get(M::kPlanPersons) + 0.5);
      break;
    case IndicatorId::kDialogueMeeting1Compliance:
      percent(M::kMeeting1Met, M::kMeeting1Due);
      c.groups[0] = static_cast<int64_t>(get(M::kMeeting1Persons) + 0.5);
      break;
  }
  return c;
}

Cell FromJobPay(const JobPay& j) {
  Cell c;
  if (j.women > 0) c.numerator = j.women_sum / j.women;
  if (j.men > 0) c.denominator = j.men_sum / j.men;
  if (j.women > 0 && j.men > 0) c.value = 100.0 * *c.numerator / *c.denominator;
  c.groups = {j.women, j.men};
  return c;
}

}  // namespace

std::string FigureKey::ToString(const MeasureCube& cube) const {
  std::string key(Info(indicator).key);
  if (job >= 0) key += std::string(kJobCodeSeparator) + cube.job_codes[job];
  return key;
}

bool AppliesTo(IndicatorId id, const core::Period& period) {
  return !Info(id).years_only || period.kind() == core::PeriodKind::kYear;
}

bool AddsUpOverPeriods(IndicatorId id) {
  switch (id) {
    case IndicatorId::kSickLeavePct:
    case IndicatorId::kSickLeaveSelfPct:
    case IndicatorId::kSickLeaveMedicalPct:
    case IndicatorId::kSickLeaveShortPct:
    case IndicatorId::kSickLeaveLongPct:
    case IndicatorId::kFollowupPlanCompliance:
    case IndicatorId::kDialogueMeeting1Compliance:
      return true;
    default:
      return false;
  }
}

bool PublishedToAggregateViewers(IndicatorId id, const core::Period& period) {
  const bool counts_cases =
      id == IndicatorId::kFollowupPlanCompliance || id == IndicatorId::kDialogueMeeting1Compliance;
  return !counts_cases || period.kind() == core::PeriodKind::kYear;
}

std::string_view SuppressionRule(IndicatorId id) {
  if (!PublishedToAggregateViewers(id, core::Period::Month(2000, 1))) {
    return "viewers who may not see individuals get whole years only (a few cases a month in "
           "most units), with figures about fewer persons than the minimum group withheld and "
           "the complements that would reveal them";
  }
  if (AddsUpOverPeriods(id)) {
    return "figures about fewer persons than the minimum group are withheld from viewers who may "
           "not see individuals, with the complements that would reveal them; decided a year at a "
           "time, since months add up to tertials, quarters and the year";
  }
  return "figures about fewer persons than the minimum group are withheld from viewers who may "
         "not see individuals, with the complements that would reveal them";
}

std::string_view SuppressionRuleNb(IndicatorId id) {
  if (!PublishedToAggregateViewers(id, core::Period::Month(2000, 1))) {
    return "Den som ikke kan se enkeltpersoner, får bare tall for hele år, fordi de fleste "
           "enheter har bare noen få tilfeller i måneden. Tall om færre personer enn "
           "minstegruppen skjules, og andre tall som ville avsløre dem, skjules også.";
  }
  if (AddsUpOverPeriods(id)) {
    return "Tall om færre personer enn minstegruppen skjules for den som ikke kan se "
           "enkeltpersoner, og andre tall som ville avsløre dem, skjules også. Det avgjøres for "
           "et helt år om gangen, fordi månedene summeres til tertialer, kvartaler og året.";
  }
  return "Tall om færre personer enn minstegruppen skjules for den som ikke kan se "
         "enkeltpersoner, og andre tall som ville avsløre dem, skjules også.";
}

std::vector<Cell> Slice(const MeasureCube& cube, const FigureKey& key, int period) {
  std::vector<Cell> cells(cube.unit_count());
  if (key.job >= 0) {
    for (Cell& c : cells) c.groups = {0, 0};
    for (const JobPay& j : cube.job_pay[period]) {
      if (j.job == key.job) cells[j.unit] = FromJobPay(j);
    }
    return cells;
  }
  for (int u = 0; u < cube.unit_count(); ++u) cells[u] = Derive(cube, key.indicator, period, u);
  return cells;
}

std::vector<int32_t> JobCodesIn(const MeasureCube& cube, int period) {
  std::vector<int32_t> jobs;
  for (const JobPay& j : cube.job_pay[period]) jobs.push_back(j.job);
  std::sort(jobs.begin(), jobs.end());
  jobs.erase(std::unique(jobs.begin(), jobs.end()), jobs.end());
  return jobs;
}

}  // namespace agp::metrics
