#include "staffing/plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "core/field_parse.h"

namespace agp::staffing {
namespace {

using core::Error;
using core::ErrorCode;
using core::Location;

// The columns of §12 in their written order; the first eleven are required.
constexpr std::array<std::string_view, 12> kColumns = {"shift", "start", "end", "paid_minutes",
                                                       "mon",   "tue",   "wed", "thu",
                                                       "fri",   "sat",   "sun", "holiday"};
constexpr int kShift = 0, kStart = 1, kEnd = 2, kPaid = 3, kFirstDay = 4, kHolidayColumn = 11;
constexpr size_t kMaxErrors = 100;
constexpr int kMaxStaff = 999;

std::string Quote(std::string_view s) { return "«" + std::string(s) + "»"; }

// "07:30", "7:30", "07.30" (and "24:00" when `end`); in a spreadsheet also a time cell, which
// arrives as the fraction of a day ("0.3125"). Minutes after midnight, or nullopt.
std::optional<int> ParseClock(std::string_view text, bool end, bool spreadsheet) {
  const size_t sep = text.find_first_of(":.");
  if (spreadsheet && text.find(':') == std::string_view::npos) {
    if (auto v = core::ParseNumber(text); v && *v >= 0 && *v <= 1) {
      const int minute = static_cast<int>(std::lround(*v * 1440));
      if (minute < 1440 || end) return minute;
      return std::nullopt;
    }
  }
  if (sep == std::string_view::npos || sep == 0 || sep > 2 || text.size() != sep + 3) {
    return std::nullopt;
  }
  int hour = 0, minute = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == sep) continue;
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    int& part = i < sep ? hour : minute;
    part = part * 10 + (text[i] - '0');
  }
  if (minute > 59) return std::nullopt;
  const int total = hour * 60 + minute;
  if (total < 1440 || (end && total == 1440)) return total;
  return std::nullopt;
}

bool CodeCharacterOk(unsigned char c) {
  return c > ' ' && c != ',' && c != ';' && c != '"' && c != 0x7f;
}

class PlanParser {
 public:
  PlanParser(const std::string& file, bool spreadsheet) : file_(file), spreadsheet_(spreadsheet) {}

  PlanRead Run(core::TableReader& reader) {
    core::Row row;
    if (!reader.Next(&row)) {
      Fail({file_, 1, 0}, "filen er tom (overskriftsraden mangler)");
      return Finish(reader);
    }
    if (!Header(row)) return Finish(reader);
    while (out_.errors.size() < kMaxErrors && reader.Next(&row)) Shift(row);
    if (out_.errors.empty() && plan_.shifts.empty()) {
      Fail({file_, row.line, 0}, "planen har ingen vakter (én rad per vakt under overskriften)");
    }
    return Finish(reader);
  }

 private:
  void Fail(Location where, std::string message) {
    if (out_.errors.size() < kMaxErrors) {
      out_.errors.emplace_back(ErrorCode::kInvalidInput, std::move(message), std::move(where));
    }
  }
  Location At(const core::Row& row, int column) const {
    const int f = columns_[static_cast<size_t>(column)];
    if (f >= 0 && static_cast<size_t>(f) < row.fields.size()) {
      return {file_, row.line, row.fields[static_cast<size_t>(f)].column};
    }
    return {file_, row.line, 0};
  }
  std::string_view Text(const core::Row& row, int column) const {
    const int f = columns_[static_cast<size_t>(column)];
    if (f < 0 || static_cast<size_t>(f) >= row.fields.size()) return {};
    return core::Trim(row.fields[static_cast<size_t>(f)].text);
  }

  bool Header(const core::Row& row) {
    columns_.fill(-1);
    for (size_t f = 0; f < row.fields.size(); ++f) {
      const std::string name = LowerAscii(core::Trim(row.fields[f].text));
      const Location where{file_, row.line, row.fields[f].column};
      if (name.empty()) continue;
      const auto it = std::find(kColumns.begin(), kColumns.end(), name);
      if (it == kColumns.end()) {
        out_.warnings.emplace_back(ErrorCode::kInvalidInput,
                                   fmt::format("ukjent kolonne {} blir ikke lest", Quote(name)),
                                   where);
        continue;
      }
      int& slot = columns_[static_cast<size_t>(it - kColumns.begin())];
      if (slot >= 0) {
        Fail(where, fmt::format("kolonnen {} står to ganger", Quote(name)));
        continue;
      }
      slot = static_cast<int>(f);
    }
    for (int c = 0; c < kHolidayColumn; ++c) {
      if (columns_[static_cast<size_t>(c)] < 0) {
        Fail({file_, row.line, 1}, fmt::format("mangler den påkrevde kolonnen {}",
                                               Quote(kColumns[static_cast<size_t>(c)])));
      }
    }
    return out_.errors.empty();
  }

  void Shift(const core::Row& row) {
    PlanShift s;
    bool ok = true;
    auto fail = [&](int column, std::string message) {
      Fail(At(row, column), std::move(message));
      ok = false;
    };
    const std::string_view code = Text(row, kShift);
    if (code.empty()) {
      fail(kShift, "shift mangler verdi (vaktkoden, f.eks. D, A, N eller L)");
    } else if (code.size() > 10) {
      fail(kShift, fmt::format("vaktkoden {} er lengre enn 10 tegn", Quote(code)));
    } else if (!std::all_of(code.begin(), code.end(), [](char c) {
                 return CodeCharacterOk(static_cast<unsigned char>(c));
               })) {
      fail(kShift, fmt::format("vaktkoden {} har mellomrom, komma, semikolon eller anførselstegn",
                               Quote(code)));
    } else if (auto seen = lines_.find(std::string(code)); seen != lines_.end()) {
      fail(kShift, fmt::format("vaktkoden {} står også på linje {}", Quote(code), seen->second));
    } else {
      s.code = std::string(code);
      lines_.emplace(s.code, row.line);
    }
    std::optional<int> start, end;
    for (const auto& [column, is_end, into] :
         {std::tuple{kStart, false, &start}, std::tuple{kEnd, true, &end}}) {
      const std::string_view text = Text(row, column);
      if (text.empty()) {
        fail(column, fmt::format("{} mangler verdi (klokkeslett TT:MM)",
                                 kColumns[static_cast<size_t>(column)]));
        continue;
      }
      *into = ParseClock(text, is_end, spreadsheet_);
      if (!*into) {
        fail(column, fmt::format("{} er ikke et klokkeslett (TT:MM, f.eks. 07:30)", Quote(text)));
      }
    }
    if (start && end) {
      s.start_minute = *start;
      s.end_minute = *end;
      if (*start == *end % 1440) {
        fail(kEnd,
             "vakten slutter når den begynner (24 timer); en vakt er høyst 13 timer "
             "(arbeidsmiljøloven § 10-5)");
      }
    }
    const std::string_view paid = Text(row, kPaid);
    const auto minutes = core::ParseInteger(paid);
    if (paid.empty()) {
      fail(kPaid, "paid_minutes mangler verdi (vaktens lengde minus ubetalt pause, i minutter)");
    } else if (!minutes || *minutes <= 0) {
      fail(kPaid,
           fmt::format("paid_minutes {} er ikke et helt antall minutter over 0", Quote(paid)));
    } else if (ok && start && end && *minutes > s.length_minutes()) {
      fail(kPaid,
           fmt::format("paid_minutes {} er mer enn vaktens lengde {} – {} ({} minutter)", *minutes,
                       ClockText(s.start_minute), ClockText(s.end_minute), s.length_minutes()));
    } else {
      s.paid_minutes = static_cast<int>(*minutes);
    }
    for (int d = 0; d < kDayKinds; ++d) {
      const int column = kFirstDay + d;
      const std::string_view text = Text(row, column);
      const std::string_view name = kColumns[static_cast<size_t>(column)];
      if (text.empty()) {
        if (d == kHoliday) {
          s.staff[kHoliday] = -1;  // as Sunday, filled below
          continue;
        }
        fail(column, fmt::format("{} mangler verdi (antall på vakt, 0 når vakten ikke går)", name));
        continue;
      }
      const auto n = core::ParseInteger(text);
      if (!n || *n < 0 || *n > kMaxStaff) {
        fail(column,
             fmt::format("{} {} er ikke et antall fra 0 til {}", name, Quote(text), kMaxStaff));
        continue;
      }
      s.staff[static_cast<size_t>(d)] = static_cast<int>(*n);
    }
    if (s.staff[kHoliday] < 0) s.staff[kHoliday] = s.staff[kSunday];
    if (ok) plan_.shifts.push_back(std::move(s));
  }

  PlanRead Finish(core::TableReader& reader) {
    for (const Error& e : reader.problems()) {
      if (out_.errors.size() < kMaxErrors) out_.errors.push_back(e);
    }
    if (out_.errors.empty()) out_.plan = std::move(plan_);
    return std::move(out_);
  }

  const std::string& file_;
  bool spreadsheet_;
  std::array<int, kColumns.size()> columns_{};
  std::map<std::string, int> lines_;  // code → line
  Plan plan_;
  PlanRead out_;
};

}  // namespace

int PlanShift::length_minutes() const {
  return end_minute > start_minute ? end_minute - start_minute : end_minute + 1440 - start_minute;
}

int Plan::Find(std::string_view code) const {
  for (size_t i = 0; i < shifts.size(); ++i) {
    if (shifts[i].code == code) return static_cast<int>(i);
  }
  return -1;
}

PlanRead ReadPlan(core::TableReader& reader, const std::string& file, bool spreadsheet) {
  return PlanParser(file, spreadsheet).Run(reader);
}

std::string WritePlanCsv(const Plan& plan) {
  std::string out;
  for (size_t c = 0; c < kColumns.size(); ++c) {
    if (c > 0) out += ',';
    out += kColumns[c];
  }
  out += '\n';
  for (const PlanShift& s : plan.shifts) {
    out += fmt::format("{},{},{},{}", s.code, ClockText(s.start_minute), ClockText(s.end_minute),
                       s.paid_minutes);
    for (int n : s.staff) out += fmt::format(",{}", n);
    out += '\n';
  }
  return out;
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string ClockText(int minute) { return fmt::format("{:02}:{:02}", minute / 60, minute % 60); }

}  // namespace agp::staffing
