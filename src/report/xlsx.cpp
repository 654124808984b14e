// The report as an XLSX workbook (issue 6), for readers who want to work on the figures:
//   "Om rapporten"  what the figures are, whom they are for and how small groups are hidden;
//   "Mål"           every goal with its status and each of its indicator lines;
//   one sheet per top-level node of the policy: the trend of each indicator line below it, and
//                   the line's unit breakdown for the report's period;
//   "Indikatorer"   every figure the report shows, flat, one row per indicator, unit and period.
// Figures are numeric cells; a suppressed figure is the text "skjult" and never a number, so the
// workbook shows exactly what the HTML report shows to the same audience. Written with
// libxlsxwriter to a file beside the target, then renamed into place (xlsx_sheet.h).
#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "core/text.h"
#include "metrics/labels.h"
#include "policy/evaluation.h"
#include "report/report.h"
#include "report/xlsx_sheet.h"

namespace agp::report {
namespace {

constexpr size_t kMaxSheetName = 31;  // characters (Excel's limit, LXW_SHEETNAME_MAX)
constexpr const char* kSuppressed = "skjult";

// ---------------------------------------------------------------------------------------------
// UTF-8 text

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The first `chars` characters of `s` (never half a character).
std::string Utf8Prefix(std::string_view s, size_t chars) {
  size_t end = 0;
  for (size_t seen = 0; end < s.size(); ++end) {
    if (!IsContinuation(s[end]) && seen++ == chars) break;
  }
  return std::string(s.substr(0, end));
}

// The form Excel compares sheet names in: case does not count. ASCII and the Latin-1 capitals
// (Æ, Ø, Å and the accented ones, U+00C0–U+00DE but ×) are lowered; that covers Norwegian.
std::string Fold(std::string_view s) {
  std::string out(s);
  for (size_t i = 0; i < out.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c - 'A' + 'a');
    } else if (c == 0xC3 && i + 1 < out.size()) {
      unsigned char next = static_cast<unsigned char>(out[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) out[i + 1] = static_cast<char>(next + 0x20);
      ++i;
    }
  }
  return out;
}

// Without spaces and apostrophes at either end (Excel refuses a name that begins or ends with
// an apostrophe; spaces there only confuse).
std::string TrimName(std::string_view s) {
  size_t b = s.find_first_not_of(" '");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" '");
  return std::string(s.substr(b, e - b + 1));
}

// Sheet names Excel accepts, each once: at most 31 characters, none of []:*?/\ or control
// characters, no apostrophe first or last, not the reserved "History", and unique without
// regard to case ("Mål", "Mål (2)", …).
class SheetNames {
 public:
  std::string Unique(std::string_view wanted) {
    std::string clean;
    for (char c : wanted) {
      bool bad = static_cast<unsigned char>(c) < 0x20 || std::strchr("[]:*?/\\", c) != nullptr;
      clean += bad ? '-' : c;
    }
    std::string base = TrimName(Utf8Prefix(TrimName(clean), kMaxSheetName));
    if (base.empty()) base = "Ark";
    std::string name = base;
    for (int n = 2; taken_.contains(Fold(name)); ++n) {
      std::string suffix = " (" + std::to_string(n) + ")";
      name = TrimName(Utf8Prefix(base, kMaxSheetName - suffix.size())) + suffix;
    }
    taken_.insert(Fold(name));
    return name;
  }

 private:
  std::set<std::string> taken_{"history"};  // folded
};

// ---------------------------------------------------------------------------------------------
// Writing cells

// The number format an indicator's values are shown with (its decimals, as on the pages).
lxw_format* ValueFormat(const Formats& formats, const std::string& key) {
  int d = metrics::IndicatorDecimals(key);
  return formats.decimals[static_cast<size_t>(
      std::clamp(d, 0, static_cast<int>(formats.decimals.size()) - 1))];
}

// A sheet of the report: cells and the report's figures.
class Sheet : public SheetWriter {
 public:
  using SheetWriter::SheetWriter;

  // A figure's value as the report shows it: a number, "skjult", or nothing (no figure).
  void Value(lxw_row_t row, lxw_col_t col, const metrics::Cell* cell, const std::string& key) {
    if (cell == nullptr) return;
    if (cell->suppressed) return Text(row, col, kSuppressed);
    Number(row, col, cell->value, ValueFormat(formats(), key));
  }
  // Value, numerator, denominator and persons from `col` on; suppressed: "skjult" and nothing.
  void Figures(lxw_row_t row, lxw_col_t col, const metrics::Cell* cell, const std::string& key) {
    Value(row, col, cell, key);
    if (cell == nullptr || cell->suppressed) return;
    Number(row, col + 1, cell->numerator);
    Number(row, col + 2, cell->denominator);
    Number(row, col + 3, static_cast<double>(cell->population()));
  }
};

// ---------------------------------------------------------------------------------------------
// What the sheets show

std::string PeriodText(const core::Period& p) { return core::PeriodLabel(p.ToString()); }

// The policy the report reads (its own copy when BuildReport made one), nullptr when none.
const policy::Policy* PolicyOf(const Report& report) {
  return report.policy != nullptr ? report.policy.get() : report.input.policy;
}

const std::string& NodeTitle(const NodeBlock& n) {
  static const std::string kNone;
  return n.node != nullptr ? n.node->title : kNone;
}

// "15. januar 2025 kl. 08:30 UTC" for "2025-01-15T08:30:00Z"; "ukjent" for "".
std::string ImportedText(const std::string& iso) {
  if (iso.empty()) return "ukjent";
  std::string out = core::DateLabel(iso.substr(0, 10));
  if (iso.size() >= 16 && iso[10] == 'T') out += " kl. " + iso.substr(11, 5) + " UTC";
  return out;
}

// One figure of the flat sheet: the cell is the report's own.
struct FlatFigure {
  const std::string* key;
  const std::string* unit_key;
  const std::string* unit_name;
  core::Period period;
  const metrics::Cell* cell;
  size_t series;  // the place of (key, unit) in the report, for the order of the rows
};

// Every figure the report shows (each line's current value, its trend, its breakdown), once for
// each indicator, unit and period: by indicator and unit in the order the report first shows
// them, then by period.
std::vector<FlatFigure> FlatFigures(const Report& report) {
  std::vector<FlatFigure> out;
  std::set<std::tuple<std::string, std::string, core::Period>> seen;
  std::map<std::pair<std::string, std::string>, size_t> series;
  auto add = [&](const std::string& key, const std::string& unit_key, const std::string& unit_name,
                 const core::Period& period, const metrics::Cell& cell) {
    if (!seen.emplace(key, unit_key, period).second) return;
    size_t place = series.emplace(std::pair(key, unit_key), series.size()).first->second;
    out.push_back({&key, &unit_key, &unit_name, period, &cell, place});
  };
  const core::Period& period = report.input.period;
  for (const NodeBlock& n : report.nodes) {
    for (const IndicatorBlock& line : n.indicators) {
      if (line.has_current) add(line.key, line.unit_key, line.unit_name, period, line.current);
      for (const TrendPoint& p : line.trend) {
        if (p.has_cell) add(line.key, line.unit_key, line.unit_name, p.period, p.cell);
      }
      for (const UnitFigure& u : line.breakdown) {
        if (u.has_cell) add(line.key, u.key, u.name, period, u.cell);
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const FlatFigure& a, const FlatFigure& b) {
    return std::tie(a.series, a.period) < std::tie(b.series, b.period);
  });
  return out;
}

void WriteAbout(Sheet& s, const Report& report) {
  const ReportInput& in = report.input;
  const policy::Policy* policy = PolicyOf(report);
  s.Widths({28, 90});
  s.Text(0, 0, "Om rapporten", s.formats().title);
  std::string suppression =
      in.audience_kind == Audience::kAdmin
          ? "Rapporten viser alle tall, også for grupper under " + std::to_string(in.min_group) +
                " personer. Den er ikke for offentliggjøring."
          : "Tall om færre enn " + std::to_string(in.min_group) +
                " personer, og tall som ville gjøre det mulig å regne dem ut, er skjult og står "
                "som «skjult». Tallene er de samme som i rapportens HTML- og PDF-utgave for samme "
                "målgruppe.";
  std::vector<std::pair<std::string, std::string>> rows = {
      {"Organisasjon", policy != nullptr ? policy->organisation : ""},
      {"Arbeidsgiverpolitikk", policy != nullptr ? policy->title : ""},
      {"Versjon av politikken", in.policy_version > 0 ? std::to_string(in.policy_version) : ""},
      {"Enhet", report.unit_name},
      {"Periode", PeriodText(in.period)},
      {"Målgruppe", AudienceLabel(in.audience_kind)},
      {"Dataversjon", std::to_string(in.data_version)},
      {"Data importert", ImportedText(in.imported_at)},
      {"Importfil", in.imported_from},
      {"Laget", core::DateLabel(in.generated_on)},
      {"Minste gruppestørrelse", std::to_string(in.min_group) + " personer"},
      {"Skjerming av små grupper", suppression},
      {"Mål", std::to_string(report.goals)},
      {"Tiltak", std::to_string(report.measures)},
  };
  lxw_row_t row = 2;
  for (const auto& [label, text] : rows) {
    s.Text(row, 0, label, s.formats().bold);
    s.Text(row++, 1, text, s.formats().wrap);
  }
  ++row;
  s.Text(row++, 0, "Mål etter status", s.formats().bold);
  for (size_t i = 0; i < report.status_counts.size(); ++i) {
    s.Text(row, 0, policy::StatusLabel(static_cast<policy::GoalStatus>(i)));
    s.Number(row++, 1, report.status_counts[i], s.formats().decimals[0]);
  }
  ++row;
  s.Text(row++, 0, "Arkene", s.formats().bold);
  s.Text(row, 0, "Mål");
  s.Text(row++, 1, "Hvert mål med status, og hver indikator målet følges med.", s.formats().wrap);
  s.Text(row, 0, "Ett ark per hovedpunkt");
  s.Text(row++, 1,
         "Utviklingen over år for hver indikator under punktet, og fordelingen på enheter for "
         "perioden.",
         s.formats().wrap);
  s.Text(row, 0, "Indikatorer");
  s.Text(row++, 1,
         "Alle tall rapporten viser, ett per indikator, enhet og periode, for videre bearbeiding.",
         s.formats().wrap);
}

void WriteGoals(Sheet& s, const Report& report) {
  const std::vector<std::string> headers = {
      "Nummer",    "Mål",       "Status",          "Indikator", "Enhet",  "Målverdi",
      "Verdi",     "Måleenhet", "Indikatorstatus", "Regel",     "Landet", "Landet, periode",
      "Vurdering", "Vurdert av"};
  s.Widths({8, 45, 13, 32, 22, 34, 10, 10, 15, 36, 10, 14, 12, 26});
  s.Text(0, 0,
         "Måloppnåelse " + PeriodText(report.input.period) +
             (report.unit_name.empty() ? "" : " – " + report.unit_name),
         s.formats().title);
  s.Headers(1, headers);
  s.FreezeAbove(2);
  lxw_row_t row = 2;
  auto goal_columns = [&](const NodeBlock& n) {
    s.Text(row, 0, n.number);
    s.Text(row, 1, NodeTitle(n));
    s.Text(row, 2, policy::StatusLabel(n.status));
    if (n.assessment) {
      s.Text(row, 12, n.assessment->verdict);
      s.Text(row, 13, n.assessment->assessed_by);
    }
  };
  for (const NodeBlock& n : report.nodes) {
    if (!n.goal) continue;
    if (n.indicators.empty()) {  // one row with the goal's status and no figures
      goal_columns(n);
      ++row;
    }
    for (const IndicatorBlock& line : n.indicators) {
      goal_columns(n);
      s.Text(row, 3, metrics::IndicatorLabel(line.key));
      s.Text(row, 4, line.unit_name);
      s.Text(row, 5, line.target_words);
      s.Value(row, 6, line.has_current ? &line.current : nullptr, line.key);
      s.Text(row, 7, metrics::IndicatorUnit(line.key));
      s.Text(row, 8, policy::StatusLabel(line.status));
      s.Text(row, 9, line.rule);
      if (line.national != nullptr) {
        s.Number(row, 10, line.national->value, ValueFormat(s.formats(), line.key));
        s.Text(row, 11, core::PeriodLabel(line.national->period));
      }
      ++row;
    }
  }
  s.Filter(1, row - 1, headers.size());
}

// The sheet of the top-level node report.nodes[first]: the indicator lines of it and of every
// node below it (up to the next top-level node).
void WriteTopNode(Sheet& s, const Report& report, size_t first) {
  const NodeBlock& top = report.nodes[first];
  std::vector<std::pair<const NodeBlock*, const IndicatorBlock*>> lines;
  std::set<core::Period> years;  // the trend's periods, oldest first
  for (size_t i = first; i < report.nodes.size(); ++i) {
    const NodeBlock& n = report.nodes[i];
    if (i > first && n.depth == 0) break;
    for (const IndicatorBlock& line : n.indicators) {
      lines.emplace_back(&n, &line);
      for (const TrendPoint& p : line.trend) years.insert(p.period);
    }
  }

  s.Text(0, 0, top.number + " " + NodeTitle(top), s.formats().title);
  if (lines.empty()) {
    s.Widths({60});
    s.Text(2, 0, "Ingen indikatorer under dette punktet.");
    return;
  }

  // The trends: one row per indicator line, one column per period.
  std::vector<std::string> headers = {"Nummer", "Mål", "Indikator", "Enhet", "Måleenhet"};
  std::vector<double> widths = {8, 40, 32, 22, 10};
  for (const core::Period& p : years) {
    headers.push_back(PeriodText(p));
    widths.push_back(10);
  }
  const auto target_col = static_cast<lxw_col_t>(headers.size());
  headers.insert(headers.end(), {"Målverdi", "Status"});
  widths.insert(widths.end(), {34, 14});
  s.Widths(widths);
  s.Headers(1, headers);
  s.FreezeAbove(2);
  lxw_row_t row = 2;
  for (const auto& [node, line] : lines) {
    s.Text(row, 0, node->number);
    s.Text(row, 1, NodeTitle(*node));
    s.Text(row, 2, metrics::IndicatorLabel(line->key));
    s.Text(row, 3, line->unit_name);
    s.Text(row, 4, metrics::IndicatorUnit(line->key));
    for (const TrendPoint& p : line->trend) {
      if (!p.has_cell) continue;
      auto col = static_cast<lxw_col_t>(5 + std::distance(years.begin(), years.find(p.period)));
      s.Value(row, col, &p.cell, line->key);
    }
    s.Text(row, target_col, line->target_words);
    s.Text(row, target_col + 1, policy::StatusLabel(line->status));
    ++row;
  }
  s.Filter(1, row - 1, headers.size());

  // The breakdowns for the report's period, below the trends.
  bool any = false;
  for (const auto& entry : lines) any = any || !entry.second->breakdown.empty();
  if (!any) return;
  row += 1;
  s.Text(row++, 0, "Fordelt på enheter, " + PeriodText(report.input.period), s.formats().bold);
  s.Headers(row++, {"Nummer", "Indikator", "Enhet", "Verdi", "Teller", "Nevner", "Personer"});
  for (const auto& [node, line] : lines) {
    for (const UnitFigure& u : line->breakdown) {
      s.Text(row, 0, node->number);
      s.Text(row, 1, metrics::IndicatorLabel(line->key));
      s.Text(row, 2, u.name);
      s.Figures(row, 3, u.has_cell ? &u.cell : nullptr, line->key);
      ++row;
    }
  }
}

void WriteFigures(Sheet& s, const Report& report) {
  const std::vector<std::string> headers = {"Indikatornøkkel", "Indikator", "Enhets-ID", "Enhet",
                                            "Periode",         "Verdi",     "Teller",    "Nevner",
                                            "Personer",        "Skjult"};
  s.Widths({26, 40, 12, 26, 10, 10, 10, 10, 10, 8});
  s.Headers(0, headers);
  s.FreezeAbove(1);
  lxw_row_t row = 1;
  for (const FlatFigure& f : FlatFigures(report)) {
    s.Text(row, 0, *f.key);
    s.Text(row, 1, metrics::IndicatorLabel(*f.key));
    s.Text(row, 2, *f.unit_key);
    s.Text(row, 3, *f.unit_name);
    s.Text(row, 4, f.period.ToString());
    if (!f.cell->suppressed) s.Figures(row, 5, f.cell, *f.key);
    s.Boolean(row, 9, f.cell->suppressed);
    ++row;
  }
  s.Filter(0, row - 1, headers.size());
}

// Fills the workbook. The first error libxlsxwriter reported, LXW_NO_ERROR when none.
lxw_error FillWorkbook(lxw_workbook* wb, const Report& report) {
  const ReportInput& in = report.input;
  const policy::Policy* policy = PolicyOf(report);
  std::string title = (policy != nullptr ? policy->title : std::string("Arbeidsgiverpolitikk")) +
                      " – rapport for " + PeriodText(in.period);
  std::string subject = "Måloppnåelse og indikatorer, " + report.unit_name;
  std::string author = "agp";
  std::string company = policy != nullptr ? policy->organisation : "";
  std::string comments = AudienceLabel(in.audience_kind);
  lxw_doc_properties properties{};
  properties.title = title.data();
  properties.subject = subject.data();
  properties.author = author.data();
  properties.company = company.data();
  properties.comments = comments.data();
  lxw_error error = workbook_set_properties(wb, &properties);

  Formats formats(wb);
  SheetNames names;
  // The fixed names first, so that no node's sheet takes them.
  std::string about_name = names.Unique("Om rapporten");
  std::string goals_name = names.Unique("Mål");
  std::string figures_name = names.Unique("Indikatorer");
  std::vector<std::pair<size_t, std::string>> tops;
  for (size_t i = 0; i < report.nodes.size(); ++i) {
    const NodeBlock& n = report.nodes[i];
    if (n.depth == 0) tops.emplace_back(i, names.Unique(n.number + " " + NodeTitle(n)));
  }

  auto add = [&](const std::string& name) -> std::optional<Sheet> {
    lxw_error invalid = workbook_validate_sheet_name(wb, name.c_str());
    lxw_worksheet* ws =
        invalid == LXW_NO_ERROR ? workbook_add_worksheet(wb, name.c_str()) : nullptr;
    if (ws == nullptr) {
      if (error == LXW_NO_ERROR) {
        error = invalid != LXW_NO_ERROR ? invalid : LXW_ERROR_MEMORY_MALLOC_FAILED;
      }
      return std::nullopt;
    }
    return Sheet(ws, formats, &error);
  };
  if (auto s = add(about_name)) WriteAbout(*s, report);
  if (auto s = add(goals_name)) WriteGoals(*s, report);
  for (const auto& [index, name] : tops) {
    if (auto s = add(name)) WriteTopNode(*s, report, index);
  }
  if (auto s = add(figures_name)) WriteFigures(*s, report);
  return error;
}

}  // namespace

core::Status WriteXlsx(const Report& report, const std::string& path) {
  return WriteWorkbook(path, [&](lxw_workbook* wb) { return FillWorkbook(wb, report); });
}

}  // namespace agp::report
