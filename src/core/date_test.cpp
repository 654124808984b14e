#include "core/date.h"

#include <gtest/gtest.h>

namespace agp::core {
namespace {

TEST(Date, EpochIsDayZeroAndAThursday) {
  const Date d = Date::FromYmd(1970, 1, 1);
  EXPECT_EQ(d.days(), 0);
  EXPECT_EQ(d.weekday(), 4);
}

TEST(Date, RoundTripsEveryDayOfFourHundredYears) {
  const Date first = Date::FromYmd(1900, 1, 1);
  const Date last = Date::FromYmd(2300, 12, 31);
  int y = 1900, m = 1, d = 1;
  for (Date x = first; x <= last; x = x.AddDays(1)) {
    ASSERT_EQ(x.year(), y);
    ASSERT_EQ(x.month(), m);
    ASSERT_EQ(x.day(), d);
    ASSERT_EQ(Date::FromYmd(y, m, d), x);
    if (++d > DaysInMonth(y, m)) {
      d = 1;
      if (++m > 12) {
        m = 1;
        ++y;
      }
    }
  }
}

TEST(Date, KnownWeekdays) {
  EXPECT_EQ(Date::FromYmd(2024, 5, 17).weekday(), 5);  // a Friday
  EXPECT_EQ(Date::FromYmd(2000, 1, 1).weekday(), 6);   // a Saturday
  EXPECT_EQ(Date::FromYmd(1969, 12, 31).weekday(), 3);
}

TEST(Date, ParsesIsoAndNorwegianForms) {
  EXPECT_EQ(ParseDate("2024-02-29"), Date::FromYmd(2024, 2, 29));
  EXPECT_EQ(ParseDate("29.02.2024"), Date::FromYmd(2024, 2, 29));
  EXPECT_EQ(ParseDate("1.2.2024"), Date::FromYmd(2024, 2, 1));
  EXPECT_EQ(ParseDate("01.2.2024"), Date::FromYmd(2024, 2, 1));
  EXPECT_EQ(ParseDate("2024-12-31")->ToIso(), "2024-12-31");
}

TEST(Date, RefusesImpossibleAndMalformedDates) {
  EXPECT_FALSE(ParseDate("2023-02-29"));
  EXPECT_FALSE(ParseDate("2024-13-01"));
  EXPECT_FALSE(ParseDate("2024-1-01"));
  EXPECT_FALSE(ParseDate("31.04.2024"));
  EXPECT_FALSE(ParseDate("1.1.24"));
  EXPECT_FALSE(ParseDate("2024/01/01"));
  EXPECT_FALSE(ParseDate(""));
  EXPECT_FALSE(ParseDate("..2024"));
  EXPECT_FALSE(ParseDate("0000-01-01"));
  EXPECT_FALSE(ParseDate("2024-01-0x"));
}

}  // namespace
}  // namespace agp::core
