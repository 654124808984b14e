#include "staffing/calculator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace agp::staffing {
namespace {

// Rounding that forgives the last bit of floating point: 360 / 15 is 24, not 24.000000001.
int CeilOf(double x) { return static_cast<int>(std::ceil(x - 1e-9)); }
int FloorOf(double x) { return static_cast<int>(std::floor(x + 1e-9)); }

// "11,83" (bokmål decimal comma).
std::string Comma(double v, int decimals) {
  std::string s = fmt::format("{:.{}f}", v, decimals);
  std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

std::string FrequencyLabel(double f) {
  return std::abs(f - std::round(f)) < 1e-9 ? fmt::format("{}", static_cast<int>(std::round(f)))
                                            : Comma(f, 1);
}

}  // namespace

Figures Calculate(const Plan& plan, double f, double h_full,
                  std::optional<double> weekend_shift_hours) {
  Figures r;
  r.weekend_frequency = f;
  r.full_time_hours = h_full;
  double weekend_shifts = 0;  // staff × shifts on Saturday and Sunday
  for (const PlanShift& s : plan.shifts) {
    for (int d = kMonday; d <= kSunday; ++d) {
      const double hours = s.staff[static_cast<size_t>(d)] * s.paid_hours();
      r.week_hours += hours;
      if (d >= kSaturday) {
        r.weekend_hours += hours;
        weekend_shifts += s.staff[static_cast<size_t>(d)];
      }
    }
  }
  r.fte = h_full > 0 ? r.week_hours / h_full : 0;
  if (weekend_shifts > 0) {
    // One shift on Saturday and one on Sunday, at the staff-weighted mean length.
    r.weekend_shift_hours =
        weekend_shift_hours ? 2 * *weekend_shift_hours : 2 * r.weekend_hours / weekend_shifts;
    r.weekend_persons = CeilOf(r.weekend_hours * f / r.weekend_shift_hours);
    r.min_position = r.weekend_shift_hours / (f * h_full);
    r.fulltime_frequency = r.weekend_shift_hours * r.fte / r.weekend_hours;
  }
  r.weekends_bind = r.weekend_persons > r.fte + 1e-9;
  if (!r.weekends_bind) {
    r.persons = CeilOf(r.fte);
    r.fulltime_positions = FloorOf(r.fte);
  } else {
    r.persons = r.weekend_persons;
    const double m = r.min_position;
    r.fulltime_positions =
        m >= 1 ? 0 : std::clamp(FloorOf((r.fte - r.persons * m) / (1 - m)), 0, r.persons);
  }
  r.mean_position_size = r.persons > 0 ? 100 * r.fte / r.persons : 0;
  return r;
}

std::vector<Figures> Scenarios(const Plan& plan, double f, double h_full) {
  std::vector<Figures> out;
  Figures chosen = Calculate(plan, f, h_full);
  chosen.key = "plan";
  chosen.label = "F = " + FrequencyLabel(f) + " (valgt)";
  out.push_back(chosen);
  for (int other : {2, 3, 4}) {
    if (std::abs(other - f) < 1e-9) continue;
    Figures s = Calculate(plan, other, h_full);
    s.key = fmt::format("f{}", other);
    s.label = fmt::format("F = {}", other);
    out.push_back(s);
  }
  // Long weekend shifts: the plan's longest shift on both days of a worked weekend.
  double longest = 0;
  for (const PlanShift& s : plan.shifts) longest = std::max(longest, s.paid_hours());
  if (chosen.weekend_shift_hours > 0 && 2 * longest > chosen.weekend_shift_hours + 1e-9) {
    Figures s = Calculate(plan, f, h_full, longest);
    s.key = "long_weekend";
    s.label = fmt::format("lange helgevakter ({} t)", Comma(longest, 1));
    out.push_back(s);
  }
  const double other_hours =
      std::abs(h_full - kRotaFullTimeHours) < 1e-9 ? kThreeShiftFullTimeHours : kRotaFullTimeHours;
  Figures s = Calculate(plan, f, other_hours);
  s.key = fmt::format("hours_{:.1f}", other_hours);
  s.label = Comma(other_hours, 1) + " t";
  out.push_back(s);
  return out;
}

std::string FiguresCsv(const std::vector<Figures>& scenarios) {
  std::string out =
      "scenario,weekend_frequency,fte,persons,fulltime_positions,mean_position_size,"
      "min_position_size,fulltime_frequency\n";
  for (const Figures& s : scenarios) {
    out += fmt::format("{},{},{:.2f},{},{},{:.1f},{:.1f},{}\n", s.key, s.weekend_frequency, s.fte,
                       s.persons, s.fulltime_positions, s.mean_position_size, 100 * s.min_position,
                       s.fulltime_frequency ? fmt::format("{:.2f}", *s.fulltime_frequency) : "");
  }
  return out;
}

std::string FiguresTable(const Plan& plan, const std::vector<Figures>& scenarios) {
  struct Line {
    const char* name;
    const char* formula;
    std::string (*value)(const Figures&);
  };
  static const Line kLines[] = {
      {"Ukentlige timer (Hw)", "Σ bemanning × betalte timer, mandag–søndag",
       [](const Figures& s) { return Comma(s.week_hours, 1); }},
      {"Helgetimer (Hwe)", "det samme for lørdag og søndag",
       [](const Figures& s) { return Comma(s.weekend_hours, 1); }},
      {"Heltid i timer (H)", "35,5 turnus; 33,6 helkontinuerlig",
       [](const Figures& s) { return Comma(s.full_time_hours, 1); }},
      {"Årsverk (fte)", "Hw / H", [](const Figures& s) { return Comma(s.fte, 2); }},
      {"Timer per arbeidshelg (h)", "2 × snittlengden av helgevaktene",
       [](const Figures& s) { return Comma(s.weekend_shift_hours, 1); }},
      {"Helgefrekvens (F)", "hver F-te helg",
       [](const Figures& s) { return FrequencyLabel(s.weekend_frequency); }},
      {"Personer helgene krever (n)", "⌈Hwe × F / h⌉",
       [](const Figures& s) { return fmt::format("{}", s.weekend_persons); }},
      {"Minste stilling (m)", "h / (F × H): bare egne helger",
       [](const Figures& s) { return Comma(100 * s.min_position, 1) + " %"; }},
      {"Personer", "⌈fte⌉, eller n når n > fte",
       [](const Figures& s) { return fmt::format("{}", s.persons); }},
      {"Heltidsstillinger (k)", "⌊fte⌋, eller ⌊(fte − n·m) / (1 − m)⌋",
       [](const Figures& s) { return fmt::format("{}", s.fulltime_positions); }},
      {"Gjennomsnittlig stilling", "100 × fte / personer",
       [](const Figures& s) { return Comma(s.mean_position_size, 1) + " %"; }},
      {"F for heltid til alle (F*)", "h × fte / Hwe",
       [](const Figures& s) {
         return s.fulltime_frequency ? Comma(*s.fulltime_frequency, 2) : std::string("–");
       }},
  };
  // Column widths in characters (UTF-8 aware: count code points, not bytes).
  auto width = [](const std::string& s) {
    return static_cast<size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  };
  auto pad = [&](const std::string& s, size_t w, bool right) {
    const size_t n = w > width(s) ? w - width(s) : 0;
    return right ? std::string(n, ' ') + s : s + std::string(n, ' ');
  };
  size_t name_w = width("Figur"), formula_w = width("Formel");
  for (const Line& l : kLines) {
    name_w = std::max(name_w, width(l.name));
    formula_w = std::max(formula_w, width(l.formula));
  }
  std::vector<size_t> col_w;
  for (const Figures& s : scenarios) {
    size_t w = width(s.label);
    for (const Line& l : kLines) w = std::max(w, width(l.value(s)));
    col_w.push_back(w);
  }
  std::string out = fmt::format("Bemanningsplan med {} {}\n\n", plan.shifts.size(),
                                plan.shifts.size() == 1 ? "vakt" : "vakter");
  out += pad("Figur", name_w, false) + "  " + pad("Formel", formula_w, false);
  for (size_t c = 0; c < scenarios.size(); ++c)
    out += "  " + pad(scenarios[c].label, col_w[c], true);
  out += '\n';
  for (const Line& l : kLines) {
    out += pad(l.name, name_w, false) + "  " + pad(l.formula, formula_w, false);
    for (size_t c = 0; c < scenarios.size(); ++c) {
      out += "  " + pad(l.value(scenarios[c]), col_w[c], true);
    }
    out += '\n';
  }
  out +=
      "\nNår helgene krever flere personer enn årsverkene (n > fte), blir k heltidsstillinger og "
      "resten deler timene, ingen under m.\nKilde: DESIGN §12; heltid 35,5 / 33,6 t etter "
      "tariffavtalen, under arbeidsmiljøloven § 10-4.\n";
  return out;
}

}  // namespace agp::staffing
