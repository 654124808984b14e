#include "core/calendar.h"

#include <algorithm>

namespace agp::core {

Date EasterSunday(int year) {
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return Date::FromYmd(year, month, day);
}

std::vector<Date> PublicHolidays(int year) {
  const Date easter = EasterSunday(year);
  std::vector<Date> days = {
      Date::FromYmd(year, 1, 1),   easter.AddDays(-3), easter.AddDays(-2),
      easter,                      easter.AddDays(1),  Date::FromYmd(year, 5, 1),
      Date::FromYmd(year, 5, 17),  easter.AddDays(39), easter.AddDays(49),
      easter.AddDays(50),          Date::FromYmd(year, 12, 25), Date::FromYmd(year, 12, 26),
  };
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());  // 17 May may be Ascension Day
  return days;
}

bool IsWorkingDay(Date d) {
  if (d.weekday() >= 6) return false;
  const std::vector<Date> holidays = PublicHolidays(d.year());
  return !std::binary_search(holidays.begin(), holidays.end(), d);
}

WorkingDays::WorkingDays(int first_year, int last_year)
    : first_(Date::FromYmd(first_year, 1, 1)), last_(Date::FromYmd(last_year, 12, 31)) {
  const int32_t n = last_ - first_ + 1;
  prefix_.assign(static_cast<size_t>(n) + 1, 0);
  std::vector<uint8_t> working(static_cast<size_t>(n), 0);
  for (int32_t i = 0; i < n; ++i) working[i] = first_.AddDays(i).weekday() <= 5 ? 1 : 0;
  for (int y = first_year; y <= last_year; ++y) {
    for (Date h : PublicHolidays(y)) working[h - first_] = 0;
  }
  for (int32_t i = 0; i < n; ++i) prefix_[i + 1] = prefix_[i] + working[i];
}

int32_t WorkingDays::Count(Date a, Date b) const {
  a = std::max(a, first_);
  b = std::min(b, last_);
  if (b < a) return 0;
  return prefix_[b - first_ + 1] - prefix_[a - first_];
}

bool WorkingDays::IsWorking(Date d) const {
  if (d < first_ || d > last_) return IsWorkingDay(d);
  return prefix_[d - first_ + 1] != prefix_[d - first_];
}

}  // namespace agp::core
