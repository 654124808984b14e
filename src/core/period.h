// Reporting periods of DESIGN.md §4: a month, a tertial, a quarter or a year.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

namespace agp::core {

enum class PeriodKind : uint8_t { kMonth, kTertial, kQuarter, kYear };

// A period of one calendar year. `index` is 1-based within the year (month 1–12, tertial 1–3,
// quarter 1–4) and 1 for a year. Tertials are January–April, May–August, September–December.
class Period {
 public:
  static Period Month(int year, int month) { return Period(PeriodKind::kMonth, year, month); }
  static Period Tertial(int year, int t) { return Period(PeriodKind::kTertial, year, t); }
  static Period Quarter(int year, int q) { return Period(PeriodKind::kQuarter, year, q); }
  static Period Year(int year) { return Period(PeriodKind::kYear, year, 1); }

  // "2024-03", "2024-T1", "2024-Q1" or "2024" (case-insensitive letter); nullopt otherwise.
  static std::optional<Period> Parse(std::string_view text);

  PeriodKind kind() const { return kind_; }
  int year() const { return year_; }
  int index() const { return index_; }

  // The first and last month (1–12) the period covers.
  int first_month() const;
  int last_month() const;
  Date first_day() const;
  // The count date: the period's last calendar day.
  Date count_date() const;
  // The same kind of period one year earlier (the baseline of a trend).
  Period YearBefore() const { return Period(kind_, year_ - 1, index_); }

  std::string ToString() const;

  friend auto operator<=>(const Period&, const Period&) = default;

 private:
  Period(PeriodKind kind, int year, int index) : kind_(kind), year_(year), index_(index) {}
  PeriodKind kind_;
  int year_;
  int index_;
};

std::string_view ToString(PeriodKind kind);  // "month", "tertial", "quarter", "year"

}  // namespace agp::core
