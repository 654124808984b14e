// The staffing layer with ingest's CSV reader in front of it, as agp heltid reads its files
// (tests across layers: staffing may not include ingest, DESIGN §2). The staffing plan reader,
// the weekend calculator worked by hand (DESIGN §12's example and one
// where the weekdays decide), the working-time rules file, and the rota check with each rule
// broken once.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "ingest/csv_reader.h"
#include "ingest/text_decode.h"
#include "staffing/calculator.h"
#include "staffing/plan.h"
#include "staffing/rota.h"
#include "staffing/rota_build.h"
#include "staffing/working_time.h"

namespace agp::staffing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

PlanRead Read(const std::string& csv) {
  ingest::CsvReader reader("plan.csv", csv);
  return ReadPlan(reader, "plan.csv");
}

std::optional<Rota> ReadRotaCsv(const std::string& csv, const Plan& plan, const std::string& file,
                                std::vector<core::Error>* errors) {
  auto text = ingest::DecodeText(csv, file);
  if (!text.ok()) {
    errors->push_back(text.error());
    return std::nullopt;
  }
  ingest::CsvReader reader(file, text->text);
  return ReadRota(reader, plan, file, errors);
}

core::Result<WorkingTimeRules> ParseRules(const std::string& csv, const std::string& file) {
  ingest::CsvReader reader(file, csv);
  return WorkingTimeRules::Read(reader, file);
}

Plan MustRead(const std::string& csv) {
  PlanRead r = Read(csv);
  for (const core::Error& e : r.errors) ADD_FAILURE() << e.ToString();
  return r.plan.value_or(Plan{});
}

constexpr const char* kHeader =
    "shift,start,end,paid_minutes,mon,tue,wed,thu,fri,sat,sun,holiday\n";

// DESIGN §12's worked example: 8 staff on one 7.5 h shift every day.
Plan EightEveryDay() {
  return MustRead(std::string(kHeader) + "D,07:30,15:00,450,8,8,8,8,8,8,8,8\n");
}

TEST(Calculator, TheWorkedExampleOfTheDesign) {
  const Figures f = Calculate(EightEveryDay(), 3, 35.5);
  EXPECT_DOUBLE_EQ(f.week_hours, 420);
  EXPECT_DOUBLE_EQ(f.weekend_hours, 120);
  EXPECT_NEAR(f.fte, 11.83, 0.005);
  EXPECT_DOUBLE_EQ(f.weekend_shift_hours, 15);
  EXPECT_EQ(f.weekend_persons, 24);
  EXPECT_NEAR(f.min_position, 0.141, 0.0005);
  EXPECT_TRUE(f.weekends_bind);
  EXPECT_EQ(f.persons, 24);
  EXPECT_EQ(f.fulltime_positions, 9);
  EXPECT_NEAR(f.mean_position_size, 49.3, 0.05);
  ASSERT_TRUE(f.fulltime_frequency);
  EXPECT_NEAR(*f.fulltime_frequency, 1.48, 0.005);
}

TEST(Calculator, WhenTheWeekdaysDecideEveryoneButOneIsFullTime) {
  // 10 on weekdays, 2 at weekends: Hw = 7.5 × 54 = 405, fte = 11.41; Hwe = 30, h = 15,
  // n = ⌈30 × 3 / 15⌉ = 6 ≤ fte: 12 persons, 11 full time, mean 95.1 %.
  const Plan plan = MustRead(std::string(kHeader) + "D,07:30,15:00,450,10,10,10,10,10,2,2,\n");
  EXPECT_EQ(plan.shifts[0].staff[kHoliday], 2);  // an empty holiday is staffed as Sunday
  const Figures f = Calculate(plan, 3, 35.5);
  EXPECT_NEAR(f.fte, 11.41, 0.005);
  EXPECT_EQ(f.weekend_persons, 6);
  EXPECT_FALSE(f.weekends_bind);
  EXPECT_EQ(f.persons, 12);
  EXPECT_EQ(f.fulltime_positions, 11);
  EXPECT_NEAR(f.mean_position_size, 95.1, 0.05);
}

TEST(Calculator, ScenariosSideBySideAndTheLongShiftLever) {
  const Plan plan = MustRead(std::string(kHeader) +
                             "D,07:30,15:00,450,4,4,4,4,4,4,4,4\n"
                             "L,08:00,20:30,720,0,0,0,0,0,0,0,0\n");
  const std::vector<Figures> s = Scenarios(plan, 3, 35.5);
  std::vector<std::string> keys;
  for (const Figures& f : s) keys.push_back(f.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"plan", "f2", "f4", "long_weekend", "hours_33.6"}));
  // Long shifts: h = 2 × 12 = 24 instead of 15, so n = ⌈60 × 3 / 24⌉ = 8 instead of 12.
  EXPECT_EQ(s[0].weekend_persons, 12);
  EXPECT_EQ(s[3].weekend_persons, 8);
  EXPECT_EQ(FiguresCsv(s).substr(0, FiguresCsv(s).find('\n')),
            "scenario,weekend_frequency,fte,persons,fulltime_positions,mean_position_size,"
            "min_position_size,fulltime_frequency");
  EXPECT_NE(FiguresTable(plan, s).find("⌈Hwe × F / h⌉"), std::string::npos);
}

TEST(Calculator, APlanWithoutWeekendWorkHasNoFullTimeFrequency) {
  const Figures f =
      Calculate(MustRead(std::string(kHeader) + "D,08:00,15:30,450,2,2,2,2,2,0,0,0\n"), 3, 35.5);
  EXPECT_EQ(f.weekend_persons, 0);
  EXPECT_FALSE(f.fulltime_frequency);
  EXPECT_EQ(f.persons, 3);  // fte = 75 / 35.5 = 2.11
  EXPECT_EQ(f.fulltime_positions, 2);
}

TEST(PlanReader, SemicolonsAnyColumnOrderNightShiftsAndAWarningForAnUnknownColumn) {
  const PlanRead r = Read(
      "Start;Shift;End;paid_minutes;mon;tue;wed;thu;fri;sat;sun;merknad\n"
      "21:45;N;07:45;600;2;2;2;2;2;2;2;natt\n");
  ASSERT_TRUE(r.plan) << (r.errors.empty() ? "" : r.errors[0].ToString());
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].ToString(), "plan.csv:1:58: ukjent kolonne «merknad» blir ikke lest");
  const PlanShift& n = r.plan->shifts[0];
  EXPECT_EQ(n.code, "N");
  EXPECT_EQ(n.length_minutes(), 600);
  EXPECT_EQ(n.staff[kHoliday], 2);
}

TEST(PlanReader, EveryBadValueIsNamedWithItsPlaceAndNothingIsReturned) {
  const PlanRead r = Read(std::string(kHeader) +
                          "D,07:30,15:00,450,1,1,1,1,1,1,1,1\n"
                          "D,7:3x,15:00,500,1,1,1,1,1,1,1,1\n"
                          "A,14:30,22:00,500,1,1,1,1,1,1,-1,1\n");
  EXPECT_FALSE(r.plan);
  std::vector<std::string> got;
  for (const core::Error& e : r.errors) got.push_back(e.ToString());
  EXPECT_EQ(got, (std::vector<std::string>{
                     "plan.csv:3:1: vaktkoden «D» står også på linje 2",
                     "plan.csv:3:3: «7:3x» er ikke et klokkeslett (TT:MM, f.eks. 07:30)",
                     "plan.csv:4:15: paid_minutes 500 er mer enn vaktens lengde 14:30 – 22:00 (450 "
                     "minutter)",
                     "plan.csv:4:31: sun «-1» er ikke et antall fra 0 til 999",
                 }));
}

TEST(PlanReader, AMissingColumnAndAnEmptyPlan) {
  PlanRead r = Read("shift,start,end,mon,tue,wed,thu,fri,sat,sun\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].ToString(), "plan.csv:1:1: mangler den påkrevde kolonnen «paid_minutes»");
  r = Read(kHeader);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message().find("ingen vakter"), std::string::npos);
}

TEST(PlanReader, WhatItWritesItReadsBack) {
  const Plan plan = MustRead(std::string(kHeader) +
                             "D,07:30,15:00,450,5,5,5,5,5,4,4,3\n"
                             "N,21:45,24:00,135,1,1,1,1,1,1,1,1\n");
  const Plan again = MustRead(WritePlanCsv(plan));
  ASSERT_EQ(again.shifts.size(), 2u);
  EXPECT_EQ(again.shifts[1].end_minute, 1440);
  EXPECT_EQ(again.shifts[0].staff, plan.shifts[0].staff);
  EXPECT_EQ(WritePlanCsv(again), WritePlanCsv(plan));
}

TEST(WorkingTime, TheShippedRulesEachHaveASourceAndTheRotaRulesComeFromThem) {
  auto rules =
      ParseRules(ReadFile(std::string(AGP_SOURCE_DIR) + "/data/reference/working_time.csv"),
                 "working_time.csv");
  ASSERT_TRUE(rules.ok()) << rules.error().ToString();
  for (const WorkingTimeRule& r : rules->all()) EXPECT_FALSE(r.source.empty()) << r.key;
  const core::Date day = core::Date::FromYmd(2026, 12, 3);
  EXPECT_EQ(*rules->Value("daily_rest_hours", day), 11);
  EXPECT_EQ(*rules->Value("max_shift_hours", day), 12.5);
  EXPECT_EQ(rules->Find("daily_rest_hours", core::Date::FromYmd(2005, 1, 1)), nullptr);
  auto law = RotaRules::FromData(*rules, day, 3, 35.5, false);
  ASSERT_TRUE(law.ok());
  EXPECT_EQ(law->daily_rest_minutes, 660);
  EXPECT_EQ(law->weekly_rest_minutes, 2100);
  EXPECT_EQ(law->max_shift_minutes, 750);
  EXPECT_EQ(law->max_week_minutes, 54 * 60);
  EXPECT_EQ(law->daily_rest_source, "arbeidsmiljøloven § 10-8 (1)");
  auto agreed = RotaRules::FromData(*rules, day, 3, 35.5, true);
  ASSERT_TRUE(agreed.ok());
  EXPECT_EQ(agreed->daily_rest_minutes, 480);
  EXPECT_EQ(agreed->weekly_rest_minutes, 1680);
}

TEST(WorkingTime, ANewRowAppliesFromItsDateAndBadRowsAreRefusedWithTheirPlace) {
  auto rules = ParseRules(
      "key,value,unit,valid_from,source\n"
      "daily_rest_hours,11,timer,2006-01-01,AML § 10-8 (1)\n"
      "daily_rest_hours,12,timer,2030-01-01,an imagined change\n",
      "wt.csv");
  ASSERT_TRUE(rules.ok());
  EXPECT_EQ(*rules->Value("daily_rest_hours", core::Date::FromYmd(2029, 12, 31)), 11);
  EXPECT_EQ(*rules->Value("daily_rest_hours", core::Date::FromYmd(2030, 1, 1)), 12);
  auto bad = ParseRules(
      "key,value,unit,valid_from,source\ndaily_rest_hours,elleve,timer,2006-01-01,AML\n", "wt.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().ToString(), "wt.csv:2:18: «elleve» er ikke et tall (bruk desimalpunktum)");
  auto twice = ParseRules(
      "key,value,unit,valid_from,source\nk,1,t,2006-01-01,A\nk,2,t,2006-01-01,B\n", "wt.csv");
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.error().message().find("står også på linje 2"), std::string::npos);
}

// Day, evening, night and a long day; one on the day shift on weekdays, none at weekends.
Plan RotaPlan() {
  return MustRead(std::string(kHeader) +
                  "D,07:30,15:00,450,1,1,1,1,1,0,0,0\n"
                  "A,14:30,22:00,450,0,0,0,0,0,0,0,0\n"
                  "N,21:45,07:45,600,0,0,0,0,0,0,0,0\n"
                  "X,08:00,21:00,780,0,0,0,0,0,0,0,0\n");
}

// One full-time person over six weeks who keeps every rule: Monday to Friday in weeks 1, 2, 4
// and 5; Monday, Tuesday, Saturday and Sunday in weeks 3 and 6 (two weekends: every third).
// 28 day shifts = 210 h against 35.5 × 6 = 213 h ± 6 h.
Rota GoodRota() {
  Rota rota;
  rota.weeks = 6;
  RotaPerson p;
  p.name = "Stilling 1";
  p.cells.assign(42, -1);
  for (int w : {0, 1, 3, 4}) {
    for (int d = 0; d < 5; ++d) p.cells[static_cast<size_t>(7 * w + d)] = 0;
  }
  for (int w : {2, 5}) {
    for (int d : {0, 1, 5, 6}) p.cells[static_cast<size_t>(7 * w + d)] = 0;
  }
  rota.persons.push_back(p);
  return rota;
}

int Count(const RotaCheck& c, const std::string& rule) {
  return static_cast<int>(std::count_if(c.broken.begin(), c.broken.end(),
                                        [&](const RotaFinding& f) { return f.rule == rule; }));
}

TEST(RotaCheck, ARotaThatKeepsEveryRuleAndTheWeekdaysItLeavesUncovered) {
  const RotaCheck c = CheckRota(RotaPlan(), GoodRota(), RotaRules{});
  for (const RotaFinding& f : c.broken) ADD_FAILURE() << f.text;
  ASSERT_EQ(c.persons.size(), 1u);
  EXPECT_EQ(c.persons[0].paid_minutes, 28 * 450);
  EXPECT_DOUBLE_EQ(c.persons[0].target_minutes, 213 * 60);
  EXPECT_EQ(c.persons[0].weekends, 2);
  // Wednesday to Friday of weeks 3 and 6 have no one on the day shift.
  ASSERT_EQ(c.uncovered.size(), 6u);
  EXPECT_EQ(c.uncovered[0].day, 16);
  EXPECT_EQ(c.uncovered[0].text, "dag 17 (onsdag uke 3): vakten D har 0 av 1");
}

TEST(RotaCheck, ShortDailyRestEvenAcrossTheEndOfTheRota) {
  Rota rota = GoodRota();
  rota.persons[0].cells[0] = 1;  // evening on Monday of week 1, day shift on Tuesday
  RotaCheck c = CheckRota(RotaPlan(), rota, RotaRules{});
  ASSERT_EQ(c.broken.size(), 1u);
  EXPECT_EQ(c.broken[0].rule, "daily_rest");
  EXPECT_EQ(c.broken[0].day, 1);
  EXPECT_EQ(c.broken[0].text,
            "Stilling 1: 9,5 t hvile fra A dag 1 (mandag uke 1) (slutt 22:00) til D dag 2 "
            "(tirsdag uke 1) (start 07:30); kravet er 11,0 t (arbeidsmiljøloven § 10-8 (1))");
  // The rota repeats: an evening on the last Sunday is followed by Monday's day shift.
  rota = GoodRota();
  rota.persons[0].cells[41] = 1;
  c = CheckRota(RotaPlan(), rota, RotaRules{});
  ASSERT_EQ(Count(c, "daily_rest"), 1);
  EXPECT_EQ(c.broken[0].day, 0);
  // With the agreed minimum of 8 h, 9.5 h is enough.
  RotaRules agreed;
  agreed.daily_rest_minutes = 480;
  EXPECT_EQ(Count(CheckRota(RotaPlan(), rota, agreed), "daily_rest"), 0);
}

TEST(RotaCheck, ANightShiftThatRunsIntoTheNextShift) {
  Rota rota = GoodRota();
  rota.persons[0].cells[0] = 2;  // night Monday 21:45 – Tuesday 07:45, then day at 07:30
  const RotaCheck c = CheckRota(RotaPlan(), rota, RotaRules{});
  ASSERT_EQ(Count(c, "daily_rest"), 1);
  EXPECT_NE(c.broken[0].text.find("begynner før"), std::string::npos);
}

TEST(RotaCheck, AWeekWithoutItsWeeklyRestTooManyWeekendsAndTooManyHours) {
  Rota rota = GoodRota();
  rota.persons[0].cells[12] = 0;  // Saturday and Sunday of week 2 as well
  rota.persons[0].cells[13] = 0;
  const RotaCheck c = CheckRota(RotaPlan(), rota, RotaRules{});
  EXPECT_EQ(Count(c, "weekly_rest"), 1);
  EXPECT_EQ(Count(c, "weekends"), 1);
  EXPECT_EQ(Count(c, "hours"), 1);
  EXPECT_EQ(Count(c, "daily_rest"), 0);
  for (const RotaFinding& f : c.broken) {
    if (f.rule == "weekly_rest") {
      EXPECT_EQ(f.day, 7);
      EXPECT_EQ(f.text,
                "Stilling 1: lengste sammenhengende fri i uke 2 er 16,5 t; kravet er 35,0 t "
                "(arbeidsmiljøloven § 10-8 (2))");
    }
    if (f.rule == "weekends") {
      EXPECT_EQ(f.text, "Stilling 1: arbeider 3 helger av 6; høyst 2 med hver 3. helg");
    }
  }
}

TEST(RotaCheck, ANightOnTheLastSundayTakesTheFirstMondayMorning) {
  Rota rota;
  rota.weeks = 1;
  RotaPerson p;
  p.name = "Natt";
  p.position_size = 100 * 600.0 / (35.5 * 60);  // one 10 h night: within an hour of its target
  p.cells.assign(7, -1);
  p.cells[6] = 2;  // Sunday 21:45 – Monday 07:45
  rota.persons.push_back(p);
  RotaRules rules;
  rules.weekend_frequency = 1;
  const RotaCheck c = CheckRota(RotaPlan(), rota, rules);
  for (const RotaFinding& f : c.broken) ADD_FAILURE() << f.text;
  // 07:45 Monday to 21:45 Sunday is free: 6 days 14 hours.
  rules.weekly_rest_minutes = 6 * 24 * 60 + 14 * 60 + 1;
  EXPECT_EQ(Count(CheckRota(RotaPlan(), rota, rules), "weekly_rest"), 1);
}

TEST(RotaCheck, AShiftLongerThanTheLawAllowsIsNamedOnce) {
  Rota rota = GoodRota();
  rota.persons[0].cells[0] = 3;
  rota.persons[0].cells[1] = 3;
  const RotaCheck c = CheckRota(RotaPlan(), rota, RotaRules{});
  ASSERT_EQ(Count(c, "max_shift"), 1);
  EXPECT_EQ(c.broken[0].text,
            "vakten X har 13,0 t arbeidstid; høyst 12,5 t (arbeidsmiljøloven § 10-5 (2))");
}

TEST(RotaCheck, MoreThan54HoursInOneWeek) {
  Rota rota = GoodRota();
  for (int d = 0; d < 6; ++d) rota.persons[0].cells[static_cast<size_t>(d)] = 2;  // six nights
  const RotaCheck c = CheckRota(RotaPlan(), rota, RotaRules{});
  ASSERT_EQ(Count(c, "max_week"), 1);
  for (const RotaFinding& f : c.broken) {
    if (f.rule == "max_week") {
      EXPECT_EQ(
          f.text,
          "Stilling 1: 60,0 t arbeidstid i uke 1; høyst 54,0 t (arbeidsmiljøloven § 10-5 (2))");
    }
  }
}

TEST(RotaBuild, TheTranslationKeepsTheDailyRestAndTheHoursOfEachPosition) {
  const Plan plan = RotaPlan();
  const roster::Instance in = BuildInstance(plan, RotaRules{}, 6, {{"A", 100}, {"B", 50}});
  ASSERT_EQ(in.days, 42);
  // An evening (ends 22:00) may not be followed by a day (07:30): 9.5 h of rest; a night (ends
  // 07:45) only by another night (14 h), not by an evening (6.75 h) or a day (it has begun).
  const auto& evening = in.shifts[1].cannot_follow;
  EXPECT_NE(std::find(evening.begin(), evening.end(), 0), evening.end());
  EXPECT_EQ(std::find(evening.begin(), evening.end(), 1), evening.end());
  EXPECT_EQ(in.shifts[2].cannot_follow, (std::vector<int>{0, 1, 3}));
  // 100 % of 35.5 h over 6 weeks is 213 h ± 6 h; the 13 h shift X is never given.
  EXPECT_EQ(in.staff[0].min_total_minutes, 207 * 60);
  EXPECT_EQ(in.staff[0].max_total_minutes, 219 * 60);
  EXPECT_EQ(in.staff[1].max_shifts[3], 0);
  EXPECT_EQ(in.staff[1].max_weekends, 2);
  EXPECT_EQ(in.CoverOf(7, 0).requirement, 1);  // Monday of week 2: one on D
  EXPECT_EQ(in.CoverOf(5, 0).requirement, 0);  // Saturday
}

TEST(RotaBuild, ASmallUnitGetsARotaTheIndependentCheckPasses) {
  // Two on days and one on evenings on weekdays, one and one at weekends: fte 4.01, the weekends
  // need 6 persons, 3 of them full time (k = ⌊(4.01 − 6 × 0.141) / 0.859⌋ = 3).
  const Plan plan = MustRead(std::string(kHeader) +
                             "D,07:30,15:00,450,2,2,2,2,2,1,1,1\n"
                             "A,14:30,22:00,450,1,1,1,1,1,1,1,1\n");
  const Figures f = Calculate(plan, 3, 35.5);
  ASSERT_EQ(f.persons, 6);
  ASSERT_EQ(f.fulltime_positions, 3);
  const std::vector<StaffMember> staff = ProposedStaff(f);
  ASSERT_EQ(staff.size(), 6u);
  EXPECT_EQ(staff[0].position_size, 100);
  EXPECT_EQ(staff[3].position_size, 33);
  EXPECT_EQ(staff[5].position_size, 35);
  RotaOptions options;
  options.time_limit_seconds = 600;
  options.max_rounds = 40;
  const RotaResult r = BuildRota(plan, RotaRules{}, 6, staff, options);
  ASSERT_TRUE(r.found);
  for (const RotaFinding& b : r.check.broken) ADD_FAILURE() << b.text;
  for (const RotaFinding& u : r.check.uncovered) ADD_FAILURE() << u.text;
  // The same rota read back from its CSV passes the same check.
  std::vector<core::Error> errors;
  const auto back = ReadRotaCsv(WriteRotaCsv(r.rota, plan), plan, "rota.csv", &errors);
  ASSERT_TRUE(back);
  EXPECT_TRUE(CheckRota(plan, *back, RotaRules{}).keeps_rules());
}

TEST(RotaCsv, WhatItWritesItReadsBackAndBadCellsAreNamed) {
  const Plan plan = RotaPlan();
  const std::string csv = WriteRotaCsv(GoodRota(), plan);
  EXPECT_EQ(csv.substr(0, 40), "person,position_size,day1,day2,day3,day4");
  std::vector<core::Error> errors;
  const auto back = ReadRotaCsv(csv, plan, "rota.csv", &errors);
  ASSERT_TRUE(back) << (errors.empty() ? "" : errors[0].ToString());
  EXPECT_EQ(back->weeks, 6);
  EXPECT_EQ(back->persons[0].cells, GoodRota().persons[0].cells);
  EXPECT_EQ(WriteRotaCsv(*back, plan), csv);

  errors.clear();
  std::string header = "person,position_size";
  for (int d = 1; d <= 7; ++d) header += ",day" + std::to_string(d);
  const auto bad =
      ReadRotaCsv(header + "\nKari,0,D,d,,,,,\nKari,50,,,,,,,Q\n", plan, "rota.csv", &errors);
  EXPECT_FALSE(bad);
  std::vector<std::string> got;
  for (const core::Error& e : errors) got.push_back(e.ToString());
  EXPECT_EQ(got, (std::vector<std::string>{
                     "rota.csv:2:6: position_size «0» er ikke en stillingsprosent over 0 og høyst "
                     "100",
                     "rota.csv:2:10: «d» er ingen vakt i bemanningsplanen (mente du «D»?)",
                     "rota.csv:3:1: «Kari» står også på linje 2",
                     "rota.csv:3:15: «Q» er ingen vakt i bemanningsplanen",
                 }));
  errors.clear();
  EXPECT_FALSE(ReadRotaCsv("person,position_size,day1,day2\nA,100,D,D\n", plan, "r.csv", &errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message().find("7 × antall uker"), std::string::npos);
}

}  // namespace
}  // namespace agp::staffing
