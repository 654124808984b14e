// Heltid (DESIGN §12): a unit's staffing plan (bemanningsplan) with its versions, the weekend
// calculator's scenarios side by side with their formulas and a chart of the position sizes they
// give, beside the unit's actual full-time share and mean position size from the indicators; the
// plan editor; the rotas made from the plan, each as the familiar grid (persons × days) that
// prints on A4 landscape. Who may read and change what is decided in staffing/access.h; the
// router writes every change to the audit log.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/field_parse.h"
#include "ingest/csv_reader.h"
#include "report/rota_export.h"
#include "staffing/access.h"
#include "staffing/calculator.h"
#include "staffing/plan.h"
#include "staffing/rota.h"
#include "staffing/rota_build.h"
#include "staffing/working_time.h"
#include "web/downloads.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/widgets.h"

namespace agp::web {
namespace {

// The plan's columns in the contract's order (§12) and as the editor labels them.
constexpr const char* kPlanColumns[] = {"shift", "start", "end", "paid_minutes", "mon", "tue",
                                        "wed",   "thu",   "fri", "sat",          "sun", "holiday"};
constexpr const char* kPlanLabels[] = {"Vakt", "Start", "Slutt", "Betalte minutter",
                                       "Man",  "Tir",   "Ons",   "Tor",
                                       "Fre",  "Lør",   "Søn",   "Helligdag"};
constexpr int kPlanColumnCount = 12;
constexpr const char* kDayLetters[] = {"M", "T", "O", "T", "F", "L", "S"};
constexpr const char* kDayNames[] = {"mandag", "tirsdag", "onsdag", "torsdag",
                                     "fredag", "lørdag",  "søndag"};

// A table typed into a form: rows of cells, header first; a field's column is its column number
// (1-based), as in an XLSX sheet, so that an error names the cell.
class FormTable final : public core::TableReader {
 public:
  explicit FormTable(std::vector<std::vector<std::string>> rows) : rows_(std::move(rows)) {}
  bool Next(core::Row* row) override {
    while (next_ < rows_.size()) {
      const std::vector<std::string>& cells = rows_[next_++];
      bool empty = true;
      for (const std::string& c : cells) empty = empty && core::Trim(c).empty();
      if (empty) continue;
      row->line = static_cast<int>(next_);
      row->fields.clear();
      for (size_t i = 0; i < cells.size(); ++i) {
        row->fields.push_back({cells[i], static_cast<int>(i) + 1});
      }
      return true;
    }
    return false;
  }
  const std::vector<core::Error>& problems() const override { return none_; }
  size_t bytes_read() const override { return 0; }
  size_t bytes_total() const override { return 0; }

 private:
  std::vector<std::vector<std::string>> rows_;
  size_t next_ = 0;
  std::vector<core::Error> none_;
};

std::string UnitPath(const std::string& key) { return "/heltid/" + UrlEncode(key); }

std::string Hours(double h) { return Num(h, 1) + " t"; }

// The stored plan text read back (it was checked when it was saved).
std::optional<staffing::Plan> ParsePlan(const std::string& csv) {
  ingest::CsvReader reader("bemanningsplan.csv", csv);
  staffing::PlanRead read = staffing::ReadPlan(reader, "bemanningsplan.csv");
  return std::move(read.plan);
}

// What the unit handlers need: the unit in the cube, its plans (oldest first) and the newest.
struct UnitPlans {
  int unit = -1;
  const metrics::CubeUnit* info = nullptr;
  std::vector<store::StaffingPlanRecord> versions;
  std::optional<staffing::Plan> plan;  // the newest version's, parsed
};

// The unit of the path with its plans; false after sending the error page.
bool LoadUnit(Context& ctx, Response& res, UnitPlans* out) {
  const Snapshot& snap = ctx.snapshot();
  if (!snap.cube) {
    SendError(ctx, res, 404, "Det finnes ingen enheter ennå: importer en datapakke først.");
    return false;
  }
  out->unit = snap.cube->FindUnit(ctx.match(1));
  if (out->unit < 0) {
    SendError(ctx, res, 404, "Fant ingen enhet med denne id-en.");
    return false;
  }
  out->info = &snap.cube->units()[static_cast<size_t>(out->unit)];
  store::Database* db = ctx.db();
  auto versions = db == nullptr ? core::Result<std::vector<store::StaffingPlanRecord>>(
                                      core::Error(core::ErrorCode::kIo, "no database"))
                                : db->StaffingPlans(out->info->key);
  if (!versions.ok()) {
    SendError(ctx, res, 503, "Bemanningsplanene kunne ikke leses nå.");
    return false;
  }
  out->versions = std::move(versions).value();
  if (!out->versions.empty()) out->plan = ParsePlan(out->versions.back().plan_csv);
  return true;
}

bool MayEdit(const Context& ctx, int unit) {
  return staffing::MayEditStaffing(ctx.viewer(), ctx.snapshot().cube->units(), unit).ok();
}

// LoadUnit for the forms: also false, after the 403 page, when the viewer may not change it.
bool LoadEditableUnit(Context& ctx, Response& res, UnitPlans* out) {
  if (!LoadUnit(ctx, res, out)) return false;
  auto may = staffing::MayEditStaffing(ctx.viewer(), ctx.snapshot().cube->units(), out->unit);
  if (!may.ok()) {
    SendError(ctx, res, 403, "Du har ikke lov: " + may.error().message() + ".");
    return false;
  }
  return true;
}

// The working-time rules in force today from data/reference/working_time.csv.
core::Result<staffing::WorkingTimeRules> ReadRules(Context& ctx) {
  const std::string path =
      (std::filesystem::path(ctx.services().options.data_dir) / "reference" / "working_time.csv")
          .string();
  std::string text;
  {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) return core::Error(core::ErrorCode::kIo, "kan ikke lese working_time.csv");
    char buf[8192];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
    std::fclose(f);
  }
  ingest::CsvReader reader("working_time.csv", text);
  return staffing::WorkingTimeRules::Read(reader, "working_time.csv");
}

// The shifts of the plan with their times and each day's staff.
std::string PlanTable(const staffing::Plan& plan, const std::string& caption) {
  std::string b = "<div class=\"table-wrap\"><table class=\"data plan\"><caption>" +
                  Escape(caption) + "</caption><thead><tr>";
  for (int c = 0; c < kPlanColumnCount; ++c) {
    b += std::string("<th scope=\"col\"") + (c >= 3 ? " class=\"num\"" : "") + ">" +
         kPlanLabels[c] + "</th>";
  }
  b += "</tr></thead><tbody>";
  for (const staffing::PlanShift& s : plan.shifts) {
    b += "<tr><th scope=\"row\">" + Escape(s.code) + "</th><td>" +
         staffing::ClockText(s.start_minute) + "</td><td>" + staffing::ClockText(s.end_minute) +
         "</td><td class=\"num\">" + std::to_string(s.paid_minutes) + "</td>";
    for (int d = 0; d < staffing::kDayKinds; ++d) {
      b += "<td class=\"num\">" + std::to_string(s.staff[static_cast<size_t>(d)]) + "</td>";
    }
    b += "</tr>";
  }
  b += "</tbody></table></div>";
  return b;
}

// The calculator's figures, one row per figure with its formula, one column per scenario.
std::string ScenarioTable(const std::vector<staffing::Figures>& scenarios) {
  struct Line {
    const char* label;
    const char* formula;
    std::string (*value)(const staffing::Figures&);
  };
  static const Line kLines[] = {
      {"Helgefrekvens F", "hver F-te helg",
       [](const staffing::Figures& s) { return DecimalText(s.weekend_frequency); }},
      {"Heltid H", "timer i uken",
       [](const staffing::Figures& s) { return DecimalText(s.full_time_hours) + " t"; }},
      {"Timer i uken Hw", "Σ bemanning × betalte timer, mandag–søndag",
       [](const staffing::Figures& s) { return Hours(s.week_hours); }},
      {"Helgetimer Hwe", "det samme for lørdag og søndag",
       [](const staffing::Figures& s) { return Hours(s.weekend_hours); }},
      {"Årsverk", "Hw / H", [](const staffing::Figures& s) { return Num(s.fte, 2); }},
      {"Timer per arbeidshelg h", "2 × snittet av helgevaktene",
       [](const staffing::Figures& s) { return Hours(s.weekend_shift_hours); }},
      {"Personer helgene krever n", "⌈Hwe × F / h⌉",
       [](const staffing::Figures& s) { return std::to_string(s.weekend_persons); }},
      {"Minste stilling m", "h / (F × H)",
       [](const staffing::Figures& s) { return Num(100 * s.min_position, 1) + " %"; }},
      {"Personer", "⌈årsverk⌉, eller n når helgene binder",
       [](const staffing::Figures& s) { return std::to_string(s.persons); }},
      {"Heltidsstillinger", "⌊årsverk⌋, eller ⌊(årsverk − n·m) / (1 − m)⌋",
       [](const staffing::Figures& s) { return std::to_string(s.fulltime_positions); }},
      {"Gjennomsnittlig stilling", "100 × årsverk / personer",
       [](const staffing::Figures& s) { return Num(s.mean_position_size, 1) + " %"; }},
      {"F der alle kan ha heltid F*", "h × årsverk / Hwe",
       [](const staffing::Figures& s) {
         return s.fulltime_frequency ? Num(*s.fulltime_frequency, 2) : std::string("–");
       }},
  };
  std::string b =
      "<div class=\"table-wrap\"><table class=\"data scenarios\"><caption>Scenarioene side om "
      "side</caption><thead><tr><th scope=\"col\">Tall</th><th scope=\"col\">Formel</th>";
  for (const staffing::Figures& s : scenarios) {
    b += "<th scope=\"col\" class=\"num\">" +
         Escape(s.key == "plan" ? "Valgt: " + s.label : s.label) + "</th>";
  }
  b += "</tr></thead><tbody>";
  for (const Line& line : kLines) {
    b += std::string("<tr><th scope=\"row\">") + line.label + "</th><td>" + line.formula + "</td>";
    for (const staffing::Figures& s : scenarios)
      b += "<td class=\"num\">" + line.value(s) + "</td>";
    b += "</tr>";
  }
  b += "</tbody></table></div>";
  return b;
}

// The position sizes each scenario gives: k full time, the others sharing the rest.
std::string PositionsChart(const std::vector<staffing::Figures>& scenarios) {
  Chart chart;
  chart.kind = "bar";
  chart.key = "avg_position_size";
  chart.x_label = "Scenario";
  chart.caption = "Gjennomsnittlig stillingsstørrelse per scenario (%)";
  ChartSeries mean{"Gjennomsnittlig stilling (%)", {}, {}};
  for (const staffing::Figures& s : scenarios) {
    chart.x.push_back(s.key == "plan" ? "Valgt: " + s.label : s.label);
    mean.plain.emplace_back(s.mean_position_size);
  }
  chart.series.push_back(std::move(mean));
  chart.target = 100;
  chart.target_label = "Heltid: 100 %";
  return RenderChart(chart);
}

// The people each scenario gives, as a list a reader takes in at once.
std::string PositionsList(const std::vector<staffing::Figures>& scenarios) {
  std::string b = "<ul class=\"positions\">";
  for (const staffing::Figures& s : scenarios) {
    const std::vector<staffing::StaffMember> staff = staffing::ProposedStaff(s);
    double smallest = 100;
    for (const staffing::StaffMember& m : staff) smallest = std::min(smallest, m.position_size);
    b += "<li><strong>" + Escape(s.label) + ":</strong> " + std::to_string(s.persons) +
         " personer, " + std::to_string(s.fulltime_positions) + " i heltid";
    if (s.persons > s.fulltime_positions) {
      b += ", " + std::to_string(s.persons - s.fulltime_positions) + " deler resten (ned til " +
           Num(smallest, 0) + " %)";
    }
    b += "</li>";
  }
  b += "</ul>";
  return b;
}

double ParamNumber(const Context& ctx, const std::string& name, double fallback, double lo,
                   double hi) {
  std::string text(core::Trim(ctx.param(name)));
  std::replace(text.begin(), text.end(), ',', '.');
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !(v >= lo) ||
      !(v <= hi)) {
    return fallback;
  }
  return v;
}

std::string Option(const std::string& value, const std::string& label, bool selected) {
  return "<option value=\"" + Escape(value) + "\"" + (selected ? " selected" : "") + ">" +
         Escape(label) + "</option>";
}

// The scenario form (GET): weekend frequency and full-time week.
std::string ScenarioForm(const std::string& action, double f, double h) {
  std::string b = "<form class=\"inline-fields\" method=\"get\" action=\"" + Escape(action) +
                  "\"><div class=\"field\"><label for=\"f\">Helgefrekvens (hver F-te helg)"
                  "</label><select id=\"f\" name=\"f\">";
  for (int v = 2; v <= 6; ++v) {
    b += Option(std::to_string(v), "Hver " + std::to_string(v) + ". helg", f == v);
  }
  b += "</select></div><div class=\"field\"><label for=\"h\">Heltid</label><select id=\"h\" "
       "name=\"h\">" +
       Option("35.5", "35,5 t (turnus)", h != staffing::kThreeShiftFullTimeHours) +
       Option("33.6", "33,6 t (helkontinuerlig tredelt turnus)",
              h == staffing::kThreeShiftFullTimeHours) +
       "</select></div><button type=\"submit\">Regn ut</button></form>";
  return b;
}

std::string RotaSummary(const store::StaffingRotaRecord& r) {
  std::string b = r.broken == 0 ? "alle regler holdt" : std::to_string(r.broken) + " regelbrudd";
  b += r.uncovered == 0 ? ", hele planen dekket"
                        : ", " + std::to_string(r.uncovered) +
                              (r.uncovered == 1 ? " vakt ikke dekket" : " vakter ikke dekket");
  return b;
}

std::string RotaHref(const std::string& unit_key, int64_t id) {
  return UnitPath(unit_key) + "/turnus/" + std::to_string(id);
}

// The unit's rotas, newest first.
std::string RotaList(const std::string& unit_key,
                     const std::vector<store::StaffingRotaRecord>& rotas,
                     const std::vector<store::StaffingPlanRecord>& versions) {
  std::string b =
      "<div class=\"table-wrap\"><table class=\"data\"><caption>Turnuser laget fra planen (" +
      std::to_string(rotas.size()) +
      ")</caption><thead><tr><th scope=\"col\">Turnus</th><th scope=\"col\">Plan</th>"
      "<th scope=\"col\">Helgefrekvens</th><th scope=\"col\">Heltid</th><th scope=\"col\">"
      "Hviletid</th><th scope=\"col\">Resultat</th><th scope=\"col\">Laget</th></tr></thead>"
      "<tbody>";
  for (const store::StaffingRotaRecord& r : rotas) {
    int version = 0;
    for (const store::StaffingPlanRecord& v : versions) {
      if (v.id == r.plan_id) version = v.version;
    }
    b += "<tr data-rota=\"" + std::to_string(r.id) + "\"><th scope=\"row\"><a href=\"" +
         RotaHref(unit_key, r.id) + "\">" + std::to_string(r.weeks) + " uker (nr. " +
         std::to_string(r.id) + ")</a></th><td>versjon " + std::to_string(version) +
         "</td><td>hver " + DecimalText(r.weekend_frequency) + ". helg</td><td>" +
         DecimalText(r.full_time_hours) + " t</td><td>" +
         (r.agreed_rest ? "avtalt (8 t / 28 t)" : "lovens (11 t / 35 t)") + "</td><td>" +
         Escape(RotaSummary(r)) + "</td><td>" + Escape(DateLabel(r.made_at.substr(0, 10))) +
         "</td></tr>";
  }
  if (rotas.empty()) b += "<tr><td colspan=\"7\">Ingen turnus er laget ennå.</td></tr>";
  b += "</tbody></table></div>";
  return b;
}

std::string RotaForm(const std::string& unit_key, double f, double h, Context& ctx) {
  std::string b = "<form class=\"stack\" method=\"post\" action=\"" + UnitPath(unit_key) +
                  "/turnus\">" + CsrfField(ctx) +
                  "<div class=\"field\"><label for=\"uker\">Turnusperiode</label><select "
                  "id=\"uker\" name=\"uker\">" +
                  Option("6", "6 uker", true) + Option("8", "8 uker", false) +
                  Option("12", "12 uker", false) +
                  "</select></div><div class=\"field\"><label for=\"rota-f\">Helgefrekvens"
                  "</label><select id=\"rota-f\" name=\"f\">";
  for (int v = 2; v <= 6; ++v) {
    b += Option(std::to_string(v), "Hver " + std::to_string(v) + ". helg", f == v);
  }
  b += "</select></div><div class=\"field\"><label for=\"rota-h\">Heltid</label><select "
       "id=\"rota-h\" name=\"h\">" +
       Option("35.5", "35,5 t", h != staffing::kThreeShiftFullTimeHours) +
       Option("33.6", "33,6 t", h == staffing::kThreeShiftFullTimeHours) +
       "</select></div><div class=\"field checkbox\"><input type=\"checkbox\" id=\"avtalt\" "
       "name=\"avtalt\" value=\"1\"><label for=\"avtalt\">Hviletid etter skriftlig avtale med "
       "tillitsvalgte (8 t daglig, 28 t ukentlig; arbeidsmiljøloven § 10-8 (1) og (2))</label>"
       "</div><p class=\"hint\">Bemanningen er kalkulatorens: så mange heltidsstillinger som "
       "regnestykket gir, resten deler timene. Å lage turnusen tar opptil " +
       std::to_string(static_cast<int>(ctx.services().options.rota_seconds)) +
       " sekunder.</p><button type=\"submit\">Lag turnus</button></form>";
  return b;
}

// The plan's most recent figures of the indicators beside the calculator.
std::string ActualFigures(Context& ctx, int unit) {
  const Snapshot& snap = ctx.snapshot();
  const std::optional<core::Period> period = ctx.period();
  if (!snap.cube || !period) return "";
  FigureBook book(*snap.cube, ctx.audience());
  std::string b = "<div class=\"table-wrap\"><table class=\"data\"><caption>Enheten i dag (" +
                  Escape(PeriodLabel(period->ToString())) +
                  ", fra indikatorene)</caption><thead><tr><th scope=\"col\">Indikator</th>"
                  "<th scope=\"col\" class=\"num\">Verdi</th></tr></thead><tbody>";
  for (const char* key : {"headcount", "fulltime_share", "avg_position_size"}) {
    b += "<tr><th scope=\"row\"><a href=\"/indikatorer/" + std::string(key) +
         "?periode=" + period->ToString() + "\">" + Escape(IndicatorLabel(key)) + "</a></th>" +
         CellTd(book.Get(key, unit, *period), key) + "</tr>";
  }
  b += "</tbody></table></div>";
  return b;
}

// The rota grid: one table per block of at most six weeks, each with the persons' column.
std::string RotaGrid(const staffing::Plan& plan, const staffing::Rota& rota,
                     const staffing::RotaCheck& check) {
  std::string b;
  constexpr int kWeeksPerTable = 6;
  for (int first = 0; first < rota.weeks; first += kWeeksPerTable) {
    const int last = std::min(rota.weeks, first + kWeeksPerTable);
    const bool last_block = last == rota.weeks;
    b += "<div class=\"rota-block\"><div class=\"table-wrap\"><table class=\"data "
         "rota\"><caption>Turnus, uke " +
         std::to_string(first + 1) + "–" + std::to_string(last) + " av " +
         std::to_string(rota.weeks) +
         "</caption><thead><tr><th scope=\"col\" rowspan=\"2\">Stilling</th>"
         "<th scope=\"col\" rowspan=\"2\" class=\"num\">%</th>";
    for (int w = first; w < last; ++w) {
      b += "<th scope=\"colgroup\" colspan=\"7\" class=\"week\">Uke " + std::to_string(w + 1) +
           "</th>";
    }
    if (last_block) {
      b += "<th scope=\"col\" rowspan=\"2\" class=\"num\">Timer</th><th scope=\"col\" "
           "rowspan=\"2\" class=\"num\">Mål</th><th scope=\"col\" rowspan=\"2\" "
           "class=\"num\">Helger</th>";
    }
    b += "</tr><tr>";
    for (int d = 7 * first; d < 7 * last; ++d) {
      const int wd = d % 7;
      b += std::string("<th scope=\"col\" class=\"day") + (wd >= 5 ? " weekend" : "") +
           (wd == 0 ? " week-start" : "") + "\"><abbr title=\"" + kDayNames[wd] + " uke " +
           std::to_string(d / 7 + 1) + "\">" + kDayLetters[wd] + "</abbr></th>";
    }
    b += "</tr></thead><tbody>";
    for (size_t p = 0; p < rota.persons.size(); ++p) {
      const staffing::RotaPerson& person = rota.persons[p];
      b += "<tr><th scope=\"row\">" + Escape(person.name) + "</th><td class=\"num\">" +
           DecimalText(person.position_size) + "</td>";
      for (int d = 7 * first; d < 7 * last; ++d) {
        const int cell = person.cells[static_cast<size_t>(d)];
        const int wd = d % 7;
        b += std::string("<td class=\"shift") + (wd >= 5 ? " weekend" : "") +
             (wd == 0 ? " week-start" : "") + "\"";
        if (cell >= 0) {
          b += " data-shift=\"" + Escape(plan.shifts[static_cast<size_t>(cell)].code) + "\">" +
               Escape(plan.shifts[static_cast<size_t>(cell)].code);
        } else {
          b += "><span class=\"visually-hidden\">fri</span>";
        }
        b += "</td>";
      }
      if (last_block) {
        const staffing::PersonTotals& t = check.persons[p];
        b += "<td class=\"num\">" + Num(t.paid_minutes / 60.0, 1) + "</td><td class=\"num\">" +
             Num(t.target_minutes / 60.0, 1) + "</td><td class=\"num\">" +
             std::to_string(t.weekends) + "</td>";
      }
      b += "</tr>";
    }
    // The cover of each day, shift by shift: staffed / needed.
    for (size_t s = 0; s < plan.shifts.size(); ++s) {
      b += "<tr class=\"cover\"><th scope=\"row\">Dekning " + Escape(plan.shifts[s].code) +
           "</th><td></td>";
      for (int d = 7 * first; d < 7 * last; ++d) {
        int staffed = 0;
        for (const staffing::RotaPerson& person : rota.persons) {
          staffed += person.cells[static_cast<size_t>(d)] == static_cast<int>(s) ? 1 : 0;
        }
        const int needed = plan.shifts[s].staff[static_cast<size_t>(d % 7)];
        b += std::string("<td class=\"num") + (staffed < needed ? " short" : "") + "\">" +
             std::to_string(staffed) + (staffed < needed ? "/" + std::to_string(needed) : "") +
             "</td>";
      }
      if (last_block) b += "<td></td><td></td><td></td>";
      b += "</tr>";
    }
    b += "</tbody></table></div></div>";
  }
  return b;
}

std::string Findings(const staffing::RotaCheck& check) {
  std::string b;
  if (check.keeps_rules() && check.covers_plan()) {
    return "<p class=\"notice notice-success\">Turnusen holder alle arbeidstidsreglene og dekker "
           "hele planen.</p>";
  }
  if (!check.broken.empty()) {
    b += "<h2>Regelbrudd (" + std::to_string(check.broken.size()) + ")</h2><ul class=\"findings\">";
    for (const staffing::RotaFinding& f : check.broken) b += "<li>" + Escape(f.text) + "</li>";
    b += "</ul>";
  }
  if (!check.uncovered.empty()) {
    b += "<h2>Vakter som ikke er dekket (" + std::to_string(check.uncovered.size()) +
         ")</h2><ul class=\"findings\">";
    for (const staffing::RotaFinding& f : check.uncovered) b += "<li>" + Escape(f.text) + "</li>";
    b += "</ul>";
  }
  return b;
}

std::string Legend(const staffing::Plan& plan) {
  std::string b = "<p class=\"legend\"><strong>Vakter:</strong> ";
  for (size_t i = 0; i < plan.shifts.size(); ++i) {
    const staffing::PlanShift& s = plan.shifts[i];
    if (i > 0) b += "; ";
    b += "<strong>" + Escape(s.code) + "</strong> " + staffing::ClockText(s.start_minute) + "–" +
         staffing::ClockText(s.end_minute) + " (" + Num(s.paid_hours(), 2) + " t betalt)";
  }
  b += ". Tom rute: fri.</p>";
  return b;
}

// The editor's rows: the plan's shifts, then empty rows for new ones.
std::vector<std::vector<std::string>> EditorRows(const std::optional<staffing::Plan>& plan) {
  std::vector<std::vector<std::string>> rows;
  if (plan) {
    for (const staffing::PlanShift& s : plan->shifts) {
      std::vector<std::string> r = {s.code, staffing::ClockText(s.start_minute),
                                    staffing::ClockText(s.end_minute),
                                    std::to_string(s.paid_minutes)};
      for (int d = 0; d < staffing::kDayKinds; ++d) {
        r.push_back(std::to_string(s.staff[static_cast<size_t>(d)]));
      }
      rows.push_back(std::move(r));
    }
  }
  return rows;
}

constexpr int kEmptyEditorRows = 3;
constexpr int kMaxEditorRows = 40;

std::string EditorForm(const Context& ctx, const std::string& unit_key,
                       std::vector<std::vector<std::string>> rows, const std::string& note,
                       const std::vector<core::Error>& errors) {
  for (int i = 0; i < kEmptyEditorRows; ++i) rows.emplace_back(kPlanColumnCount);
  std::string b;
  if (!errors.empty()) {
    b += "<div class=\"notice notice-error\" role=\"alert\" id=\"feil\"><p>Planen ble ikke "
         "lagret. Rett dette og lagre igjen:</p><ul>";
    for (const core::Error& e : errors) {
      const int row = e.location().line - 1;  // the header is line 1
      const int col = e.location().column;
      std::string where;
      if (row >= 1) where += "Rad " + std::to_string(row);
      if (col >= 1 && col <= kPlanColumnCount) {
        where +=
            (where.empty() ? "" : ", ") + std::string("kolonne «") + kPlanLabels[col - 1] + "»";
      }
      b += "<li>" + (where.empty() ? "" : Escape(where) + ": ") + Escape(e.message()) + "</li>";
    }
    b += "</ul></div>";
  }
  b += "<form class=\"stack plan-editor\" method=\"post\" action=\"" + UnitPath(unit_key) +
       "/plan\">" + CsrfField(ctx) +
       "<div class=\"table-wrap\"><table class=\"data plan-edit\"><caption>Vaktene og hvor "
       "mange som trengs hver dag</caption><thead><tr><th scope=\"col\">Rad</th>";
  for (int c = 0; c < kPlanColumnCount; ++c) {
    b += std::string("<th scope=\"col\" id=\"col-") + kPlanColumns[c] + "\">" + kPlanLabels[c] +
         "</th>";
  }
  b += "</tr></thead><tbody>";
  for (size_t r = 0; r < rows.size(); ++r) {
    const std::string n = std::to_string(r + 1);
    b += "<tr><th scope=\"row\" id=\"rad-" + n + "\">" + n + "</th>";
    for (int c = 0; c < kPlanColumnCount; ++c) {
      const std::string name = std::string(kPlanColumns[c]) + "_" + std::to_string(r);
      const std::string value =
          static_cast<size_t>(c) < rows[r].size() ? rows[r][static_cast<size_t>(c)] : "";
      const bool time = c == 1 || c == 2;
      const bool code = c == 0;
      b += "<td><input type=\"text\" name=\"" + name + "\" id=\"" + name + "\" value=\"" +
           Escape(value) + "\" aria-labelledby=\"rad-" + n + " col-" + kPlanColumns[c] + "\"" +
           (code   ? " size=\"5\" maxlength=\"8\""
            : time ? " size=\"5\" placeholder=\"tt:mm\" inputmode=\"numeric\""
                   : " size=\"3\" inputmode=\"numeric\"") +
           "></td>";
    }
    b += "</tr>";
  }
  b += "</tbody></table></div><p class=\"hint\">Tider som <code>07:30</code>; en slutt før "
       "starten slutter neste dag. Betalte minutter er vakten minus ubetalt pause. Tom "
       "helligdag betyr som søndag. Tomme rader tas ikke med; tøm en rad for å fjerne vakten. "
       "Vil du ha flere rader, lagre og åpne skjemaet igjen.</p>"
       "<div class=\"field\"><label for=\"merknad\">Hva er endret (valgfritt)</label><input "
       "type=\"text\" "
       "id=\"merknad\" name=\"merknad\" maxlength=\"300\" value=\"" +
       Escape(note) + "\"></div><button type=\"submit\">Lagre som ny versjon</button></form>";
  return b;
}

// One rota is made at a time: the solver uses both cores for its whole time limit.
std::mutex rota_solver;

}  // namespace

void ShowHeltid(Context& ctx, Response& res) {
  const Snapshot& snap = ctx.snapshot();
  if (!snap.cube) return SendError(ctx, res, 404, "Det finnes ingen enheter ennå.");
  store::Database* db = ctx.db();
  if (db == nullptr) return SendError(ctx, res, 503, "Databasen kunne ikke leses nå.");
  auto plans = db->StaffingPlans();
  if (!plans.ok()) return SendError(ctx, res, 503, "Bemanningsplanene kunne ikke leses nå.");
  const metrics::MeasureCube& cube = *snap.cube;
  const metrics::Viewer viewer = ctx.viewer();
  // The form below asks for a new plan for a unit: its editor.
  if (const std::string asked = ctx.param("ny"); !asked.empty()) {
    if (cube.FindUnit(asked) < 0)
      return SendError(ctx, res, 404, "Fant ingen enhet med denne id-en.");
    return SendRedirect(res, UnitPath(asked) + "/plan");
  }
  // The newest version per unit, in the order of the units.
  std::vector<const store::StaffingPlanRecord*> newest(cube.units().size(), nullptr);
  for (const store::StaffingPlanRecord& p : *plans) {
    const int u = cube.FindUnit(p.unit_key);
    if (u >= 0) newest[static_cast<size_t>(u)] = &p;
  }
  const bool leader = viewer.role == core::Role::kLeader;
  Page page;
  page.title = "Heltid";
  page.nav = "heltid";
  std::string& b = page.body;
  b += "<p class=\"lead\">En enhet som trenger N på jobb hver helg, der alle jobber hver F-te "
       "helg, trenger omtrent N × F personer, mens ukedagene bare gir arbeid til færre "
       "heltidsstillinger: resten blir små deltidsstillinger. Her ser leder, tillitsvalgte og HR "
       "regnestykket for hver enhets bemanningsplan, hva grepene gir (helgefrekvens, lange "
       "helgevakter, heltid 33,6 t) og turnuser som holder arbeidstidsreglene.</p>";
  b += "<p class=\"hint\">Regnestykket er KS' og Agenda Kaupangs bemanningsplanmetode (DESIGN "
       "§12); reglene er arbeidsmiljølovens kapittel 10 med hjemmel for hver regel.</p>";
  const std::optional<core::Period> period = ctx.period();
  FigureBook book(cube, ctx.audience());
  std::string rows;
  int shown = 0;
  for (size_t u = 0; u < cube.units().size(); ++u) {
    if (newest[u] == nullptr) continue;
    if (leader && !MayEdit(ctx, static_cast<int>(u))) continue;
    const std::optional<staffing::Plan> plan = ParsePlan(newest[u]->plan_csv);
    if (!plan) continue;
    const staffing::Figures f = staffing::Calculate(*plan, 3, staffing::kRotaFullTimeHours);
    ++shown;
    rows +=
        "<tr><th scope=\"row\"><a href=\"" + UnitPath(cube.units()[u].key) + "\">" +
        Escape(cube.units()[u].name) + "</a></th><td class=\"num\">" +
        std::to_string(newest[u]->version) + "</td><td class=\"num\">" + Num(f.fte, 1) +
        "</td><td class=\"num\">" + std::to_string(f.persons) + "</td><td class=\"num\">" +
        std::to_string(f.fulltime_positions) + "</td><td class=\"num\">" +
        Num(f.mean_position_size, 1) + "</td><td class=\"num\">" +
        (f.fulltime_frequency ? Num(*f.fulltime_frequency, 2) : "–") + "</td>" +
        (period ? CellTd(book.Get("fulltime_share", static_cast<int>(u), *period), "fulltime_share")
                : "<td>–</td>") +
        "</tr>";
  }
  b += "<div class=\"table-wrap\"><table class=\"data\"><caption>" +
       std::string(leader ? "Bemanningsplanene i dine enheter" : "Enhetenes bemanningsplaner") +
       " (" + std::to_string(shown) +
       "), hver 3. helg og 35,5 t</caption><thead><tr><th scope=\"col\">Enhet</th><th "
       "scope=\"col\" class=\"num\">Versjon</th><th scope=\"col\" class=\"num\">Årsverk</th><th "
       "scope=\"col\" class=\"num\">Personer</th><th scope=\"col\" class=\"num\">"
       "Heltidsstillinger</th><th scope=\"col\" class=\"num\">Gj.sn. stilling (%)</th><th "
       "scope=\"col\" class=\"num\">F for heltid til alle</th><th scope=\"col\" class=\"num\">"
       "Heltidsandel i dag (%)" +
       "</th></tr></thead><tbody>" +
       (rows.empty() ? "<tr><td colspan=\"8\">Ingen bemanningsplaner ennå.</td></tr>" : rows) +
       "</tbody></table></div>";
  // A plan for a unit that has none yet.
  if (viewer.role == core::Role::kAdmin || leader) {
    std::string options;
    for (size_t u = 0; u < cube.units().size(); ++u) {
      if (newest[u] != nullptr || !MayEdit(ctx, static_cast<int>(u))) continue;
      options += Option(cube.units()[u].key, cube.units()[u].name, false);
    }
    if (!options.empty()) {
      b += "<h2>Ny bemanningsplan</h2><form class=\"inline-fields\" method=\"get\" "
           "action=\"/heltid\"><div class=\"field\"><label for=\"ny\">Enhet</label><select "
           "id=\"ny\" name=\"ny\">" +
           options + "</select></div><button type=\"submit\">Lag plan</button></form>";
    }
  }
  SendPage(ctx, res, page);
}

void ShowHeltidUnit(Context& ctx, Response& res) {
  UnitPlans u;
  if (!LoadUnit(ctx, res, &u)) return;
  const double f = ParamNumber(ctx, "f", 3, 1, 12);
  const double h = ParamNumber(ctx, "h", staffing::kRotaFullTimeHours, 1, 60);
  const bool may_edit = MayEdit(ctx, u.unit);
  Page page;
  page.title = "Heltid: " + u.info->name;
  page.nav = "heltid";
  page.breadcrumbs.push_back({"Heltid", "/heltid"});
  std::string& b = page.body;
  if (!u.plan) {
    b += "<p>Enheten har ingen bemanningsplan ennå.</p>";
    if (may_edit) {
      b += "<p><a class=\"button\" href=\"" + UnitPath(u.info->key) +
           "/plan\">Skriv bemanningsplanen</a></p>";
    }
    b += ActualFigures(ctx, u.unit);
    return SendPage(ctx, res, page);
  }
  const store::StaffingPlanRecord& current = u.versions.back();
  b += "<p>Bemanningsplan versjon " + std::to_string(current.version) + ", lagret " +
       Escape(DateLabel(current.saved_at.substr(0, 10))) +
       (current.note.empty() ? "" : ": «" + Escape(current.note) + "»") + ".";
  if (may_edit) {
    b += " <a href=\"" + UnitPath(u.info->key) + "/plan\">Endre planen</a>";
  }
  b += "</p>";
  b += PlanTable(*u.plan, "Bemanningsplanen: vaktene og hvor mange som trengs");
  const std::vector<staffing::Figures> scenarios = staffing::Scenarios(*u.plan, f, h);
  b += "<h2 id=\"kalkulator\">Hva heltid krever</h2>";
  b += ScenarioForm(UnitPath(u.info->key), f, h);
  const staffing::Figures& chosen = scenarios.front();
  if (chosen.weekends_bind) {
    b += "<p>Med hver " + DecimalText(f) + ". helg binder helgene: helgene krever " +
         std::to_string(chosen.weekend_persons) + " personer, mens timene i uken gir " +
         Num(chosen.fte, 1) + " årsverk. Da blir " + std::to_string(chosen.fulltime_positions) +
         " av " + std::to_string(chosen.persons) +
         " heltid, og de andre deler resten, ingen under " + Num(100 * chosen.min_position, 1) +
         " %.";
  } else {
    b += "<p>Med hver " + DecimalText(f) +
         ". helg binder ikke helgene: " + std::to_string(chosen.persons) + " personer, " +
         std::to_string(chosen.fulltime_positions) + " i heltid.";
  }
  if (chosen.fulltime_frequency) {
    b += " Alle kan ha heltid ved hver " + Num(*chosen.fulltime_frequency, 2) + ". helg (F*).";
  }
  b += "</p>";
  b += "<div class=\"two-col\"><div>" + PositionsChart(scenarios) + "</div><div>" +
       ActualFigures(ctx, u.unit) + PositionsList(scenarios) + "</div></div>";
  b += ScenarioTable(scenarios);
  // Rotas.
  store::Database* db = ctx.db();
  auto rotas = db->StaffingRotas(u.info->key);
  if (!rotas.ok()) return SendError(ctx, res, 503, "Turnusene kunne ikke leses nå.");
  b += "<h2 id=\"turnus\">Turnus</h2>";
  b += RotaList(u.info->key, *rotas, u.versions);
  if (may_edit) b += RotaForm(u.info->key, f, h, ctx);
  // Versions.
  b += "<h2>Versjoner av planen</h2><div class=\"table-wrap\"><table class=\"data\"><caption>"
       "Alle versjoner (" +
       std::to_string(u.versions.size()) +
       ")</caption><thead><tr><th scope=\"col\">Versjon</th><th scope=\"col\">Lagret</th><th "
       "scope=\"col\">Av</th><th scope=\"col\">Hva er endret</th></tr></thead><tbody>";
  for (auto it = u.versions.rbegin(); it != u.versions.rend(); ++it) {
    b += "<tr><th scope=\"row\">" + std::to_string(it->version) + "</th><td>" +
         Escape(DateLabel(it->saved_at.substr(0, 10))) + "</td><td>" + Escape(it->saved_by) +
         "</td><td>" + (it->note.empty() ? "–" : Escape(it->note)) + "</td></tr>";
  }
  b += "</tbody></table></div>";
  SendPage(ctx, res, page);
}

void ShowPlanEditor(Context& ctx, Response& res) {
  UnitPlans u;
  if (!LoadEditableUnit(ctx, res, &u)) return;
  Page page;
  page.title = "Bemanningsplan: " + u.info->name;
  page.nav = "heltid";
  page.breadcrumbs.push_back({"Heltid", "/heltid"});
  page.breadcrumbs.push_back({u.info->name, UnitPath(u.info->key)});
  page.body = EditorForm(ctx, u.info->key, EditorRows(u.plan), "", {});
  SendPage(ctx, res, page);
}

void SavePlanForm(Context& ctx, Response& res) {
  UnitPlans u;
  if (!LoadEditableUnit(ctx, res, &u)) return;
  // The form's rows, as a table with the contract's header.
  std::vector<std::vector<std::string>> rows;
  rows.emplace_back(std::begin(kPlanColumns), std::end(kPlanColumns));
  for (int r = 0; r < kMaxEditorRows; ++r) {
    std::vector<std::string> row;
    bool any = false;
    for (const char* column : kPlanColumns) {
      const std::string name = std::string(column) + "_" + std::to_string(r);
      row.push_back(ctx.form_param(name));
      any = any || ctx.has_param(name);
    }
    if (!any) break;
    rows.push_back(std::move(row));
  }
  const std::string note(core::Trim(ctx.form_param("merknad")));
  FormTable table(rows);
  staffing::PlanRead read = staffing::ReadPlan(table, "skjema");
  if (read.plan && read.plan->shifts.empty()) {
    read.errors.emplace_back(core::ErrorCode::kInvalidInput, "planen har ingen vakter");
  }
  if (!read.errors.empty() || !read.plan) {
    Page page;
    page.title = "Bemanningsplan: " + u.info->name;
    page.nav = "heltid";
    page.status = 400;
    page.breadcrumbs.push_back({"Heltid", "/heltid"});
    page.breadcrumbs.push_back({u.info->name, UnitPath(u.info->key)});
    rows.erase(rows.begin());
    page.body = EditorForm(ctx, u.info->key, rows, note, read.errors);
    res.status = 400;
    return SendPage(ctx, res, page);
  }
  store::StaffingPlanRecord record;
  record.unit_key = u.info->key;
  record.plan_csv = staffing::WritePlanCsv(*read.plan);
  record.note = note.substr(0, 300);
  record.saved_by = ctx.session()->user;
  record.saved_at = ctx.clock().NowUtc();
  auto added = ctx.db()->AddStaffingPlan(record);
  if (!added.ok()) return SendError(ctx, res, 503, "Planen kunne ikke lagres nå. Prøv igjen.");
  ctx.AuditObject("staffing_plan:" + u.info->key, "versjon " + std::to_string(added->version));
  SendRedirect(res, UnitPath(u.info->key));
}

void MakeRotaForm(Context& ctx, Response& res) {
  UnitPlans u;
  if (!LoadEditableUnit(ctx, res, &u)) return;
  if (!u.plan)
    return SendError(ctx, res, 400, "Enheten har ingen bemanningsplan å lage turnus fra.");
  const std::string weeks_text = ctx.form_param("uker");
  const int weeks = weeks_text == "8" ? 8 : weeks_text == "12" ? 12 : weeks_text == "6" ? 6 : 0;
  if (weeks == 0) return SendError(ctx, res, 400, "Turnusperioden er 6, 8 eller 12 uker.");
  const double f = ParamNumber(ctx, "f", 0, 1, 12);
  const double h = ParamNumber(ctx, "h", 0, 1, 60);
  if (f == 0 || h == 0) {
    return SendError(ctx, res, 400, "Helgefrekvensen og heltiden må være tall.");
  }
  const bool agreed = ctx.form_param("avtalt") == "1";
  auto data = ReadRules(ctx);
  if (!data.ok()) return SendError(ctx, res, 503, "Arbeidstidsreglene kunne ikke leses.");
  auto rules = staffing::RotaRules::FromData(*data, ctx.clock().Today(), f, h, agreed);
  if (!rules.ok()) return SendError(ctx, res, 503, "Arbeidstidsreglene kunne ikke leses.");
  std::unique_lock<std::mutex> turn(rota_solver, std::try_to_lock);
  if (!turn.owns_lock()) {
    res.set_header("Retry-After",
                   std::to_string(static_cast<int>(ctx.services().options.rota_seconds)));
    return SendError(ctx, res, 503,
                     "En annen turnus lages akkurat nå. Prøv igjen om et halvt minutt.",
                     "Prøv igjen om litt");
  }
  const std::vector<staffing::StaffMember> staff =
      staffing::ProposedStaff(staffing::Calculate(*u.plan, f, h));
  staffing::RotaOptions options;
  options.time_limit_seconds = ctx.services().options.rota_seconds;
  options.threads = 2;
  const staffing::RotaResult r = staffing::BuildRota(*u.plan, *rules, weeks, staff, options);
  turn.unlock();
  if (!r.found) {
    return SendError(ctx, res, 400,
                     "Fant ingen turnus som holder timene til disse " +
                         std::to_string(staff.size()) +
                         " stillingene og reglene. Prøv en annen helgefrekvens.");
  }
  store::StaffingRotaRecord record;
  record.unit_key = u.info->key;
  record.plan_id = u.versions.back().id;
  record.weeks = weeks;
  record.weekend_frequency = f;
  record.full_time_hours = h;
  record.agreed_rest = agreed;
  record.rota_csv = staffing::WriteRotaCsv(r.rota, *u.plan);
  record.broken = static_cast<int>(r.check.broken.size());
  record.uncovered = static_cast<int>(r.check.uncovered.size());
  record.seconds = r.seconds;
  record.made_by = ctx.session()->user;
  record.made_at = ctx.clock().NowUtc();
  int64_t id = 0;
  ctx.AuditObject("staffing_rota:" + u.info->key, std::to_string(weeks) + " uker");
  core::Status saved = ctx.CommitAudited([&]() -> core::Status {
    auto added = ctx.db()->AddStaffingRota(record);
    if (!added.ok()) return added.error();
    id = added->id;
    return core::Ok{};
  });
  if (!saved.ok()) return SendError(ctx, res, 503, "Turnusen kunne ikke lagres nå. Prøv igjen.");
  SendRedirect(res, RotaHref(u.info->key, id));
}

namespace {

struct LoadedRota {
  store::StaffingRotaRecord record;
  staffing::Plan plan;
  staffing::Rota rota;
  staffing::RotaRules rules;
  staffing::RotaCheck check;
  int plan_version = 0;
};

// The rota of the path, read back and checked again by the rules in force; false after sending
// the error page.
bool LoadRota(Context& ctx, Response& res, UnitPlans* u, LoadedRota* out) {
  if (!LoadUnit(ctx, res, u)) return false;
  int64_t id = 0;
  const std::string id_text = ctx.match(2);
  std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  auto record = ctx.db()->LoadStaffingRota(id);
  if (!record.ok()) {
    SendError(ctx, res, 503, "Turnusen kunne ikke leses nå.");
    return false;
  }
  if (!record->has_value() || (*record)->unit_key != u->info->key) {
    SendError(ctx, res, 404, "Fant ingen turnus med dette nummeret for enheten.");
    return false;
  }
  out->record = std::move(**record);
  const store::StaffingPlanRecord* plan = nullptr;
  for (const store::StaffingPlanRecord& v : u->versions) {
    if (v.id == out->record.plan_id) plan = &v;
  }
  std::optional<staffing::Plan> parsed;
  if (plan != nullptr) parsed = ParsePlan(plan->plan_csv);
  if (!parsed) {
    SendError(ctx, res, 503, "Bemanningsplanen turnusen ble laget fra kunne ikke leses.");
    return false;
  }
  out->plan = std::move(*parsed);
  out->plan_version = plan->version;
  ingest::CsvReader reader("turnus.csv", out->record.rota_csv);
  std::vector<core::Error> errors;
  auto rota = staffing::ReadRota(reader, out->plan, "turnus.csv", &errors);
  auto data = ReadRules(ctx);
  core::Result<staffing::RotaRules> rules =
      data.ok()
          ? staffing::RotaRules::FromData(*data, ctx.clock().Today(), out->record.weekend_frequency,
                                          out->record.full_time_hours, out->record.agreed_rest)
          : core::Result<staffing::RotaRules>(data.error());
  if (!rota || !rules.ok()) {
    SendError(ctx, res, 503, "Turnusen kunne ikke leses nå.");
    return false;
  }
  out->rota = std::move(*rota);
  out->rules = *rules;
  out->check = staffing::CheckRota(out->plan, out->rota, out->rules);
  return true;
}

}  // namespace

void ShowRota(Context& ctx, Response& res) {
  UnitPlans u;
  LoadedRota r;
  if (!LoadRota(ctx, res, &u, &r)) return;
  Page page;
  page.title = "Turnus for " + u.info->name;
  page.nav = "heltid";
  page.breadcrumbs.push_back({"Heltid", "/heltid"});
  page.breadcrumbs.push_back({u.info->name, UnitPath(u.info->key)});
  std::string& b = page.body;
  int fulltime = 0;
  for (const staffing::RotaPerson& p : r.rota.persons) fulltime += p.position_size >= 100 ? 1 : 0;
  b += "<div class=\"rota-print\">";
  b += "<p>" + std::to_string(r.rota.weeks) + " uker fra bemanningsplan versjon " +
       std::to_string(r.plan_version) + ", hver " + DecimalText(r.record.weekend_frequency) +
       ". helg, heltid " + DecimalText(r.record.full_time_hours) + " t, " +
       (r.record.agreed_rest ? "hviletid etter avtale (8 t / 28 t)"
                             : "lovens hviletid (11 t / 35 t)") +
       ". " + std::to_string(r.rota.persons.size()) + " stillinger, " + std::to_string(fulltime) +
       " i heltid. Laget " + Escape(DateLabel(r.record.made_at.substr(0, 10))) + " på " +
       Num(r.record.seconds, 1) + " s. Turnusen gjentas: dag " + std::to_string(r.rota.days()) +
       " følges av dag 1.</p>";
  const std::string href = RotaHref(u.info->key, r.record.id);
  b += "<p class=\"actions\">Last ned: <a href=\"" + href +
       ".pdf\" download>PDF (A4 liggende)</a> "
       "<a href=\"" +
       href + ".xlsx\" download>Regneark (XLSX)</a> <a href=\"" + href +
       ".csv\" download>CSV</a></p>";
  b += Findings(r.check);
  b += Legend(r.plan);
  b += RotaGrid(r.plan, r.rota, r.check);
  b += "<p class=\"hint\">Reglene turnusen er sjekket mot: daglig hvile " +
       Num(r.rules.daily_rest_minutes / 60.0, 0) + " t (" + Escape(r.rules.daily_rest_source) +
       "), ukentlig hvile " + Num(r.rules.weekly_rest_minutes / 60.0, 0) +
       " t innen hver "
       "kalenderuke (" +
       Escape(r.rules.weekly_rest_source) + "), høyst " + Num(r.rules.max_shift_minutes / 60.0, 1) +
       " t per vakt (" + Escape(r.rules.max_shift_source) + "), høyst " +
       Num(r.rules.max_week_minutes / 60.0, 0) + " t i en uke (" + Escape(r.rules.max_week_source) +
       "), høyst " + DecimalText(r.rota.weeks / r.rules.weekend_frequency) +
       " helger hver, og timene innen én time per uke av stillingen.</p>";
  b += "</div>";
  SendPage(ctx, res, page);
}

void DownloadRota(Context& ctx, Response& res) {
  UnitPlans u;
  LoadedRota r;
  if (!LoadRota(ctx, res, &u, &r)) return;
  const std::string ext = ctx.match(3);
  const std::string name = "turnus-" + u.info->key + "-" + std::to_string(r.record.id) + "." + ext;
  if (ext == "csv") {
    res.set_header("Content-Disposition", AttachmentDisposition(name));
    return res.set_content(staffing::WriteRotaCsv(r.rota, r.plan), "text/csv; charset=utf-8");
  }
  report::RotaDocument doc;
  doc.plan = &r.plan;
  doc.rota = &r.rota;
  doc.rules = &r.rules;
  doc.unit = u.info->name;
  doc.plan_label = "bemanningsplan versjon " + std::to_string(r.plan_version);
  doc.made_on = r.record.made_at.substr(0, 10);
  std::optional<PrintQueue::Turn> turn;
  if (ext == "pdf") {
    turn = Printer(ctx).Enter();
    if (!turn) {
      const int wait = Printer(ctx).RetryAfterSeconds();
      res.set_header("Retry-After", std::to_string(wait));
      return SendError(ctx, res, 503,
                       "Flere PDF-er lages akkurat nå. Prøv igjen om " + std::to_string(wait) +
                           " sekunder, eller last ned regnearket.",
                       "Prøv igjen om litt");
    }
  }
  auto bytes = BytesWrittenBy(
      "turnus." + ext, [&](const std::string& path) { return report::WriteRota(doc, path); });
  turn.reset();
  if (SentWriteError(ctx, res, bytes, "Turnusen kunne ikke skrives som fil.")) return;
  res.set_header("Content-Disposition", AttachmentDisposition(name));
  res.set_content(std::move(bytes).value(),
                  ext == "pdf"
                      ? "application/pdf"
                      : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

}  // namespace agp::web
