// Calendar dates as day numbers: cheap to store, compare and subtract.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace agp::core {

// A proleptic Gregorian calendar date, stored as days since 1970-01-01 (which is day 0).
// Valid for years 1..9999. Comparison and subtraction work on the day number.
class Date {
 public:
  constexpr Date() = default;
  constexpr explicit Date(int32_t days_since_epoch) : days_(days_since_epoch) {}

  // Builds a date from its parts; the parts must form a real date (checked by IsValidYmd).
  static Date FromYmd(int year, int month, int day);
  static bool IsValidYmd(int year, int month, int day);

  int32_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  // 1 = Monday … 7 = Sunday (ISO 8601).
  int weekday() const;

  // "YYYY-MM-DD".
  std::string ToIso() const;

  Date AddDays(int32_t n) const { return Date(days_ + n); }
  friend int32_t operator-(Date a, Date b) { return a.days_ - b.days_; }
  friend auto operator<=>(Date a, Date b) = default;

 private:
  int32_t days_ = 0;
};

// Days in a month of a year (leap years included).
int DaysInMonth(int year, int month);

// Parses "YYYY-MM-DD" or "DD.MM.YYYY" (one-digit day and month allowed in the dotted form).
// Returns nullopt for anything else, including impossible dates such as 2023-02-29.
std::optional<Date> ParseDate(std::string_view text);

}  // namespace agp::core
