#include "staffing/rota.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <utility>

#include "core/field_parse.h"

namespace agp::staffing {
namespace {

using core::Error;
using core::ErrorCode;
using core::Location;

constexpr int kDay = 24 * 60;
constexpr int kWeek = 7 * kDay;
constexpr int kMaxWeeks = 52;
constexpr size_t kMaxErrors = 100;

constexpr std::array<const char*, 7> kWeekdays = {"mandag", "tirsdag", "onsdag", "torsdag",
                                                  "fredag", "lørdag",  "søndag"};

std::string Hours(double minutes) {
  std::string s = fmt::format("{:.1f}", minutes / 60.0);
  std::replace(s.begin(), s.end(), '.', ',');
  return s + " t";
}

// A worked shift on the rota's timeline, minutes from day 1 00:00.
struct Span {
  int start = 0, end = 0;
  int day = 0, shift = 0;
};

std::vector<Span> SpansOf(const Plan& plan, const RotaPerson& p) {
  std::vector<Span> out;
  for (size_t d = 0; d < p.cells.size(); ++d) {
    if (p.cells[d] < 0) continue;
    const PlanShift& s = plan.shifts[static_cast<size_t>(p.cells[d])];
    const int start = static_cast<int>(d) * kDay + s.start_minute;
    out.push_back({start, start + s.length_minutes(), static_cast<int>(d), p.cells[d]});
  }
  return out;
}

}  // namespace

core::Result<RotaRules> RotaRules::FromData(const WorkingTimeRules& rules, core::Date day,
                                            double weekend_frequency, double full_time_hours,
                                            bool agreed_rest) {
  RotaRules r;
  r.weekend_frequency = weekend_frequency;
  r.full_time_hours = full_time_hours;
  struct Want {
    const char* key;
    int* minutes;
    std::string* source;
  };
  const Want wants[] = {
      {agreed_rest ? "daily_rest_agreed_hours" : "daily_rest_hours", &r.daily_rest_minutes,
       &r.daily_rest_source},
      {agreed_rest ? "weekly_rest_agreed_hours" : "weekly_rest_hours", &r.weekly_rest_minutes,
       &r.weekly_rest_source},
      {"max_shift_hours", &r.max_shift_minutes, &r.max_shift_source},
      {"max_week_hours", &r.max_week_minutes, &r.max_week_source},
  };
  for (const Want& w : wants) {
    const WorkingTimeRule* rule = rules.Find(w.key, day);
    if (rule == nullptr) {
      return Error(
          ErrorCode::kNotFound,
          fmt::format("working_time.csv har ingen regel «{}» i kraft {}", w.key, day.ToIso()));
    }
    *w.minutes = static_cast<int>(std::lround(rule->value * 60));
    *w.source = rule->source;
    if (!w.source->empty())
      (*w.source)[0] = static_cast<char>(std::tolower(static_cast<unsigned char>((*w.source)[0])));
  }
  return r;
}

std::optional<Rota> ReadRota(core::TableReader& reader, const Plan& plan, const std::string& file,
                             std::vector<core::Error>* errors) {
  const size_t errors_before = errors->size();
  auto fail = [&](Location where, std::string message) {
    if (errors->size() - errors_before < kMaxErrors) {
      errors->emplace_back(ErrorCode::kInvalidInput, std::move(message), std::move(where));
    }
  };
  core::Row row;
  if (!reader.Next(&row)) {
    fail({file, 1, 0}, "filen er tom (overskriftsraden mangler)");
    return std::nullopt;
  }
  // Header: person, position_size, day1 … dayN, in that order.
  const size_t n_fields = row.fields.size();
  const int days = static_cast<int>(n_fields) - 2;
  auto name_at = [&](size_t f) { return LowerAscii(core::Trim(row.fields[f].text)); };
  if (n_fields < 2 || name_at(0) != "person" || name_at(1) != "position_size") {
    fail({file, row.line, 1}, "overskriften skal begynne med person,position_size");
    return std::nullopt;
  }
  if (days < 7 || days % 7 != 0 || days / 7 > kMaxWeeks) {
    fail({file, row.line, n_fields > 2 ? row.fields[2].column : 1},
         fmt::format("rotaen har {} dagkolonner; den skal ha 7 × antall uker (day1 … dayN, "
                     "høyst {} uker)",
                     std::max(days, 0), kMaxWeeks));
    return std::nullopt;
  }
  for (int d = 0; d < days; ++d) {
    const size_t f = static_cast<size_t>(d) + 2;
    if (name_at(f) != fmt::format("day{}", d + 1)) {
      fail({file, row.line, row.fields[f].column},
           fmt::format("kolonne {} skal hete day{}, ikke «{}»", f + 1, d + 1,
                       core::Trim(row.fields[f].text)));
    }
  }
  Rota rota;
  rota.weeks = days / 7;
  std::map<std::string, int> seen;  // person → line
  while (reader.Next(&row) && errors->size() - errors_before < kMaxErrors) {
    RotaPerson p;
    auto at = [&](size_t f) {
      return Location{file, row.line, f < row.fields.size() ? row.fields[f].column : 0};
    };
    auto cell = [&](size_t f) {
      return f < row.fields.size() ? core::Trim(row.fields[f].text) : std::string_view{};
    };
    if (row.fields.size() > n_fields) {
      fail(at(n_fields),
           fmt::format("raden har {} felt; overskriften har {}", row.fields.size(), n_fields));
    }
    p.name = std::string(cell(0));
    if (p.name.empty()) {
      fail(at(0), "person mangler verdi (navn eller nummer på stillingen)");
    } else if (auto [it, added] = seen.emplace(p.name, row.line); !added) {
      fail(at(0), fmt::format("«{}» står også på linje {}", p.name, it->second));
    }
    const auto size = core::ParseNumber(cell(1));
    if (!size || *size <= 0 || *size > 100) {
      fail(at(1), fmt::format("position_size «{}» er ikke en stillingsprosent over 0 og høyst 100",
                              cell(1)));
    } else {
      p.position_size = *size;
    }
    p.cells.assign(static_cast<size_t>(days), -1);
    for (int d = 0; d < days; ++d) {
      const std::string_view code = cell(static_cast<size_t>(d) + 2);
      if (code.empty()) continue;
      const int s = plan.Find(code);
      if (s < 0) {
        std::string hint;
        for (const PlanShift& ps : plan.shifts) {
          if (LowerAscii(ps.code) == LowerAscii(code))
            hint = fmt::format(" (mente du «{}»?)", ps.code);
        }
        fail(at(static_cast<size_t>(d) + 2),
             fmt::format("«{}» er ingen vakt i bemanningsplanen{}", code, hint));
        continue;
      }
      p.cells[static_cast<size_t>(d)] = s;
    }
    rota.persons.push_back(std::move(p));
  }
  for (const Error& e : reader.problems()) {
    if (errors->size() - errors_before < kMaxErrors) errors->push_back(e);
  }
  if (errors->size() > errors_before) return std::nullopt;
  return rota;
}

std::string WriteRotaCsv(const Rota& rota, const Plan& plan) {
  std::string out = "person,position_size";
  for (int d = 0; d < rota.days(); ++d) out += fmt::format(",day{}", d + 1);
  out += '\n';
  for (const RotaPerson& p : rota.persons) {
    // Names are quoted when they hold a separator or a quote (RFC 4180).
    std::string name = p.name;
    if (name.find_first_of(",;\"\n\r") != std::string::npos) {
      std::string quoted = "\"";
      for (char c : name) {
        if (c == '"') quoted += '"';
        quoted += c;
      }
      name = quoted + "\"";
    }
    out += fmt::format("{},{}", name, p.position_size);
    for (int s : p.cells) {
      out += ',';
      if (s >= 0) out += plan.shifts[static_cast<size_t>(s)].code;
    }
    out += '\n';
  }
  return out;
}

int LongestFreeMinutes(const Plan& plan, const std::vector<int>& cells, int week) {
  const int horizon = static_cast<int>(cells.size()) * kDay;
  // What the person works, as intervals of the rota's timeline; a shift that runs past the
  // rota's end continues into week 1 (the rota repeats).
  std::vector<std::pair<int, int>> busy;
  for (size_t d = 0; d < cells.size(); ++d) {
    if (cells[d] < 0) continue;
    const PlanShift& s = plan.shifts[static_cast<size_t>(cells[d])];
    const int start = static_cast<int>(d) * kDay + s.start_minute;
    const int end = start + s.length_minutes();
    busy.emplace_back(start, std::min(end, horizon));
    if (end > horizon) busy.emplace_back(0, end - horizon);
  }
  std::sort(busy.begin(), busy.end());
  const int from = week * kWeek, to = from + kWeek;
  int longest = 0, free_from = from;
  for (const auto& [start, end] : busy) {
    if (end <= from || start >= to) continue;
    longest = std::max(longest, std::max(start, from) - free_from);
    free_from = std::max(free_from, std::min(end, to));
  }
  return std::max(longest, to - free_from);
}

std::string DayLabel(int day) {
  return fmt::format("dag {} ({} uke {})", day + 1, kWeekdays[static_cast<size_t>(day % 7)],
                     day / 7 + 1);
}

RotaCheck CheckRota(const Plan& plan, const Rota& rota, const RotaRules& rules) {
  RotaCheck out;
  const int days = rota.days();
  const int horizon = days * kDay;

  // The longest shift: a property of the plan's shifts, named once per shift used.
  std::vector<char> used(plan.shifts.size(), 0);
  for (const RotaPerson& p : rota.persons) {
    for (int s : p.cells) {
      if (s >= 0) used[static_cast<size_t>(s)] = 1;
    }
  }
  for (size_t s = 0; s < plan.shifts.size(); ++s) {
    const PlanShift& ps = plan.shifts[s];
    if (used[s] && ps.paid_minutes > rules.max_shift_minutes) {
      out.broken.push_back({"max_shift", -1, -1,
                            fmt::format("vakten {} har {} arbeidstid; høyst {} ({})", ps.code,
                                        Hours(ps.paid_minutes), Hours(rules.max_shift_minutes),
                                        rules.max_shift_source)});
    }
  }

  const int allowed_weekends =
      static_cast<int>(std::floor(rota.weeks / rules.weekend_frequency + 1e-9));
  for (size_t pi = 0; pi < rota.persons.size(); ++pi) {
    const RotaPerson& p = rota.persons[pi];
    const int person = static_cast<int>(pi);
    const std::vector<Span> spans = SpansOf(plan, p);
    PersonTotals totals;
    for (const Span& s : spans)
      totals.paid_minutes += plan.shifts[static_cast<size_t>(s.shift)].paid_minutes;

    // Daily rest: from the end of each shift to the start of the person's next, the rota
    // repeating (the last shift is followed by the first, a period later).
    for (size_t i = 0; i < spans.size(); ++i) {
      const Span& a = spans[i];
      const bool wraps = i + 1 == spans.size();
      const Span& b = wraps ? spans[0] : spans[i + 1];
      const int next_start = b.start + (wraps ? horizon : 0);
      const int rest = next_start - a.end;
      if (spans.size() == 1 && rest >= rules.daily_rest_minutes) break;
      if (rest < rules.daily_rest_minutes) {
        const PlanShift& sa = plan.shifts[static_cast<size_t>(a.shift)];
        const PlanShift& sb = plan.shifts[static_cast<size_t>(b.shift)];
        out.broken.push_back(
            {"daily_rest", person, b.day,
             rest < 0 ? fmt::format("{}: vakten {} {} begynner før vakten {} {} slutter", p.name,
                                    sb.code, DayLabel(b.day), sa.code, DayLabel(a.day))
                      : fmt::format("{}: {} hvile fra {} {} (slutt {}) til {} {} (start {}); "
                                    "kravet er {} ({})",
                                    p.name, Hours(rest), sa.code, DayLabel(a.day),
                                    ClockText(sa.end_minute), sb.code, DayLabel(b.day),
                                    ClockText(sb.start_minute), Hours(rules.daily_rest_minutes),
                                    rules.daily_rest_source)});
      }
    }

    // Weekly rest: within each calendar week, a continuous free period of at least the
    // weekly rest.
    for (int w = 0; w < rota.weeks; ++w) {
      const int longest = LongestFreeMinutes(plan, p.cells, w);
      if (longest < rules.weekly_rest_minutes) {
        out.broken.push_back(
            {"weekly_rest", person, w * 7,
             fmt::format("{}: lengste sammenhengende fri i uke {} er {}; kravet "
                         "er {} ({})",
                         p.name, w + 1, Hours(longest), Hours(rules.weekly_rest_minutes),
                         rules.weekly_rest_source)});
      }
    }

    // The longest week: the working time of the shifts that start in each calendar week.
    for (int w = 0; w < rota.weeks; ++w) {
      int minutes = 0;
      for (const Span& s : spans) {
        if (s.day / 7 == w) minutes += plan.shifts[static_cast<size_t>(s.shift)].paid_minutes;
      }
      if (minutes > rules.max_week_minutes) {
        out.broken.push_back(
            {"max_week", person, w * 7,
             fmt::format("{}: {} arbeidstid i uke {}; høyst {} ({})", p.name, Hours(minutes), w + 1,
                         Hours(rules.max_week_minutes), rules.max_week_source)});
      }
    }

    // Weekends: worked when a shift starts on the Saturday or the Sunday.
    for (int w = 0; w < rota.weeks; ++w) {
      if (p.cells[static_cast<size_t>(7 * w + 5)] >= 0 ||
          p.cells[static_cast<size_t>(7 * w + 6)] >= 0) {
        ++totals.weekends;
      }
    }
    if (totals.weekends > allowed_weekends) {
      out.broken.push_back({"weekends", person, -1,
                            fmt::format("{}: arbeider {} helger av {}; høyst {} med hver {}. helg",
                                        p.name, totals.weekends, rota.weeks, allowed_weekends,
                                        static_cast<int>(std::round(rules.weekend_frequency)))});
    }

    // Hours: within one hour a week of the position's share of full time.
    totals.target_minutes = p.position_size * rules.full_time_hours * 60 * rota.weeks / 100;
    const double tolerance =
        static_cast<double>(rules.hour_tolerance_minutes_per_week) * rota.weeks;
    if (std::abs(totals.paid_minutes - totals.target_minutes) > tolerance + 1e-6) {
      out.broken.push_back(
          {"hours", person, -1,
           fmt::format("{}: {} over {} uker; en stilling på {} % gir {} (± {})", p.name,
                       Hours(totals.paid_minutes), rota.weeks, p.position_size,
                       Hours(totals.target_minutes), Hours(tolerance))});
    }
    out.persons.push_back(totals);
  }

  // Cover: each day and shift at least the plan's staff for that weekday.
  for (int d = 0; d < days; ++d) {
    for (size_t s = 0; s < plan.shifts.size(); ++s) {
      const int need = plan.shifts[s].staff[static_cast<size_t>(d % 7)];
      int have = 0;
      for (const RotaPerson& p : rota.persons)
        have += p.cells[static_cast<size_t>(d)] == static_cast<int>(s);
      if (have < need) {
        out.uncovered.push_back({"cover", -1, d,
                                 fmt::format("{}: vakten {} har {} av {}", DayLabel(d),
                                             plan.shifts[s].code, have, need)});
      }
    }
  }
  return out;
}

}  // namespace agp::staffing
