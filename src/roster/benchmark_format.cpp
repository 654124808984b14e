#include "roster/benchmark_format.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <vector>

namespace agp::roster {
namespace {

struct Field {
  std::string_view text;
  int column = 1;  // 1-based
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// The fields of a line split at `sep`, each trimmed, with the column where it starts.
std::vector<Field> Split(std::string_view line, char sep) {
  std::vector<Field> out;
  size_t at = 0;
  while (true) {
    const size_t end = line.find(sep, at);
    std::string_view raw =
        line.substr(at, end == std::string_view::npos ? line.size() - at : end - at);
    size_t lead = 0;
    while (lead < raw.size() && (raw[lead] == ' ' || raw[lead] == '\t')) ++lead;
    out.push_back({Trim(raw), static_cast<int>(at + lead) + 1});
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  return out;
}

class Reader {
 public:
  Reader(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  core::Result<Instance> Read() {
    enum class Section { kNone, kHorizon, kShifts, kStaff, kDaysOff, kOn, kOff, kCover };
    Section section = Section::kNone;
    bool horizon = false;
    // Shift ids that cannot follow, resolved once every shift is known.
    std::vector<std::vector<Field>> follow;
    std::vector<int> follow_lines;
    // Staff lines, resolved once the shifts are known.
    struct StaffLine {
      std::vector<Field> fields;
      int line;
    };
    std::vector<StaffLine> staff_lines;
    std::vector<std::pair<std::vector<Field>, int>> later;  // days off, requests, cover
    std::vector<Section> later_kind;
    int line_no = 0;
    size_t at = 0;
    while (at <= text_.size()) {
      const size_t end = text_.find('\n', at);
      std::string_view line =
          text_.substr(at, end == std::string_view::npos ? text_.size() - at : end - at);
      at = end == std::string_view::npos ? text_.size() + 1 : end + 1;
      ++line_no;
      const std::string_view t = Trim(line);
      if (t.empty() || t.front() == '#') continue;
      if (t.rfind("SECTION_", 0) == 0) {
        if (t == "SECTION_HORIZON") {
          section = Section::kHorizon;
        } else if (t == "SECTION_SHIFTS") {
          section = Section::kShifts;
        } else if (t == "SECTION_STAFF") {
          section = Section::kStaff;
        } else if (t == "SECTION_DAYS_OFF") {
          section = Section::kDaysOff;
        } else if (t == "SECTION_SHIFT_ON_REQUESTS") {
          section = Section::kOn;
        } else if (t == "SECTION_SHIFT_OFF_REQUESTS") {
          section = Section::kOff;
        } else if (t == "SECTION_COVER") {
          section = Section::kCover;
        } else {
          return Fail(line_no, 1, "unknown section «" + std::string(t) + "»");
        }
        continue;
      }
      switch (section) {
        case Section::kNone:
          return Fail(line_no, 1, "data before the first SECTION_ line");
        case Section::kHorizon: {
          if (horizon) return Fail(line_no, 1, "the horizon is given twice");
          auto days = Int(Field{t, 1}, line_no, 1, kMaxDays, "the horizon (days)");
          if (!days.ok()) return days.error();
          out_.days = *days;
          horizon = true;
          break;
        }
        case Section::kShifts: {
          std::vector<Field> f = Split(line, ',');
          if (f.size() < 2 || f.size() > 3) {
            return Fail(line_no, 1, "a shift is «ID,length in minutes,shifts that cannot follow»");
          }
          if (f[0].text.empty()) return Fail(line_no, f[0].column, "the shift has no id");
          if (out_.ShiftIndex(std::string(f[0].text)) >= 0) {
            return Fail(line_no, f[0].column,
                        "the shift «" + std::string(f[0].text) + "» is given twice");
          }
          if (static_cast<int>(out_.shifts.size()) >= kMaxShiftTypes) {
            return Fail(line_no, 1, "more than " + std::to_string(kMaxShiftTypes) + " shift types");
          }
          auto minutes = Int(f[1], line_no, 1, 24 * 60, "the shift's length in minutes");
          if (!minutes.ok()) return minutes.error();
          out_.shifts.push_back({std::string(f[0].text), *minutes, {}});
          std::vector<Field> next;
          if (f.size() == 3 && !f[2].text.empty()) {
            for (Field g : Split(f[2].text, '|')) {
              g.column += f[2].column - 1;
              next.push_back(g);
            }
          }
          follow.push_back(std::move(next));
          follow_lines.push_back(line_no);
          break;
        }
        case Section::kStaff:
          staff_lines.push_back({Split(line, ','), line_no});
          break;
        case Section::kDaysOff:
        case Section::kOn:
        case Section::kOff:
        case Section::kCover:
          later.emplace_back(Split(line, ','), line_no);
          later_kind.push_back(section);
          break;
      }
    }
    if (!horizon) return Fail(0, 0, "SECTION_HORIZON is missing");
    if (out_.shifts.empty()) return Fail(0, 0, "SECTION_SHIFTS gives no shift");
    for (size_t s = 0; s < follow.size(); ++s) {
      for (const Field& g : follow[s]) {
        if (g.text.empty()) continue;
        const int t = out_.ShiftIndex(std::string(g.text));
        if (t < 0)
          return Fail(follow_lines[s], g.column, "unknown shift «" + std::string(g.text) + "»");
        out_.shifts[s].cannot_follow.push_back(t);
      }
    }
    for (const StaffLine& l : staff_lines) {
      if (auto s = Staff(l.fields, l.line); !s.ok()) return s.error();
    }
    if (out_.staff.empty()) return Fail(0, 0, "SECTION_STAFF gives nobody");
    out_.cover.assign(static_cast<size_t>(out_.days) * out_.shifts.size(), Cover{});
    for (size_t i = 0; i < later.size(); ++i) {
      const auto& [fields, line] = later[i];
      core::Status s = core::Ok{};
      switch (later_kind[i]) {
        case Section::kDaysOff:
          s = DaysOff(fields, line);
          break;
        case Section::kOn:
        case Section::kOff:
          s = RequestLine(fields, line, later_kind[i] == Section::kOn);
          break;
        default:
          s = CoverLine(fields, line);
          break;
      }
      if (!s.ok()) return s.error();
    }
    return std::move(out_);
  }

 private:
  core::Error Fail(int line, int column, const std::string& what) const {
    return core::Error(core::ErrorCode::kInvalidInput, what, core::Location{file_, line, column});
  }

  core::Result<int> Int(const Field& f, int line, int min, int max, const std::string& what) const {
    int v = 0;
    const char* b = f.text.data();
    const char* e = b + f.text.size();
    auto [p, ec] = std::from_chars(b, e, v);
    if (f.text.empty() || ec != std::errc() || p != e) {
      return Fail(line, f.column,
                  what + " must be a whole number, not «" + std::string(f.text) + "»");
    }
    if (v < min || v > max) {
      return Fail(line, f.column,
                  what + " must be from " + std::to_string(min) + " to " + std::to_string(max) +
                      ", not " + std::to_string(v));
    }
    return v;
  }

  core::Result<int> EmployeeOf(const Field& f, int line) const {
    const int e = out_.EmployeeIndex(std::string(f.text));
    if (e < 0) return Fail(line, f.column, "unknown employee «" + std::string(f.text) + "»");
    return e;
  }
  core::Result<int> ShiftOf(const Field& f, int line) const {
    const int s = out_.ShiftIndex(std::string(f.text));
    if (s < 0) return Fail(line, f.column, "unknown shift «" + std::string(f.text) + "»");
    return s;
  }
  core::Result<int> DayOf(const Field& f, int line) const {
    return Int(f, line, 0, out_.days - 1, "the day");
  }

  core::Status Staff(const std::vector<Field>& f, int line) {
    if (f.size() != 8) {
      return Fail(line, 1,
                  "a staff line has 8 fields: ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, "
                  "MaxConsecutiveShifts, MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends");
    }
    if (f[0].text.empty()) return Fail(line, f[0].column, "the employee has no id");
    if (out_.EmployeeIndex(std::string(f[0].text)) >= 0) {
      return Fail(line, f[0].column,
                  "the employee «" + std::string(f[0].text) + "» is given twice");
    }
    if (static_cast<int>(out_.staff.size()) >= kMaxStaff) {
      return Fail(line, 1, "more than " + std::to_string(kMaxStaff) + " employees");
    }
    Employee e;
    e.id = std::string(f[0].text);
    e.max_shifts.assign(out_.shifts.size(), out_.days);  // a type not named is not limited
    if (!f[1].text.empty()) {
      for (Field g : Split(f[1].text, '|')) {
        g.column += f[1].column - 1;
        const size_t eq = g.text.find('=');
        if (eq == std::string_view::npos) {
          return Fail(line, g.column,
                      "MaxShifts is «SHIFT=N|SHIFT=N…», not «" + std::string(g.text) + "»");
        }
        auto s = ShiftOf(Field{Trim(g.text.substr(0, eq)), g.column}, line);
        if (!s.ok()) return s.error();
        auto n = Int(Field{Trim(g.text.substr(eq + 1)), g.column + static_cast<int>(eq) + 1}, line,
                     0, out_.days, "the most shifts of a type");
        if (!n.ok()) return n.error();
        e.max_shifts[static_cast<size_t>(*s)] = *n;
      }
    }
    const int most_minutes = out_.days * 24 * 60;
    int* targets[] = {&e.max_total_minutes,        &e.min_total_minutes,
                      &e.max_consecutive_shifts,   &e.min_consecutive_shifts,
                      &e.min_consecutive_days_off, &e.max_weekends};
    const char* names[] = {"MaxTotalMinutes",      "MinTotalMinutes",       "MaxConsecutiveShifts",
                           "MinConsecutiveShifts", "MinConsecutiveDaysOff", "MaxWeekends"};
    const int maxes[] = {most_minutes, most_minutes, out_.days, out_.days, out_.days, out_.days};
    for (size_t i = 0; i < 6; ++i) {
      auto v = Int(f[i + 2], line, 0, maxes[i], names[i]);
      if (!v.ok()) return v.error();
      *targets[i] = *v;
    }
    out_.staff.push_back(std::move(e));
    return core::Ok{};
  }

  core::Status DaysOff(const std::vector<Field>& f, int line) {
    auto e = EmployeeOf(f[0], line);
    if (!e.ok()) return e.error();
    Employee& emp = out_.staff[static_cast<size_t>(*e)];
    for (size_t i = 1; i < f.size(); ++i) {
      auto d = DayOf(f[i], line);
      if (!d.ok()) return d.error();
      if (std::find(emp.days_off.begin(), emp.days_off.end(), *d) == emp.days_off.end()) {
        emp.days_off.push_back(*d);
      }
    }
    std::sort(emp.days_off.begin(), emp.days_off.end());
    return core::Ok{};
  }

  core::Status RequestLine(const std::vector<Field>& f, int line, bool on) {
    if (f.size() != 4) return Fail(line, 1, "a request is «EmployeeID,Day,ShiftID,Weight»");
    auto e = EmployeeOf(f[0], line);
    if (!e.ok()) return e.error();
    auto d = DayOf(f[1], line);
    if (!d.ok()) return d.error();
    auto s = ShiftOf(f[2], line);
    if (!s.ok()) return s.error();
    auto w = Int(f[3], line, 0, 1000000, "the weight");
    if (!w.ok()) return w.error();
    (on ? out_.on_requests : out_.off_requests).push_back({*e, *d, *s, *w});
    return core::Ok{};
  }

  core::Status CoverLine(const std::vector<Field>& f, int line) {
    if (f.size() != 5) {
      return Fail(line, 1,
                  "a cover line is «Day,ShiftID,Requirement,Weight for under,Weight for over»");
    }
    auto d = DayOf(f[0], line);
    if (!d.ok()) return d.error();
    auto s = ShiftOf(f[1], line);
    if (!s.ok()) return s.error();
    auto r = Int(f[2], line, 0, kMaxStaff, "the requirement");
    if (!r.ok()) return r.error();
    auto under = Int(f[3], line, 0, 1000000, "the weight for under");
    if (!under.ok()) return under.error();
    auto over = Int(f[4], line, 0, 1000000, "the weight for over");
    if (!over.ok()) return over.error();
    out_.cover[static_cast<size_t>(*d) * out_.shifts.size() + static_cast<size_t>(*s)] =
        Cover{*r, *under, *over};
    return core::Ok{};
  }

  std::string_view text_;
  const std::string& file_;
  Instance out_;
};

}  // namespace

int Instance::ShiftIndex(const std::string& id) const {
  for (size_t i = 0; i < shifts.size(); ++i) {
    if (shifts[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

int Instance::EmployeeIndex(const std::string& id) const {
  for (size_t i = 0; i < staff.size(); ++i) {
    if (staff[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

core::Result<Instance> ReadInstance(std::string_view text, const std::string& file) {
  return Reader(text, file).Read();
}

core::Result<Roster> ReadRoster(std::string_view text, const Instance& instance,
                                const std::string& file) {
  Roster roster;
  int line_no = 0;
  size_t at = 0;
  while (at < text.size()) {
    const size_t end = text.find('\n', at);
    std::string_view line =
        text.substr(at, end == std::string_view::npos ? text.size() - at : end - at);
    at = end == std::string_view::npos ? text.size() : end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_no > static_cast<int>(instance.staff.size())) {
      if (Trim(line).empty()) continue;  // trailing blank lines
      return core::Error(
          core::ErrorCode::kInvalidInput,
          "more lines than the instance's " + std::to_string(instance.staff.size()) + " employees",
          core::Location{file, line_no, 1});
    }
    std::vector<int> days(static_cast<size_t>(instance.days), kOff);
    const std::vector<Field> cells = Split(line, '\t');
    if (static_cast<int>(cells.size()) > instance.days) {
      return core::Error(
          core::ErrorCode::kInvalidInput,
          "more cells than the horizon's " + std::to_string(instance.days) + " days",
          core::Location{file, line_no, cells[static_cast<size_t>(instance.days)].column});
    }
    for (size_t d = 0; d < cells.size(); ++d) {
      if (cells[d].text.empty()) continue;
      const int s = instance.ShiftIndex(std::string(cells[d].text));
      if (s < 0) {
        return core::Error(core::ErrorCode::kInvalidInput,
                           "unknown shift «" + std::string(cells[d].text) + "»",
                           core::Location{file, line_no, cells[d].column});
      }
      days[d] = s;
    }
    roster.push_back(std::move(days));
  }
  if (roster.size() != instance.staff.size()) {
    return core::Error(core::ErrorCode::kInvalidInput,
                       "the roster has " + std::to_string(roster.size()) + " lines; the instance " +
                           std::to_string(instance.staff.size()) + " employees",
                       core::Location{file, line_no, 0});
  }
  return roster;
}

std::string WriteRoster(const Roster& roster, const Instance& instance) {
  std::string out;
  for (const std::vector<int>& person : roster) {
    for (size_t d = 0; d < person.size(); ++d) {
      if (d > 0) out += '\t';
      if (person[d] != kOff) out += instance.shifts[static_cast<size_t>(person[d])].id;
    }
    out += '\n';
  }
  return out;
}

}  // namespace agp::roster
