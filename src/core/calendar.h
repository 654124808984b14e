// The Norwegian working-day calendar of DESIGN.md §4 (SSB/NAV sykefravær: agreed day-works count
// Monday–Friday except public holidays).
#pragma once

#include <cstdint>
#include <vector>

#include "core/date.h"

namespace agp::core {

// Easter Sunday of a Gregorian year (the anonymous Gregorian computus, Meeus/Jones/Butcher).
Date EasterSunday(int year);

// The public holidays (helligdager) of lov om helligdager og helligdagsfred §1 and 1 and 17 May
// (lov om 1. og 17. mai som høgtidsdager): 1 Jan, Maundy Thursday, Good Friday, Easter Sunday
// and Monday, 1 May, 17 May, Ascension Day, Whit Sunday and Monday, 25 and 26 Dec; in date order.
std::vector<Date> PublicHolidays(int year);

// Monday–Friday and not a public holiday. 24 and 31 December are working days.
bool IsWorkingDay(Date d);

// Working days of a span of years, as a prefix sum: Count(a, b) answers in O(1).
class WorkingDays {
 public:
  // Covers 1 January of `first_year` to 31 December of `last_year`; dates outside are clamped,
  // so a span reaching beyond counts only its part inside.
  WorkingDays(int first_year, int last_year);

  // Working days in [a, b], both inclusive; 0 when b < a.
  int32_t Count(Date a, Date b) const;
  bool IsWorking(Date d) const;
  Date first() const { return first_; }
  Date last() const { return last_; }

 private:
  Date first_;
  Date last_;
  std::vector<int32_t> prefix_;  // prefix_[i] = working days in [first_, first_ + i)
};

}  // namespace agp::core
