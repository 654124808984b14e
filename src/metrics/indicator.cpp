#include "metrics/indicator.h"

#include <array>

namespace agp::metrics {
namespace {

// Sources, named once. Each definition below is DESIGN.md §4 word for word in substance.
constexpr std::string_view kSsbSick =
    "SSB, Sykefravær, «Om statistikken» (ssb.no); NAV, «Om statistikken – sykefravær» (nav.no): "
    "sickness day-works × 100 / agreed day-works, Monday–Friday except public holidays";
constexpr std::string_view kKsFulltime =
    "KS, PAI-registeret: «Andelen heltidsansatte øker» (ks.no); heltidsandel and gjennomsnittlig "
    "stillingsstørrelse, counting date 1 December, substitutes, apprentices and hourly paid "
    "excluded";
constexpr std::string_view kKsPai = "KS, PAI-registeret (ks.no), counting date 1 December";
constexpr std::string_view kSsbFte = "SSB: årsverk = stillingsprosent / 100";
constexpr std::string_view kKsTurnover = "KS, «Publisert turnoverstatistikk» (ks.no)";
constexpr std::string_view kKsRetirement = "KS, «Stabil avgangsalder» (ks.no): avgangsalder";
constexpr std::string_view kKsPay =
    "KS, «Stadig synkende lønnsgap mellom kvinner og menn» (ks.no): likelønn, pay converted to "
    "full time";
constexpr std::string_view kAml46 =
    "Arbeidsmiljøloven §4-6 (oppfølgingsplan at four weeks, dialogmøte 1 at seven weeks); the "
    "deadlines are data in data/reference/deadlines.csv";
constexpr std::string_view kDialogue =
    "agp's own measure of the development dialogue (medarbeidersamtale) duty in the employer "
    "policy";

constexpr std::string_view kCorePersons =
    "core staff on the count date, in the unit of their main position";
constexpr std::string_view kCoreStaff = "core staff";

constexpr std::array<IndicatorInfo, kIndicatorCount> kIndicators = {{
    {IndicatorId::kHeadcount, "headcount", "Antall ansatte", "Headcount", "personer",
     Direction::kNeither, ValueKind::kCount, false, kCorePersons, "core staff", "",
     "Number of core staff on the count date.", kKsPai},
    {IndicatorId::kFte, "fte", "Årsverk", "Full-time equivalents", "årsverk", Direction::kNeither,
     ValueKind::kCount, false,
     "distinct persons with at least one core position in the unit's subtree on the count date",
     "Σ percent/100", "",
     "Σ percent/100 over the core positions active on the count date, each in its own unit.",
     kSsbFte},
    {IndicatorId::kFulltimeShare, "fulltime_share", "Heltidsandel", "Full-time share", "%",
     Direction::kHigherIsBetter, ValueKind::kPercent, false, kCorePersons,
     "core staff whose size is at least 100", kCoreStaff,
     "% of core staff whose size (Σ percent over their core positions in the whole organisation) "
     "is ≥ 100, compared with a tolerance of 1e-6.",
     kKsFulltime},
    {IndicatorId::kAvgPositionSize, "avg_position_size", "Gjennomsnittlig stillingsstørrelse",
     "Average position size", "%", Direction::kHigherIsBetter, ValueKind::kMean, false,
     kCorePersons, "Σ min(size, 100)", kCoreStaff, "Mean of min(size, 100) over core staff.",
     kKsFulltime},
    {IndicatorId::kSmallPositionShare, "small_position_share", "Andel små stillinger",
     "Share of small positions", "%", Direction::kLowerIsBetter, ValueKind::kPercent, false,
     kCorePersons, "core staff whose size is below 50", kCoreStaff,
     "% of core staff whose size is < 50.", kKsPai},
    {IndicatorId::kTemporaryShare, "temporary_share", "Andel midlertidig ansatte",
     "Temporary share", "%", Direction::kLowerIsBetter, ValueKind::kPercent, false, kCorePersons,
     "core staff with no `fast` core position", kCoreStaff,
     "% of core staff with no `fast` core position.", kKsPai},
    {IndicatorId::kWomenShare, "women_share", "Andel kvinner", "Share of women", "%",
     Direction::kNeither, ValueKind::kPercent, false, kCorePersons, "core staff with gender K",
     kCoreStaff, "% of core staff with gender K.", "KS Arbeidsgivermonitor (ks.no)"},
    {IndicatorId::kWomenLeaderShare, "women_leader_share", "Andel kvinnelige ledere",
     "Share of women among leaders", "%", Direction::kNeither, ValueKind::kPercent, false,
     "core staff holding a core position with leader = 1, in the unit of their main position",
     "women among them", "core staff holding a core position with leader = 1",
     "% with gender K among core staff who hold a core position with leader = 1.", kKsPai},
    {IndicatorId::kAvgAge, "avg_age", "Gjennomsnittsalder", "Average age", "år",
     Direction::kNeither, ValueKind::kMean, false, kCorePersons, "Σ age", kCoreStaff,
     "Mean age of core staff; age in year Y is Y − birth_year.", kKsPai},
    {IndicatorId::kShare55Plus, "share_55_plus", "Andel 55 år og eldre", "Share aged 55+", "%",
     Direction::kNeither, ValueKind::kPercent, false, kCorePersons, "core staff aged ≥ 55",
     kCoreStaff, "% of core staff aged ≥ 55 (age = count-date year − birth_year).", kKsPai},
    {IndicatorId::kShare62Plus, "share_62_plus", "Andel 62 år og eldre", "Share aged 62+", "%",
     Direction::kNeither, ValueKind::kPercent, false, kCorePersons, "core staff aged ≥ 62",
     kCoreStaff, "% of core staff aged ≥ 62 (age = count-date year − birth_year).", kKsPai},
    {IndicatorId::kSickLeavePct, "sick_leave_pct", "Sykefravær", "Sick leave", "%",
     Direction::kLowerIsBetter, ValueKind::kPercent, false,
     "distinct persons with agreed day-works in the period in the unit's subtree", "lost day-works",
     "agreed day-works",
     "100 × Σ lost day-works / Σ agreed day-works over the working days of the period. For every "
     "working day and every active position except `timelonnet`: agreed = percent/100; lost = "
     "percent/100 × grade/100 for each sick absence (`egenmeldt`, `legemeldt`) that covers the day "
     "and the position (an absence without position_id covers all the person's positions), summed "
     "and capped at agreed. The day counts in the unit of the position row active that day.",
     kSsbSick},
    {IndicatorId::kSickLeaveSelfPct, "sick_leave_self_pct", "Egenmeldt sykefravær",
     "Self-certified sick leave", "%", Direction::kLowerIsBetter, ValueKind::kPercent, false,
     "distinct persons with agreed day-works in the period in the unit's subtree",
     "lost day-works of `egenmeldt` absences", "agreed day-works",
     "As sick_leave_pct, counting only `egenmeldt` absences (capped at agreed on their own).",
     kSsbSick},
    {IndicatorId::kSickLeaveMedicalPct, "sick_leave_medical_pct", "Legemeldt sykefravær",
     "Doctor-certified sick leave", "%", Direction::kLowerIsBetter, ValueKind::kPercent, false,
     "distinct persons with agreed day-works in the period in the unit's subtree",
     "lost day-works of `legemeldt` absences", "agreed day-works",
     "As sick_leave_pct, counting only `legemeldt` absences. KS's municipal figures are this one.",
     kSsbSick},
    {IndicatorId::kSickLeaveShortPct, "sick_leave_short_pct", "Korttidsfravær (1–16 dager)",
     "Short-term sick leave", "%", Direction::kLowerIsBetter, ValueKind::kPercent, false,
     "distinct persons with agreed day-works in the period in the unit's subtree",
     "lost day-works of absences of at most 16 calendar days", "agreed day-works",
     "As sick_leave_pct, counting only absences whose whole length (end − start + 1 calendar "
     "days) is ≤ 16.",
     kSsbSick},
    {IndicatorId::kSickLeaveLongPct, "sick_leave_long_pct", "Langtidsfravær (over 16 dager)",
     "Long-term sick leave", "%", Direction::kLowerIsBetter, ValueKind::kPercent, false,
     "distinct persons with agreed day-works in the period in the unit's subtree",
     "lost day-works of absences longer than 16 calendar days", "agreed day-works",
     "As sick_leave_pct, counting only absences whose whole length is > 16 calendar days.",
     kSsbSick},
    {IndicatorId::kTurnover, "turnover", "Turnover", "Turnover", "%", Direction::kLowerIsBetter,
     ValueKind::kPercent, true,
     "core staff on the previous year's count date, in the unit of their main position then",
     "those of them who are not core staff on this year's count date",
     "core staff on the previous year's count date",
     "Years only: % of the persons who were core staff on the count date of the previous year who "
     "are not core staff on this year's count date.",
     kKsTurnover},
    {IndicatorId::kAvgRetirementAge, "avg_retirement_age", "Gjennomsnittlig avgangsalder",
     "Average retirement age", "år", Direction::kHigherIsBetter, ValueKind::kMean, true,
     "leavers aged ≥ 55 in the previous year, in the unit of their main position on the previous "
     "year's count date",
     "Σ age at exit", "leavers aged ≥ 55 in the previous year",
     "Years only: mean age at exit of persons who were core staff on the previous year's count "
     "date, are not on this year's, and were aged ≥ 55 in the previous year; age at exit = exit "
     "year − birth_year, exit year = the year of the latest end_date of the person's core "
     "positions that ended on or before this year's count date. Every end_reason counts.",
     kKsRetirement},
    {IndicatorId::kPayRatioWomenMen, "pay_ratio_women_men", "Kvinners lønn i prosent av menns",
     "Women's pay as % of men's", "%", Direction::kHigherIsBetter, ValueKind::kPercent, false,
     "the smaller of the number of women and of men behind the two means",
     "mean monthly full-time pay of women", "mean monthly full-time pay of men",
     "100 × mean monthly full-time pay of women / of men among core staff with gender K/M who "
     "have a pay row dated within the 365 days up to the count date (the latest one counts); "
     "monthly pay = (annual_base_salary + fixed_allowances) / 12. Per job code of the main "
     "position as pay_ratio_women_men:CODE.",
     kKsPay},
    {IndicatorId::kDialogueCoverage, "dialogue_coverage", "Medarbeidersamtaler gjennomført",
     "Development dialogue coverage", "%", Direction::kHigherIsBetter, ValueKind::kPercent, false,
     "core staff employed for at least 365 days, in the unit of their main position",
     "those of them with a dialogue in the 365 days up to the count date",
     "core staff whose earliest core start_date is ≥ 365 days before the count date",
     "% of core staff whose earliest core start_date (over every core row started on or before "
     "the count date) is ≥ 365 days before the count date who have a dialogue dated in the 365 "
     "days up to the count date (count date − 364 … count date).",
     kDialogue},
    {IndicatorId::kFollowupPlanCompliance, "followup_plan_compliance",
     "Oppfølgingsplan innen fire uker", "Follow-up plan within four weeks", "%",
     Direction::kHigherIsBetter, ValueKind::kPercent, false,
     "distinct persons behind the qualifying absences",
     "qualifying absences with an `oppfolgingsplan` event dated from the start to the deadline day",
     "`legemeldt` absences of at least the deadline's length whose deadline day falls in the "
     "period",
     "% of `legemeldt` absences whose length is ≥ 28 days and whose 28th day (start + 27) falls in "
     "the period with an `oppfolgingsplan` event for the person dated between the start and the "
     "28th day. The absence counts in the unit of its position (or the person's main position) on "
     "that day.",
     kAml46},
    {IndicatorId::kDialogueMeeting1Compliance, "dialogue_meeting1_compliance",
     "Dialogmøte 1 innen sju uker", "Dialogue meeting 1 within seven weeks", "%",
     Direction::kHigherIsBetter, ValueKind::kPercent, false,
     "distinct persons behind the qualifying absences",
     "qualifying absences with a `dialogmote1` event dated from the start to the deadline day",
     "`legemeldt` absences with grade 100 of at least the deadline's length whose deadline day "
     "falls in the period",
     "% of `legemeldt` absences with grade 100 and length ≥ 49 days whose 49th day (start + 48) "
     "falls in the period with a `dialogmote1` event for the person dated between the start and "
     "the 49th day. The absence counts in the unit of its position (or the person's main "
     "position) on that day.",
     kAml46},
}};

}  // namespace

std::span<const IndicatorInfo> Indicators() { return kIndicators; }

const IndicatorInfo& Info(IndicatorId id) { return kIndicators[static_cast<size_t>(id)]; }

std::optional<IndicatorId> FindIndicator(std::string_view key) {
  for (const IndicatorInfo& info : kIndicators) {
    if (info.key == key) return info.id;
  }
  return std::nullopt;
}

std::string_view CommonTerms() {
  return "Units form a tree; a unit's figure covers its whole subtree. A period is a month "
         "(2024-03), a tertial (2024-T1: January–April), a quarter (2024-Q1) or a year (2024); its "
         "count date is its last calendar day. A position is active on day d when start_date ≤ d "
         "and (end_date is empty or d ≤ end_date). Core positions are active positions with "
         "employment `fast` or `midlertidig`. Core staff are the persons with at least one core "
         "position; a person's size is the sum of percent over their core positions, and their "
         "main position is the core position with the largest percent (ties: earliest start_date "
         "of the row active that day, then smallest position_id, numerically when both are "
         "digits). Working days are Monday–Friday except Norwegian public holidays (1 Jan, Maundy "
         "Thursday, Good Friday, Easter Monday, 1 May, 17 May, Ascension Day, Whit Monday, 25 and "
         "26 Dec; Easter by the Gregorian computus); 24 and 31 December are working days. Age in "
         "year Y is Y − birth_year.";
}

}  // namespace agp::metrics
