#include "core/calendar.h"

#include <gtest/gtest.h>

#include "core/period.h"

namespace agp::core {
namespace {

Date D(int y, int m, int d) { return Date::FromYmd(y, m, d); }

TEST(Calendar, EasterSundayMatchesPublishedDates) {
  EXPECT_EQ(EasterSunday(2019), D(2019, 4, 21));
  EXPECT_EQ(EasterSunday(2024), D(2024, 3, 31));
  EXPECT_EQ(EasterSunday(2025), D(2025, 4, 20));
  EXPECT_EQ(EasterSunday(2038), D(2038, 4, 25));  // the latest possible
  EXPECT_EQ(EasterSunday(2285), D(2285, 3, 22));  // the earliest possible
}

TEST(Calendar, HolidaysOf2024AreTheNorwegianOnes) {
  const std::vector<Date> expected = {D(2024, 1, 1),  D(2024, 3, 28),  D(2024, 3, 29),
                                      D(2024, 3, 31), D(2024, 4, 1),   D(2024, 5, 1),
                                      D(2024, 5, 9),  D(2024, 5, 17),  D(2024, 5, 19),
                                      D(2024, 5, 20), D(2024, 12, 25), D(2024, 12, 26)};
  EXPECT_EQ(PublicHolidays(2024), expected);
}

TEST(Calendar, AscensionOnSeventeenthOfMayIsOneHoliday) {
  // 2012: Easter 8 April, Ascension Day 17 May.
  EXPECT_EQ(PublicHolidays(2012).size(), 11u);
}

TEST(Calendar, ChristmasEveAndNewYearsEveAreWorkingDays) {
  EXPECT_TRUE(IsWorkingDay(D(2024, 12, 24)));   // Tuesday
  EXPECT_TRUE(IsWorkingDay(D(2024, 12, 31)));   // Tuesday
  EXPECT_FALSE(IsWorkingDay(D(2024, 12, 25)));  // Wednesday, Christmas Day
  EXPECT_FALSE(IsWorkingDay(D(2024, 3, 30)));   // Easter Saturday
}

TEST(Calendar, WorkingDaysOfMonthsAndYears) {
  const WorkingDays w(2023, 2025);
  EXPECT_EQ(w.Count(D(2024, 3, 1), D(2024, 3, 31)), 19);  // 21 weekdays − Maundy Thu, Good Fri
  EXPECT_EQ(w.Count(D(2024, 4, 1), D(2024, 4, 30)), 21);  // 22 weekdays − Easter Monday
  EXPECT_EQ(w.Count(D(2024, 5, 1), D(2024, 5, 31)), 19);  // 23 − 1, 9, 17, 20 May
  EXPECT_EQ(w.Count(D(2024, 1, 1), D(2024, 12, 31)), 252);  // 262 weekdays − 10 holidays
  EXPECT_EQ(w.Count(D(2023, 1, 1), D(2023, 12, 31)), 251);  // 260 weekdays − 9 (1 Jan is a Sunday)
  EXPECT_EQ(w.Count(D(2024, 3, 5), D(2024, 3, 4)), 0);
}

TEST(Calendar, WorkingDaysClampToTheCoveredYears) {
  const WorkingDays w(2024, 2024);
  EXPECT_EQ(w.Count(D(2020, 1, 1), D(2024, 1, 31)), 22);
  EXPECT_EQ(w.Count(D(2024, 12, 1), D(2030, 1, 1)), 20);
  for (Date d = D(2024, 1, 1); d <= D(2024, 12, 31); d = d.AddDays(1)) {
    ASSERT_EQ(w.IsWorking(d), IsWorkingDay(d)) << d.ToIso();
  }
}

TEST(Period, ParsesAndPrintsTheFourKinds) {
  for (const char* text : {"2024", "2024-T1", "2024-T3", "2024-Q4", "2024-03", "2024-12"}) {
    auto p = Period::Parse(text);
    ASSERT_TRUE(p.has_value()) << text;
    EXPECT_EQ(p->ToString(), text);
  }
  for (const char* bad : {"", "24", "2024-", "2024-13", "2024-00", "2024-T4", "2024-Q5", "2024-3",
                          "2024-Q", "2024/03", "20x4"}) {
    EXPECT_FALSE(Period::Parse(bad).has_value()) << bad;
  }
  EXPECT_EQ(Period::Parse("2024-q2")->ToString(), "2024-Q2");
}

TEST(Period, CountDateIsTheLastDay) {
  EXPECT_EQ(Period::Parse("2024-02")->count_date(), D(2024, 2, 29));
  EXPECT_EQ(Period::Parse("2024-T1")->count_date(), D(2024, 4, 30));
  EXPECT_EQ(Period::Parse("2024-T2")->first_day(), D(2024, 5, 1));
  EXPECT_EQ(Period::Parse("2024-Q3")->count_date(), D(2024, 9, 30));
  EXPECT_EQ(Period::Parse("2024")->count_date(), D(2024, 12, 31));
}

}  // namespace
}  // namespace agp::core
