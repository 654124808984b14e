// The benchmark's formats and the exact checker (DESIGN §12): every hard rule broken once on a
// hand-made instance, the objective worked out by hand, round trips, and every public instance read
// with the sizes the benchmark publishes.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "roster/benchmark_format.h"
#include "roster/checker.h"
#include "roster/schedule_dp.h"

namespace agp::roster {
namespace {

// Two weeks, two shift types (E may not follow L), three people.
constexpr std::string_view kTiny = R"(# a hand-made instance
SECTION_HORIZON
14

SECTION_SHIFTS
# ShiftID, Length in mins, Shifts which cannot follow this shift | separated
E,480,
L,600,E

SECTION_STAFF
# ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends
A,E=10|L=3,5400,2400,5,2,2,1
B,E=14|L=14,8000,0,6,1,1,2
C,E=14,8000,0,14,1,1,2

SECTION_DAYS_OFF
# EmployeeID, DayIndexes (start at zero)
A,13
B,0,1

SECTION_SHIFT_ON_REQUESTS
A,2,E,2
B,3,L,3

SECTION_SHIFT_OFF_REQUESTS
A,4,E,5
C,7,E,1

SECTION_COVER
0,E,1,100,1
1,E,1,100,1
2,E,2,100,1
)";

Instance Tiny() {
  auto in = ReadInstance(kTiny, "tiny.txt");
  EXPECT_TRUE(in.ok()) << (in.ok() ? "" : in.error().ToString());
  return in.ok() ? std::move(in).value() : Instance{};
}

Roster FromText(const Instance& in, std::string_view text) {
  auto r = ReadRoster(text, in, "roster.txt");
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().ToString());
  return r.ok() ? std::move(r).value() : Roster{};
}

std::string Cells(const std::string& row) {  // "EE..L" → tab-separated, '.' = off
  std::string out;
  for (size_t i = 0; i < row.size(); ++i) {
    if (i) out += '\t';
    if (row[i] != '.') out += row[i];
  }
  return out;
}

TEST(RosterFormat, ReadsTheSectionsOfTheBenchmark) {
  const Instance in = Tiny();
  EXPECT_EQ(in.days, 14);
  ASSERT_EQ(in.shifts.size(), 2u);
  EXPECT_EQ(in.shifts[1].cannot_follow, std::vector<int>{0});
  ASSERT_EQ(in.staff.size(), 3u);
  EXPECT_EQ(in.staff[0].max_shifts, (std::vector<int>{10, 3}));
  EXPECT_EQ(in.staff[2].max_shifts, (std::vector<int>{14, 14}));  // L not named: not limited
  EXPECT_EQ(in.staff[0].min_total_minutes, 2400);
  EXPECT_EQ(in.staff[1].days_off, (std::vector<int>{0, 1}));
  EXPECT_EQ(in.on_requests.size(), 2u);
  EXPECT_EQ(in.off_requests.size(), 2u);
  EXPECT_EQ(in.CoverOf(2, 0).requirement, 2);
  EXPECT_EQ(in.CoverOf(3, 0).requirement, 0);  // not given: nothing required
}

TEST(RosterFormat, ErrorsSayWhereAndWhat) {
  struct Bad {
    std::string_view text;
    std::string expected;
  };
  const Bad cases[] = {
      {"SECTION_HORIZON\nfourteen\n", "t.txt:2:1: the horizon (days) must be a whole number"},
      {"SECTION_HORIZON\n7\nSECTION_SHIFTS\nE,480,X\n", "t.txt:4:7: unknown shift «X»"},
      {"SECTION_HORIZON\n7\nSECTION_SHIFTS\nE,480,\nSECTION_STAFF\nA,E=3,1,0,1,1,1\n",
       "t.txt:6:1: a staff line has 8 fields"},
      {"SECTION_HORIZON\n7\nSECTION_SHIFTS\nE,480,\nSECTION_STAFF\nA,E=3,1,0,1,1,1,1\n"
       "SECTION_COVER\n7,E,1,100,1\n",
       "t.txt:8:1: the day must be from 0 to 6, not 7"},
      {"SECTION_HORIZON\n7\nSECTION_SHIFTS\nE,480,\nSECTION_STAFF\nA,E=3,1,0,1,1,1,1\n"
       "SECTION_DAYS_OFF\nZ,1\n",
       "t.txt:8:1: unknown employee «Z»"},
      {"SECTION_HORIZON\n7\nSECTION_SHIFTS\nE,480,\nSECTION_STAFF\nA,E3,1,0,1,1,1,1\n",
       "t.txt:6:3: MaxShifts is «SHIFT=N|SHIFT=N…»"},
      {"SECTION_HORIZON\n99999\n", "t.txt:2:1: the horizon (days) must be from 1 to 3660"},
      {"SECTION_WHAT\n", "t.txt:1:1: unknown section"},
      {"7\n", "t.txt:1:1: data before the first SECTION_ line"},
  };
  for (const Bad& b : cases) {
    auto in = ReadInstance(b.text, "t.txt");
    ASSERT_FALSE(in.ok()) << b.text;
    EXPECT_EQ(in.error().ToString().find(b.expected) != std::string::npos, true)
        << in.error().ToString() << "\nexpected: " << b.expected;
  }
  const Instance in = Tiny();
  auto r = ReadRoster("E\tX\n\n\n", in, "r.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().ToString().find("r.txt:1:3: unknown shift «X»"), std::string::npos)
      << r.error().ToString();
  EXPECT_FALSE(ReadRoster("E\n", in, "r.txt").ok());  // one line for three employees
}

TEST(RosterFormat, ARosterSurvivesTheRoundTrip) {
  const Instance in = Tiny();
  const Roster r = FromText(in, Cells("EEL..EEE..E...") + "\n" + Cells("..LL..EE..LL..") + "\n\n");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0][2], 1);
  EXPECT_EQ(r[2], std::vector<int>(14, kOff));
  EXPECT_EQ(FromText(in, WriteRoster(r, in)), r);
}

// A roster that keeps every hard rule, and its objective worked out by hand.
TEST(RosterChecker, TheObjectiveIsTheWeightedSoftPenalties) {
  const Instance in = Tiny();
  // A: E on 0–4, off 5–6, E on 7–11: 10 × 480 = 4800 minutes, no weekend (Saturdays are days 5
  // and 12). B: off 0–1 (days off), L on 2–3. C: E on day 2 only.
  const Roster r = FromText(in, Cells("EEEEE..EEEEE..") + "\n" + Cells("..LL..........") + "\n" +
                                    Cells("..E...........") + "\n");
  const Check c = CheckRoster(in, r);
  for (const Violation& v : c.violations) ADD_FAILURE() << v.text;
  EXPECT_TRUE(c.feasible());
  // On requests: A wants E on day 2 (met); B wants L on day 3 (met): 0.
  EXPECT_EQ(c.on_requests, 0);
  // Off requests: A does not want E on day 4 (worked: 5); C not E on day 7 (off): 0.
  EXPECT_EQ(c.off_requests, 5);
  // Cover of E: day 0 wants 1 (A), day 1 wants 1 (A), day 2 wants 2 (A and C): met. Days and
  // shifts without a cover line require nobody and weigh nothing.
  EXPECT_EQ(c.cover_under, 0);
  EXPECT_EQ(c.cover_over, 0);
  EXPECT_EQ(c.objective(), 5);
  // One more on day 0 is over by one, weight 1.
  Roster over = r;
  over[2][0] = 0;
  EXPECT_EQ(CheckRoster(in, over).cover_over, 1);
  // Nobody on day 2: two under at 100 each, and A's request unmet (2), C's E on day 2 gone.
  Roster r2 = r;
  r2[0][2] = kOff;
  r2[2][2] = kOff;
  const Check c2 = CheckRoster(in, r2);
  EXPECT_EQ(c2.cover_under, 200);
  EXPECT_EQ(c2.on_requests, 2);
}

// Each hard rule broken once, and only that rule reported.
TEST(RosterChecker, EveryHardRuleBrokenOnceIsNamed) {
  const Instance in = Tiny();
  struct Case {
    std::string a;  // A's row; B and C are off except where a case needs them
    std::string b;
    Rule rule;
    std::string words;
  };
  const Case cases[] = {
      {"EEEEE..LE.....", "..............", Rule::kShiftFollows,
       "E on day 8 may not follow L on day 7"},
      {"LL...LL...L...", "..............", Rule::kMaxShifts, "5 L shifts, at most 3"},
      {"EEEEE..EEEEE..", "..EEEEEEE.....", Rule::kMaxConsecutiveShifts,
       "employee B: 7 shifts in a row"},
      {"EEE.E..EEEEE..", "..............", Rule::kMinConsecutiveShifts,
       "1 shifts in a row from day 4"},
      {"EEEE.EEE.EEE..", "..............", Rule::kMinConsecutiveDaysOff,
       "1 days off in a row from day 4"},
      {"EE.....EE.....", "..............", Rule::kMinTotalMinutes, "1920 minutes, at least 2400"},
      {"EEEEELLLEEEEE.", "..............", Rule::kMaxTotalMinutes, "6600 minutes, at most 5400"},
      {"EEE..EE....EE.", "..............", Rule::kMaxWeekends, "2 weekends, at most 1"},
      {"..EEEEE..EEEEE", "..............", Rule::kDayOff, "works on day 13, a day off"},
  };
  for (const Case& k : cases) {
    const Roster r = FromText(in, Cells(k.a) + "\n" + Cells(k.b) + "\n\n");
    const Check c = CheckRoster(in, r);
    bool found = false;
    std::string all;
    for (const Violation& v : c.violations) {
      all += v.text + "\n";
      if (v.rule == k.rule && v.text.find(k.words) != std::string::npos) found = true;
    }
    EXPECT_TRUE(found) << "expected «" << k.words << "» for " << k.a << " / " << k.b << ", got:\n"
                       << all;
  }
}

TEST(RosterChecker, RunsTouchingTheHorizonsEndsAreExemptFromTheMinimums) {
  const Instance in = Tiny();
  // A: one shift on day 0 (a run touching the start), one day off on day 13 is a day off anyway;
  // one shift on day 12 then day 13 off: day 12's run is inside (ends before 13) → too short.
  const Roster starts = FromText(in, Cells("E..EEEEE..EE..") + "\n\n\n");
  for (const Violation& v : CheckRoster(in, starts).violations) {
    EXPECT_NE(v.rule, Rule::kMinConsecutiveShifts) << v.text;
  }
  const Roster ends = FromText(in, Cells("..EEEEE..EEEEE") + "\n\n\n");  // ends on day 13: exempt
  for (const Violation& v : CheckRoster(in, ends).violations) {
    EXPECT_NE(v.rule, Rule::kMinConsecutiveShifts) << v.text;
    EXPECT_NE(v.rule, Rule::kMinConsecutiveDaysOff) << v.text;
  }
}

// The weekly rest of Norwegian rotas (arbeidsmiljøloven § 10-8 (2)): one day shift D 07:00–15:00
// and a night N 22:00–08:00, 35 h free within every calendar week, two weeks.
Instance RestInstance() {
  Instance in;
  in.days = 14;
  in.weekly_rest_minutes = 35 * 60;
  in.shifts = {{"D", 480, {}, 7 * 60, 480}, {"N", 600, {0}, 22 * 60, 600}};  // N may not precede D
  Employee e;
  e.id = "A";
  e.max_shifts = {14, 14};
  e.max_total_minutes = 14 * 600;
  e.min_total_minutes = 0;
  e.max_consecutive_shifts = 14;
  e.min_consecutive_shifts = 1;
  e.min_consecutive_days_off = 1;
  e.max_weekends = 2;
  in.staff = {e};
  in.cover.assign(static_cast<size_t>(in.days) * 2, Cover{});
  return in;
}

std::vector<int> Row(const std::string& cells) {
  std::vector<int> row;
  for (char c : cells) row.push_back(c == 'D' ? 0 : c == 'N' ? 1 : kOff);
  return row;
}

TEST(RosterWeeklyRest, TheLongestFreePeriodIsCountedInsideEachCalendarWeek) {
  const Instance in = RestInstance();
  // Wednesday off between day shifts: Tuesday 15:00 to Thursday 07:00, 40 h.
  EXPECT_EQ(LongestFreeInWeek(in, Row("DD.DDDDDDDDDDD"), 0), 40 * 60);
  // Monday off: the week begins at Monday 00:00 (free before the horizon), so 31 h.
  EXPECT_EQ(LongestFreeInWeek(in, Row(".DDDDDDDDDDDDD"), 0), 31 * 60);
  // Sunday off: Saturday 15:00 to the week's end, 33 h; the next week gets Monday to 07:00.
  EXPECT_EQ(LongestFreeInWeek(in, Row("DDDDDD.DDDDDDD"), 0), 33 * 60);
  EXPECT_EQ(LongestFreeInWeek(in, Row("DDDDDD.DDDDDDD"), 1), 16 * 60);
  // A night on Sunday takes the next Monday until 08:00; the rest of week 2 off from Tuesday.
  EXPECT_EQ(LongestFreeInWeek(in, Row("DDDDD.N.DDDDDD"), 1), 23 * 60);
  EXPECT_EQ(LongestFreeInWeek(in, Row(".............."), 1), 7 * 24 * 60);
  std::vector<Violation> broken;
  CheckEmployee(in, 0, Row("DDDDDD.DDDDDDD"), &broken);
  ASSERT_EQ(broken.size(), 2u);  // both weeks short
  EXPECT_EQ(broken[0].rule, Rule::kWeeklyRest);
  EXPECT_NE(broken[0].text.find("week 1 is free for 1980 minutes"), std::string::npos)
      << broken[0].text;
  broken.clear();
  CheckEmployee(in, 0, Row("DD.DDDDDD.DDDD"), &broken);
  EXPECT_TRUE(broken.empty()) << broken[0].text;
}

TEST(RosterWeeklyRest, TheScheduleProgrammeHoldsItExactly) {
  Instance in = RestInstance();
  // Every day shift is worth working; nights are not.
  std::vector<double> cost(static_cast<size_t>(in.days) * 2, 0);
  for (int d = 0; d < in.days; ++d) {
    cost[static_cast<size_t>(d) * 2] = -1;
    cost[static_cast<size_t>(d) * 2 + 1] = 5;
  }
  // Without the rule: every day.
  in.weekly_rest_minutes = 0;
  auto all = BestSchedule(in, 0, cost, 1);
  ASSERT_TRUE(all);
  EXPECT_EQ(std::count(all->begin(), all->end(), 0), 14);
  // With it: one day off a week, and not on a Monday or a Sunday (31 h and 33 h are too short).
  in.weekly_rest_minutes = 35 * 60;
  auto rested = BestSchedule(in, 0, cost, 1);
  ASSERT_TRUE(rested);
  EXPECT_EQ(std::count(rested->begin(), rested->end(), 0), 12);
  std::vector<Violation> broken;
  CheckEmployee(in, 0, *rested, &broken);
  for (const Violation& v : broken) ADD_FAILURE() << v.text;
  for (int week = 0; week < 2; ++week) {
    EXPECT_NE((*rested)[static_cast<size_t>(7 * week)], kOff) << "a Monday off";
    EXPECT_NE((*rested)[static_cast<size_t>(7 * week + 6)], kOff) << "a Sunday off";
  }
  // 48 h asked: a single day off between day shifts gives 40 h, so two days in a row a week
  // (Saturday 15:00 → Monday 07:00 does not count: the week ends at Sunday 24:00).
  in.weekly_rest_minutes = 48 * 60;
  auto longer = BestSchedule(in, 0, cost, 1);
  ASSERT_TRUE(longer);
  EXPECT_EQ(std::count(longer->begin(), longer->end(), 0), 10);
  broken.clear();
  CheckEmployee(in, 0, *longer, &broken);
  for (const Violation& v : broken) ADD_FAILURE() << v.text;
  // At most 40 h a week (2400 minutes), with the 35 h rest and ten shifts' minutes to work: five
  // day shifts each week (the week's minutes carry a price, so the programme must find it).
  in.weekly_rest_minutes = 35 * 60;
  in.max_week_minutes = 2400;
  in.staff[0].min_total_minutes = 10 * 480;
  auto capped = BestSchedule(in, 0, cost, 1);
  ASSERT_TRUE(capped);
  EXPECT_EQ(std::count(capped->begin(), capped->end(), 0), 10);
  broken.clear();
  CheckEmployee(in, 0, *capped, &broken);
  for (const Violation& v : broken) ADD_FAILURE() << v.text;
  CheckEmployee(in, 0, Row("DD.DDDDDD.DDDD"), &broken);
  ASSERT_EQ(broken.size(), 2u);  // six day shifts in each week
  EXPECT_EQ(broken[0].rule, Rule::kMaxWeekMinutes);
  EXPECT_NE(broken[0].text.find("2880 minutes in week 1, at most 2400"), std::string::npos)
      << broken[0].text;
}

// The 24 public instances (../shared/roster/) read, with the published sizes.
TEST(RosterFormat, EveryPublicInstanceReadsWithItsPublishedSize) {
  const std::filesystem::path dir = std::filesystem::path(AGP_SHARED_DIR) / "roster";
  if (!std::filesystem::exists(dir / "Instance1.txt")) GTEST_SKIP() << dir << " is not here";
  struct Size {
    int days, staff, shifts;
  };
  const Size sizes[] = {{14, 8, 1},    {14, 14, 2},   {14, 20, 3},    {28, 10, 2},   {28, 16, 2},
                        {28, 18, 3},   {28, 20, 3},   {28, 30, 4},    {28, 36, 4},   {28, 40, 5},
                        {28, 50, 6},   {28, 60, 10},  {28, 120, 18},  {42, 32, 4},   {42, 45, 6},
                        {56, 20, 3},   {56, 32, 4},   {84, 22, 3},    {84, 40, 5},   {182, 50, 6},
                        {182, 100, 8}, {364, 50, 10}, {364, 100, 16}, {364, 150, 32}};
  for (int i = 1; i <= 24; ++i) {
    const std::filesystem::path p = dir / ("Instance" + std::to_string(i) + ".txt");
    std::ifstream f(p);
    std::stringstream text;
    text << f.rdbuf();
    auto in = ReadInstance(text.str(), p.filename().string());
    ASSERT_TRUE(in.ok()) << in.error().ToString();
    const Size& s = sizes[i - 1];
    EXPECT_EQ(in->days, s.days) << i;
    EXPECT_EQ(static_cast<int>(in->staff.size()), s.staff) << i;
    EXPECT_EQ(static_cast<int>(in->shifts.size()), s.shifts) << i;
    // The empty roster keeps the upper limits and breaks the minimums; its objective is the
    // whole cover and the on-requests.
    const Check empty =
        CheckRoster(*in, Roster(in->staff.size(), std::vector<int>(in->days, kOff)));
    EXPECT_GT(empty.cover_under, 0) << i;
    EXPECT_EQ(empty.off_requests, 0) << i;
  }
}

}  // namespace
}  // namespace agp::roster
