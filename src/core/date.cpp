#include "core/date.h"

namespace agp::core {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days ("chrono-Compatible Low-Level Date
// Algorithms"), exact for the proleptic Gregorian calendar.
constexpr int32_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  int year, month, day;
};

constexpr Civil CivilFromDays(int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = yoe + era * 400;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp + (mp < 10 ? 3 : -9);
  return {y + (m <= 2 ? 1 : 0), m, d};
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Parses exactly `n` ASCII digits at `p`; -1 if any is not a digit.
int Digits(const char* p, int n) {
  int v = 0;
  for (int i = 0; i < n; ++i) {
    const unsigned c = static_cast<unsigned char>(p[i]) - '0';
    if (c > 9) return -1;
    v = v * 10 + static_cast<int>(c);
  }
  return v;
}

}  // namespace

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

bool Date::IsValidYmd(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

Date Date::FromYmd(int year, int month, int day) { return Date(DaysFromCivil(year, month, day)); }

int Date::year() const { return CivilFromDays(days_).year; }
int Date::month() const { return CivilFromDays(days_).month; }
int Date::day() const { return CivilFromDays(days_).day; }

int Date::weekday() const {
  // 1970-01-01 was a Thursday (4).
  const int w = static_cast<int>((static_cast<int64_t>(days_) % 7 + 7 + 3) % 7);
  return w + 1;
}

std::string Date::ToIso() const {
  const Civil c = CivilFromDays(days_);
  // Fixed width by hand: faster than snprintf, and the parts are in range by construction.
  std::string out(10, '-');
  const auto put = [&out](size_t at, int value, int width) {
    for (int i = width - 1; i >= 0; --i) {
      out[at + static_cast<size_t>(i)] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  };
  put(0, c.year, 4);
  put(5, c.month, 2);
  put(8, c.day, 2);
  return out;
}

std::optional<Date> ParseDate(std::string_view s) {
  int y = -1, m = -1, d = -1;
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    y = Digits(s.data(), 4);
    m = Digits(s.data() + 5, 2);
    d = Digits(s.data() + 8, 2);
  } else if (s.size() >= 8 && s.size() <= 10) {
    // D.M.YYYY, DD.M.YYYY, D.MM.YYYY or DD.MM.YYYY
    const size_t dot1 = s.find('.');
    if (dot1 == std::string_view::npos || dot1 == 0 || dot1 > 2) return std::nullopt;
    const size_t dot2 = s.find('.', dot1 + 1);
    if (dot2 == std::string_view::npos || dot2 - dot1 - 1 == 0 || dot2 - dot1 - 1 > 2)
      return std::nullopt;
    if (s.size() - dot2 - 1 != 4) return std::nullopt;
    d = Digits(s.data(), static_cast<int>(dot1));
    m = Digits(s.data() + dot1 + 1, static_cast<int>(dot2 - dot1 - 1));
    y = Digits(s.data() + dot2 + 1, 4);
  } else {
    return std::nullopt;
  }
  if (y < 0 || m < 0 || d < 0 || !Date::IsValidYmd(y, m, d)) return std::nullopt;
  return Date::FromYmd(y, m, d);
}

}  // namespace agp::core
