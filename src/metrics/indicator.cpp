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
    "Arbeidsmiljøloven § 4-6 (3) (oppfølgingsplan at four weeks) and (4) (dialogmøte 1 at seven "
    "weeks); cases as NAV's oppfølgingstilfelle (16 days, folketrygdloven § 8-19); the deadlines "
    "are data in data/reference/deadlines.csv";
constexpr std::string_view kDialogue =
    "agp's own measure of the development dialogue (medarbeidersamtale) duty in the employer "
    "policy";

constexpr std::string_view kCorePersons =
    "core staff on the count date, in the unit of their main position";
constexpr std::string_view kCoreStaff = "core staff";

// The Norwegian texts (bokmål) for the web app. They say exactly what the English ones say, in the
// terms an HR adviser uses; CommonTermsNb() explains kjernestillinger, kjerneansatte and telledato.
constexpr std::string_view kSsbSickNb =
    "SSB, Sykefravær, «Om statistikken» (ssb.no); NAV, «Om statistikken – sykefravær» (nav.no): "
    "sykefraværsdagsverk × 100 / avtalte dagsverk, mandag–fredag unntatt helligdager";
constexpr std::string_view kKsFulltimeNb =
    "KS, PAI-registeret: «Andelen heltidsansatte øker» (ks.no); heltidsandel og gjennomsnittlig "
    "stillingsstørrelse, telledato 1. desember, vikarer, lærlinger og timelønnede holdt utenfor";
constexpr std::string_view kKsPaiNb = "KS, PAI-registeret (ks.no), telledato 1. desember";
constexpr std::string_view kKsPayNb =
    "KS, «Stadig synkende lønnsgap mellom kvinner og menn» (ks.no): likelønn, lønn omregnet til "
    "heltid";
constexpr std::string_view kAml46Nb =
    "Arbeidsmiljøloven § 4-6 (3) (oppfølgingsplan innen fire uker) og (4) (dialogmøte 1 innen "
    "sju uker); tilfeller som NAVs oppfølgingstilfelle (16 dager, folketrygdloven § 8-19); "
    "fristene ligger som data i data/reference/deadlines.csv";
constexpr std::string_view kDialogueNb =
    "agps eget mål for plikten til medarbeidersamtale i arbeidsgiverpolitikken";

constexpr std::string_view kCorePersonsNb =
    "kjerneansatte på telledatoen, i enheten der de har hovedstillingen";
constexpr std::string_view kCoreStaffNb = "kjerneansatte";
constexpr std::string_view kSickPersonsNb =
    "personer (hver talt én gang) med avtalte dagsverk i perioden i enheten eller en av "
    "underenhetene";
constexpr std::string_view kAgreedNb = "avtalte dagsverk";

// Each entry ends with the bokmål population, numerator, denominator, definition and source.
constexpr std::array<IndicatorInfo, kIndicatorCount> kIndicators = {{
    {IndicatorId::kHeadcount, "headcount", "Antall ansatte", "Headcount", "personer",
     Direction::kNeither, ValueKind::kCount, false, kCorePersons, "core staff", "",
     "Number of core staff on the count date.", kKsPai,
     // bokmål
     kCorePersonsNb, "kjerneansatte", "", "Antall kjerneansatte på telledatoen.", kKsPaiNb},
    {IndicatorId::kFte, "fte", "Årsverk", "Full-time equivalents", "årsverk", Direction::kNeither,
     ValueKind::kCount, false,
     "distinct persons with at least one core position in the unit's subtree on the count date",
     "Σ percent/100", "",
     "Σ percent/100 over the core positions active on the count date, each in its own unit.",
     kSsbFte,
     // bokmål
     "personer (hver talt én gang) med minst én kjernestilling i enheten eller en av underenhetene "
     "på telledatoen",
     "Σ stillingsprosent/100", "",
     "Σ stillingsprosent/100 (årsverk) over kjernestillingene som er aktive på telledatoen, hver "
     "stilling i sin egen enhet.",
     kSsbFte},
    {IndicatorId::kFulltimeShare, "fulltime_share", "Heltidsandel", "Full-time share", "%",
     Direction::kHigherIsBetter, ValueKind::kPercent, false, kCorePersons,
     "core staff whose size is at least 100", kCoreStaff,
     "% of core staff whose size (Σ percent over their core positions in the whole organisation) "
     "is ≥ 100, compared with a tolerance of 1e-6.",
     kKsFulltime,
     // bokmål
     kCorePersonsNb, "kjerneansatte med stillingsstørrelse på minst 100", kCoreStaffNb,
     "Andel (%) av kjerneansatte som har heltid: stillingsstørrelse (Σ stillingsprosent over alle "
     "kjernestillingene deres i hele organisasjonen) ≥ 100, sammenlignet med en toleranse på én "
     "milliondel (1e-6).",
     kKsFulltimeNb},
    {IndicatorId::kAvgPositionSize, "avg_position_size", "Gjennomsnittlig stillingsstørrelse",
     "Average position size", "%", Direction::kHigherIsBetter, ValueKind::kMean, false,
     kCorePersons, "Σ min(size, 100)", kCoreStaff, "Mean of min(size, 100) over core staff.",
     kKsFulltime,
     // bokmål
     kCorePersonsNb, "Σ min(stillingsstørrelse, 100)", kCoreStaffNb,
     "Gjennomsnittet av min(stillingsstørrelse, 100) for kjerneansatte: en stillingsstørrelse over "
     "100 telles som 100.",
     kKsFulltimeNb},
    {IndicatorId::kSmallPositionShare, "small_position_share", "Andel små stillinger",
     "Share of small positions", "%", Direction::kLowerIsBetter, ValueKind::kPercent, false,
     kCorePersons, "core staff whose size is below 50", kCoreStaff,
     "% of core staff whose size is < 50.", kKsPai,
     // bokmål
     kCorePersonsNb, "kjerneansatte med stillingsstørrelse under 50", kCoreStaffNb,
     "Andel (%) av kjerneansatte som har stillingsstørrelse < 50 (deltid under 50 %).", kKsPaiNb},
    {IndicatorId::kTemporaryShare, "temporary_share", "Andel midlertidig ansatte",
     "Temporary share", "%", Direction::kLowerIsBetter, ValueKind::kPercent, false, kCorePersons,
     "core staff with no `fast` core position", kCoreStaff,
     "% of core staff with no `fast` core position.", kKsPai,
     // bokmål
     kCorePersonsNb, "kjerneansatte uten fast kjernestilling", kCoreStaffNb,
     "Andel (%) av kjerneansatte som ikke har noen fast kjernestilling, bare midlertidige.",
     kKsPaiNb},
    {IndicatorId::kWomenShare, "women_share", "Andel kvinner", "Share of women", "%",
     Direction::kNeither, ValueKind::kPercent, false, kCorePersons, "core staff with gender K",
     kCoreStaff, "% of core staff with gender K.", "KS Arbeidsgivermonitor (ks.no)",
     // bokmål
     kCorePersonsNb, "kjerneansatte med kjønn K", kCoreStaffNb,
     "Andel (%) av kjerneansatte med kjønn K (kvinne).", "KS Arbeidsgivermonitor (ks.no)"},
    {IndicatorId::kWomenLeaderShare, "women_leader_share", "Andel kvinnelige ledere",
     "Share of women among leaders", "%", Direction::kNeither, ValueKind::kPercent, false,
     "core staff holding a core position with leader = 1, in the unit of their main position",
     "women among them", "core staff holding a core position with leader = 1",
     "% with gender K among core staff who hold a core position with leader = 1.", kKsPai,
     // bokmål
     "kjerneansatte som har en kjernestilling som leder (leader = 1), i enheten der de har "
     "hovedstillingen",
     "kvinnene blant dem", "kjerneansatte som har en kjernestilling som leder (leader = 1)",
     "Andel (%) med kjønn K blant kjerneansatte som har en kjernestilling som leder (leader = 1).",
     kKsPaiNb},
    {IndicatorId::kAvgAge, "avg_age", "Gjennomsnittsalder", "Average age", "år",
     Direction::kNeither, ValueKind::kMean, false, kCorePersons, "Σ age", kCoreStaff,
     "Mean age of core staff; age in year Y is Y − birth_year.", kKsPai,
     // bokmål
     kCorePersonsNb, "Σ alder", kCoreStaffNb,
     "Gjennomsnittsalderen til kjerneansatte; alder i år Y er Y − fødselsår.", kKsPaiNb},
    {IndicatorId::kShare55Plus, "share_55_plus", "Andel 55 år og eldre", "Share aged 55+", "%",
     Direction::kNeither, ValueKind::kPercent, false, kCorePersons, "core staff aged ≥ 55",
     kCoreStaff, "% of core staff aged ≥ 55 (age = count-date year − birth_year).", kKsPai,
     // bokmål
     kCorePersonsNb, "kjerneansatte som er 55 år eller eldre", kCoreStaffNb,
     "Andel (%) av kjerneansatte som er 55 år eller eldre (alder = telledatoens år − fødselsår).",
     kKsPaiNb},
    {IndicatorId::kShare62Plus, "share_62_plus", "Andel 62 år og eldre", "Share aged 62+", "%",
     Direction::kNeither, ValueKind::kPercent, false, kCorePersons, "core staff aged ≥ 62",
     kCoreStaff, "% of core staff aged ≥ 62 (age = count-date year − birth_year).", kKsPai,
     // bokmål
     kCorePersonsNb, "kjerneansatte som er 62 år eller eldre", kCoreStaffNb,
     "Andel (%) av kjerneansatte som er 62 år eller eldre (alder = telledatoens år − fødselsår).",
     kKsPaiNb},
    {IndicatorId::kSickLeavePct, "sick_leave_pct", "Sykefravær", "Sick leave", "%",
     Direction::kLowerIsBetter, ValueKind::kPercent, false,
     "distinct persons with agreed day-works in the period in the unit's subtree", "lost day-works",
     "agreed day-works",
     "100 × Σ lost day-works / Σ agreed day-works over the working days of the period. For every "
     "working day and every active position except `timelonnet`: agreed = percent/100; lost = "
     "percent/100 × grade/100 for each sick absence (`egenmeldt`, `legemeldt`) that covers the day "
     "and the position (an absence without position_id covers all the person's positions), summed "
     "and capped at agreed. The day counts in the unit of the position row active that day.",
     kSsbSick,
     // bokmål
     kSickPersonsNb, "tapte dagsverk", kAgreedNb,
     "100 × Σ tapte dagsverk / Σ avtalte dagsverk over periodens virkedager. For hver virkedag og "
     "hver aktiv stilling unntatt timelønnede stillinger (timelonnet), altså også vikar- og "
     "lærlingstillinger: avtalt = stillingsprosent/100; tapt = stillingsprosent/100 × "
     "fraværsgrad/100 for hvert sykefravær (egenmeldt eller legemeldt) som dekker dagen og "
     "stillingen (et fravær uten stillings-ID, position_id, dekker alle personens stillinger), "
     "summert og begrenset til det avtalte. Dagen telles i enheten til stillingsraden som er aktiv "
     "den dagen.",
     kSsbSickNb},
    {IndicatorId::kSickLeaveSelfPct, "sick_leave_self_pct", "Egenmeldt sykefravær",
     "Self-certified sick leave", "%", Direction::kLowerIsBetter, ValueKind::kPercent, false,
     "distinct persons with agreed day-works in the period in the unit's subtree",
     "lost day-works of `egenmeldt` absences", "agreed day-works",
     "As sick_leave_pct, counting only `egenmeldt` absences (capped at agreed on their own).",
     kSsbSick,
     // bokmål
     kSickPersonsNb, "tapte dagsverk ved egenmeldt fravær", kAgreedNb,
     "Som Sykefravær (sick_leave_pct), men bare egenmeldt fravær telles med (begrenset til det "
     "avtalte for egenmeldt fravær alene).",
     kSsbSickNb},
    {IndicatorId::kSickLeaveMedicalPct, "sick_leave_medical_pct", "Legemeldt sykefravær",
     "Doctor-certified sick leave", "%", Direction::kLowerIsBetter, ValueKind::kPercent, false,
     "distinct persons with agreed day-works in the period in the unit's subtree",
     "lost day-works of `legemeldt` absences", "agreed day-works",
     "As sick_leave_pct, counting only `legemeldt` absences. KS's municipal figures are this one.",
     kSsbSick,
     // bokmål
     kSickPersonsNb, "tapte dagsverk ved legemeldt fravær", kAgreedNb,
     "Som Sykefravær (sick_leave_pct), men bare legemeldt fravær telles med. Det er dette tallet "
     "KS publiserer for kommunene.",
     kSsbSickNb},
    {IndicatorId::kSickLeaveShortPct, "sick_leave_short_pct", "Korttidsfravær (1–16 dager)",
     "Short-term sick leave", "%", Direction::kLowerIsBetter, ValueKind::kPercent, false,
     "distinct persons with agreed day-works in the period in the unit's subtree",
     "lost day-works of absences of at most 16 calendar days", "agreed day-works",
     "As sick_leave_pct, counting only absences whose whole length (end − start + 1 calendar "
     "days) is ≤ 16.",
     kSsbSick,
     // bokmål
     kSickPersonsNb, "tapte dagsverk ved fravær på høyst 16 kalenderdager", kAgreedNb,
     "Som Sykefravær (sick_leave_pct), men bare fravær der hele fraværets lengde (sluttdato − "
     "startdato + 1 kalenderdager) er ≤ 16, telles med.",
     kSsbSickNb},
    {IndicatorId::kSickLeaveLongPct, "sick_leave_long_pct", "Langtidsfravær (over 16 dager)",
     "Long-term sick leave", "%", Direction::kLowerIsBetter, ValueKind::kPercent, false,
     "distinct persons with agreed day-works in the period in the unit's subtree",
     "lost day-works of absences longer than 16 calendar days", "agreed day-works",
     "As sick_leave_pct, counting only absences whose whole length is > 16 calendar days.",
     kSsbSick,
     // bokmål
     kSickPersonsNb, "tapte dagsverk ved fravær på mer enn 16 kalenderdager", kAgreedNb,
     "Som Sykefravær (sick_leave_pct), men bare fravær der hele fraværets lengde er > 16 "
     "kalenderdager, telles med.",
     kSsbSickNb},
    {IndicatorId::kTurnover, "turnover", "Turnover", "Turnover", "%", Direction::kLowerIsBetter,
     ValueKind::kPercent, true,
     "core staff on the previous year's count date, in the unit of their main position then",
     "those of them who are not core staff on this year's count date",
     "core staff on the previous year's count date",
     "Years only: % of the persons who were core staff on the count date of the previous year who "
     "are not core staff on this year's count date.",
     kKsTurnover,
     // bokmål
     "kjerneansatte på forrige års telledato, i enheten der de hadde hovedstillingen da",
     "de av dem som ikke er kjerneansatte på årets telledato",
     "kjerneansatte på forrige års telledato",
     "Bare for hele år: andel (%) av personene som var kjerneansatte på forrige års telledato, som "
     "ikke er kjerneansatte på årets telledato.",
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
     kKsRetirement,
     // bokmål
     "personer som har sluttet og var 55 år eller eldre året før, i enheten der de hadde "
     "hovedstillingen på forrige års telledato",
     "Σ alder ved avgang", "personer som har sluttet og var 55 år eller eldre året før",
     "Bare for hele år: gjennomsnittlig alder ved avgang (avgangsalder) for personer som var "
     "kjerneansatte på forrige års telledato, ikke er det på årets telledato, og var 55 år eller "
     "eldre året før; alder ved avgang = avgangsår − fødselsår, der avgangsåret er året for den "
     "seneste sluttdatoen (end_date) blant personens kjernestillinger som ble avsluttet på eller "
     "før årets telledato. Alle sluttårsaker (end_reason) telles med.",
     kKsRetirement},
    {IndicatorId::kPayRatioWomenMen, "pay_ratio_women_men", "Kvinners lønn i prosent av menns",
     "Women's pay as % of men's", "%", Direction::kHigherIsBetter, ValueKind::kPercent, false,
     "the smaller of the number of women and of men behind the two means",
     "mean monthly full-time pay of women", "mean monthly full-time pay of men",
     "100 × mean monthly full-time pay of women / of men among core staff with gender K/M who "
     "have a pay row dated within the 365 days up to the count date (the latest one counts); "
     "monthly pay = (annual_base_salary + fixed_allowances) / 12. Per job code of the main "
     "position as pay_ratio_women_men:CODE.",
     kKsPay,
     // bokmål
     "det minste av antall kvinner og antall menn bak de to gjennomsnittene",
     "gjennomsnittlig månedslønn omregnet til heltid for kvinner",
     "gjennomsnittlig månedslønn omregnet til heltid for menn",
     "100 × gjennomsnittlig månedslønn omregnet til heltid for kvinner / for menn, blant "
     "kjerneansatte med kjønn K eller M som har en lønnsrad datert i løpet av de 365 dagene fram "
     "til og med telledatoen (telledato − 364 … telledato; den seneste lønnsraden gjelder); "
     "månedslønn = (annual_base_salary + fixed_allowances) / 12, det vil si årlig grunnlønn pluss "
     "faste tillegg, delt på 12. Også per stillingskode (job_code) i hovedstillingen, som "
     "pay_ratio_women_men:KODE.",
     kKsPayNb},
    {IndicatorId::kDialogueCoverage, "dialogue_coverage", "Medarbeidersamtaler gjennomført",
     "Development dialogue coverage", "%", Direction::kHigherIsBetter, ValueKind::kPercent, false,
     "core staff employed for at least 365 days, in the unit of their main position",
     "those of them with a dialogue in the 365 days up to the count date",
     "core staff whose earliest core start_date is ≥ 365 days before the count date",
     "% of core staff whose earliest core start_date (over every core row started on or before "
     "the count date) is ≥ 365 days before the count date who have a dialogue dated in the 365 "
     "days up to the count date (count date − 364 … count date).",
     kDialogue,
     // bokmål
     "kjerneansatte som har vært ansatt i minst 365 dager, i enheten der de har hovedstillingen",
     "de av dem som har hatt medarbeidersamtale i de 365 dagene fram til og med telledatoen",
     "kjerneansatte med tidligste startdato i en kjernestilling minst 365 dager før telledatoen",
     "Andel (%) av kjerneansatte med tidligste startdato i en kjernestilling (over alle "
     "kjernestillingsrader som startet på eller før telledatoen) minst 365 dager før telledatoen, "
     "som har en medarbeidersamtale datert i de 365 dagene fram til og med telledatoen (telledato "
     "− 364 … telledato).",
     kDialogueNb},
    {IndicatorId::kFollowupPlanCompliance, "followup_plan_compliance",
     "Oppfølgingsplan innen fire uker", "Follow-up plan within four weeks", "%",
     Direction::kHigherIsBetter, ValueKind::kPercent, false,
     "distinct persons behind the qualifying follow-up cases",
     "qualifying cases with an `oppfolgingsplan` event dated from the case start to the deadline "
     "day",
     "follow-up cases holding a `legemeldt` row, of at least the deadline's length, whose deadline "
     "day falls in the period",
     "% of follow-up cases (a person's sick rows joined when one starts at most 16 days after the "
     "case's end) that hold a `legemeldt` row, last at least 28 days (case end − case start + 1) "
     "and whose 28th day (case start + 27) falls in the period, with an `oppfolgingsplan` event "
     "for "
     "the person (imported or recorded in agp, where «åpenbart unødvendig» with a reason counts as "
     "the law's exception) dated between the case start and the 28th day. The "
     "case counts in the unit of the row covering that day (its position's unit that day, or the "
     "person's main position).",
     kAml46,
     // bokmål
     "personer (hver talt én gang) bak oppfølgingstilfellene som inngår",
     "tilfellene som inngår, der det finnes en oppfølgingsplan (oppfolgingsplan) datert fra "
     "tilfellets start til og med fristdagen",
     "oppfølgingstilfeller med minst én legemeldt rad som varer minst like lenge som fristen, og "
     "der fristdagen faller i perioden",
     "Andel (%) av oppfølgingstilfellene (en persons fraværsrader slått sammen når en rad starter "
     "høyst 16 dager etter at tilfellet sluttet) som har en legemeldt rad, varer minst 28 dager "
     "(slutt − start + 1) og der dag 28 (tilfellets start + 27) faller i perioden, som har en "
     "oppfølgingsplan (hendelsen oppfolgingsplan, importert eller registrert i agp, der «åpenbart "
     "unødvendig» med begrunnelse teller som lovens unntak) for personen "
     "datert fra og med tilfellets start til og med dag 28. Tilfellet telles i enheten til raden "
     "som dekker dag 28 (stillingens enhet den dagen, eller personens hovedstilling).",
     kAml46Nb},
    {IndicatorId::kDialogueMeeting1Compliance, "dialogue_meeting1_compliance",
     "Dialogmøte 1 innen sju uker", "Dialogue meeting 1 within seven weeks", "%",
     Direction::kHigherIsBetter, ValueKind::kPercent, false,
     "distinct persons behind the qualifying follow-up cases",
     "qualifying cases with a `dialogmote1` event dated from the case start to the deadline day",
     "follow-up cases holding a `legemeldt` row, of at least the deadline's length, fully absent "
     "on the deadline day that falls in the period",
     "% of follow-up cases (as for followup_plan_compliance) that hold a `legemeldt` row, last at "
     "least 49 days and are fully absent on their 49th day (case start + 48: the largest grade "
     "among the case's rows covering that day is 100) where that day falls in the period, with a "
     "`dialogmote1` event for the person (imported or recorded in agp, where «åpenbart unødvendig» "
     "with a reason counts as the law's exception) dated between the case "
     "start and the 49th day. The case counts in the unit of the row covering that day.",
     kAml46,
     // bokmål
     "personer (hver talt én gang) bak oppfølgingstilfellene som inngår",
     "tilfellene som inngår, der det finnes et dialogmøte 1 (dialogmote1) datert fra tilfellets "
     "start til og med fristdagen",
     "oppfølgingstilfeller med minst én legemeldt rad som varer minst like lenge som fristen, helt "
     "borte fra arbeidet på fristdagen, der fristdagen faller i perioden",
     "Andel (%) av oppfølgingstilfellene (som for oppfølgingsplan) som har en legemeldt rad, varer "
     "minst 49 dager og er helt borte fra arbeidet på dag 49 (tilfellets start + 48: høyeste "
     "fraværsgrad blant radene som dekker dagen, er 100) der den dagen faller i perioden, som har "
     "et dialogmøte 1 (hendelsen dialogmote1, importert eller registrert i agp, der «åpenbart "
     "unødvendig» med begrunnelse teller som lovens unntak) for personen datert "
     "fra og med tilfellets start til og med dag 49. Tilfellet telles i enheten til raden som "
     "dekker dag 49.",
     kAml46Nb},
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

std::string_view CommonTermsNb() {
  return "Enhetene danner et tre; tallet for en enhet omfatter hele enheten med alle underenheter. "
         "En periode er en måned (2024-03), et tertial (2024-T1: januar–april), et kvartal "
         "(2024-Q1) eller et år (2024); telledatoen er periodens siste kalenderdag. En stilling er "
         "aktiv på dag d når startdatoen (start_date) ≤ d og sluttdatoen (end_date) er tom eller "
         "d ≤ sluttdatoen. Kjernestillinger er aktive stillinger med ansettelsesform fast eller "
         "midlertidig, altså ikke vikar, lærling eller timelønnet. Kjerneansatte er personene med "
         "minst én kjernestilling; en persons stillingsstørrelse er summen av stillingsprosentene "
         "i personens kjernestillinger, og hovedstillingen er kjernestillingen med høyest "
         "stillingsprosent (ved likhet: tidligst startdato for raden som er aktiv den dagen, "
         "deretter lavest stillings-ID (position_id), sammenlignet som tall når begge bare består "
         "av sifre). Virkedager er mandag–fredag unntatt norske helligdager (1. januar, "
         "skjærtorsdag, langfredag, 2. påskedag, 1. mai, 17. mai, Kristi himmelfartsdag, "
         "2. pinsedag, 1. og 2. juledag; påsken beregnet etter den gregorianske kalenderen); "
         "24. og 31. desember er virkedager. Alder i år Y er Y − fødselsår.";
}

}  // namespace agp::metrics
