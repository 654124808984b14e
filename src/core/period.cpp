#include "core/period.h"

#include <charconv>
#include <cstdio>

namespace agp::core {
namespace {

bool ParseInt(std::string_view text, int* out) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

std::optional<Period> Period::Parse(std::string_view text) {
  int year = 0;
  if (text.size() < 4 || !ParseInt(text.substr(0, 4), &year) || year < 1) return std::nullopt;
  if (text.size() == 4) return Year(year);
  if (text[4] != '-' || text.size() < 6) return std::nullopt;
  std::string_view rest = text.substr(5);
  int n = 0;
  if (rest[0] == 'T' || rest[0] == 't') {
    if (!ParseInt(rest.substr(1), &n) || rest.size() != 2 || n < 1 || n > 3) return std::nullopt;
    return Tertial(year, n);
  }
  if (rest[0] == 'Q' || rest[0] == 'q') {
    if (!ParseInt(rest.substr(1), &n) || rest.size() != 2 || n < 1 || n > 4) return std::nullopt;
    return Quarter(year, n);
  }
  if (rest.size() != 2 || !ParseInt(rest, &n) || n < 1 || n > 12) return std::nullopt;
  return Month(year, n);
}

int Period::first_month() const {
  switch (kind_) {
    case PeriodKind::kMonth: return index_;
    case PeriodKind::kTertial: return 4 * (index_ - 1) + 1;
    case PeriodKind::kQuarter: return 3 * (index_ - 1) + 1;
    case PeriodKind::kYear: return 1;
  }
  return 1;
}

int Period::last_month() const {
  switch (kind_) {
    case PeriodKind::kMonth: return index_;
    case PeriodKind::kTertial: return 4 * index_;
    case PeriodKind::kQuarter: return 3 * index_;
    case PeriodKind::kYear: return 12;
  }
  return 12;
}

Date Period::first_day() const { return Date::FromYmd(year_, first_month(), 1); }

Date Period::count_date() const {
  const int m = last_month();
  return Date::FromYmd(year_, m, DaysInMonth(year_, m));
}

std::string Period::ToString() const {
  char buf[16];
  switch (kind_) {
    case PeriodKind::kMonth: std::snprintf(buf, sizeof buf, "%04d-%02d", year_, index_); break;
    case PeriodKind::kTertial: std::snprintf(buf, sizeof buf, "%04d-T%d", year_, index_); break;
    case PeriodKind::kQuarter: std::snprintf(buf, sizeof buf, "%04d-Q%d", year_, index_); break;
    case PeriodKind::kYear: std::snprintf(buf, sizeof buf, "%04d", year_); break;
  }
  return buf;
}

std::string_view ToString(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kMonth: return "month";
    case PeriodKind::kTertial: return "tertial";
    case PeriodKind::kQuarter: return "quarter";
    case PeriodKind::kYear: return "year";
  }
  return "";
}

}  // namespace agp::core
