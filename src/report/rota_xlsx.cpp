// The rota as an XLSX workbook (rota_export.h), for those who keep rotas in spreadsheets:
//   "Turnus"  the grid: a row per person, a column per day (weekend columns shaded, shift codes
//             as text, names and headers frozen), each person's hours and weekends, and below
//             the persons each shift's staff and need per day;
//   "Regler"  the rules the rota is checked against, with their sources, and every finding;
//   "Vakter"  the plan's shifts and their staff by weekday.
// Written with libxlsxwriter through the writer the report's workbook uses (xlsx_sheet.h).
#include <xlsxwriter.h>

#include <string>
#include <vector>

#include "core/text.h"
#include "report/rota_export.h"
#include "report/rota_parts.h"
#include "report/xlsx_sheet.h"

namespace agp::report {

namespace {

using rota::RotaFacts;

constexpr uint32_t kWeekendFill = 0xE4E4E4;
constexpr uint32_t kShortFill = 0xFBE4E4;
constexpr uint32_t kBrokenInk = 0xA51D1D;

// The grid's own formats, beside the shared ones.
struct GridFormats {
  explicit GridFormats(lxw_workbook* wb) {
    auto centred = [&](bool shaded, bool header) {
      lxw_format* f = workbook_add_format(wb);
      format_set_align(f, LXW_ALIGN_CENTER);
      format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
      if (header) {
        format_set_bold(f);
        format_set_text_wrap(f);
        format_set_bottom(f, LXW_BORDER_THIN);
      }
      if (shaded) format_set_bg_color(f, kWeekendFill);
      return f;
    };
    day = centred(false, false);
    weekend = centred(true, false);
    day_header = centred(false, true);
    weekend_header = centred(true, true);
    week = workbook_add_format(wb);
    format_set_bold(week);
    format_set_align(week, LXW_ALIGN_CENTER);
    format_set_left(week, LXW_BORDER_MEDIUM);
    short_cover = workbook_add_format(wb);
    format_set_bg_color(short_cover, kShortFill);
    format_set_font_color(short_cover, kBrokenInk);
    format_set_bold(short_cover);
    format_set_align(short_cover, LXW_ALIGN_CENTER);
    hours = workbook_add_format(wb);
    format_set_num_format(hours, "0.0");
    broken_hours = workbook_add_format(wb);
    format_set_num_format(broken_hours, "0.0");
    format_set_font_color(broken_hours, kBrokenInk);
    format_set_bold(broken_hours);
    broken_count = workbook_add_format(wb);
    format_set_font_color(broken_count, kBrokenInk);
    format_set_bold(broken_count);
  }

  lxw_format *day, *weekend, *day_header, *weekend_header, *week, *short_cover;
  lxw_format *hours, *broken_hours, *broken_count;
};

constexpr lxw_col_t kFirstDayCol = 2;  // A: person, B: position size

void WriteGrid(SheetWriter& s, const GridFormats& g, const RotaFacts& f) {
  const RotaDocument& doc = *f.doc;
  const staffing::Rota& r = *doc.rota;
  const staffing::Plan& plan = *doc.plan;
  const Formats& shared = s.formats();
  const int days = r.days();
  const auto total_col = static_cast<lxw_col_t>(kFirstDayCol + days);

  std::vector<double> widths = {24, 9};
  widths.insert(widths.end(), static_cast<size_t>(days), 4.6);
  widths.insert(widths.end(), {9, 11, 9, 8});
  s.Widths(widths);
  s.Text(0, 0, doc.unit.empty() ? std::string("Turnus") : "Turnus for " + doc.unit, shared.title);
  std::string about = std::to_string(r.weeks) + " uker, " +
                      rota::WeekendWords(doc.rules->weekend_frequency) + ", heltid " +
                      core::DecimalText(doc.rules->full_time_hours) + " t per uke";
  if (!doc.plan_label.empty()) about = "Bemanningsplan " + doc.plan_label + "; " + about;
  if (!doc.made_on.empty()) about += "; laget " + core::DateLabel(doc.made_on);
  s.Text(1, 0, about);
  s.Text(2, 0, rota::Verdict(f),
         f.check.keeps_rules() && f.check.covers_plan() ? nullptr : g.broken_count);

  // Row 4: the weeks over their seven days; row 5: the column headers.
  constexpr lxw_row_t kWeekRow = 4, kHeaderRow = 5, kFirstPersonRow = 6;
  for (int w = 0; w < r.weeks; ++w) {
    const auto first = static_cast<lxw_col_t>(kFirstDayCol + 7 * w);
    const std::string label = "Uke " + std::to_string(w + 1);
    worksheet_merge_range(s.worksheet(), kWeekRow, first, kWeekRow, first + 6, label.c_str(),
                          g.week);
  }
  s.Text(kHeaderRow, 0, "Person", shared.header);
  s.Text(kHeaderRow, 1, "Stilling (%)", shared.header);
  for (int d = 0; d < days; ++d) {
    s.Text(kHeaderRow, static_cast<lxw_col_t>(kFirstDayCol + d),
           std::string(rota::kWeekdayShort[d % 7]) + " " + std::to_string(d + 1),
           rota::IsWeekend(d) ? g.weekend_header : g.day_header);
  }
  const char* totals[] = {"Timer", "Timer etter stilling", "Avvik (t)", "Helger"};
  for (lxw_col_t c = 0; c < 4; ++c) s.Text(kHeaderRow, total_col + c, totals[c], shared.header);
  s.Freeze(kFirstPersonRow, kFirstDayCol);

  std::vector<char> hours_broken(r.persons.size(), 0), weekends_broken(r.persons.size(), 0);
  for (const staffing::RotaFinding& b : f.check.broken) {
    if (b.person < 0 || b.person >= static_cast<int>(r.persons.size())) continue;
    if (b.rule == "hours") hours_broken[static_cast<size_t>(b.person)] = 1;
    if (b.rule == "weekends") weekends_broken[static_cast<size_t>(b.person)] = 1;
  }
  lxw_row_t row = kFirstPersonRow;
  for (size_t pi = 0; pi < r.persons.size(); ++pi, ++row) {
    const staffing::RotaPerson& p = r.persons[pi];
    const staffing::PersonTotals& t = f.check.persons[pi];
    s.Text(row, 0, p.name);
    s.Number(row, 1, p.position_size);
    for (int d = 0; d < days; ++d) {
      const auto col = static_cast<lxw_col_t>(kFirstDayCol + d);
      const int shift =
          static_cast<size_t>(d) < p.cells.size() ? p.cells[static_cast<size_t>(d)] : -1;
      lxw_format* fmt = rota::IsWeekend(d) ? g.weekend : g.day;
      if (shift >= 0) {
        s.Text(row, col, plan.shifts[static_cast<size_t>(shift)].code, fmt);
      } else if (rota::IsWeekend(d)) {
        s.Blank(row, col, fmt);
      }
    }
    const bool hours_off = hours_broken[pi] != 0;
    s.Number(row, total_col, t.paid_minutes / 60.0, hours_off ? g.broken_hours : g.hours);
    s.Number(row, total_col + 1, t.target_minutes / 60.0, g.hours);
    s.Number(row, total_col + 2, (t.paid_minutes - t.target_minutes) / 60.0,
             hours_off ? g.broken_hours : g.hours);
    s.Number(row, total_col + 3, t.weekends, weekends_broken[pi] ? g.broken_count : nullptr);
  }

  // Below the persons: for each shift, the persons on it and the plan's need, day by day.
  ++row;
  for (size_t sh = 0; sh < plan.shifts.size(); ++sh) {
    const std::string& code = plan.shifts[sh].code;
    s.Text(row, 0, code + ": bemannet", shared.bold);
    s.Text(row + 1, 0, code + ": behov");
    for (int d = 0; d < days; ++d) {
      const auto col = static_cast<lxw_col_t>(kFirstDayCol + d);
      const int have = f.staffed[sh][static_cast<size_t>(d)], need = f.Need(sh, d);
      lxw_format* fmt = have < need ? g.short_cover : rota::IsWeekend(d) ? g.weekend : g.day;
      s.Number(row, col, have, fmt);
      s.Number(row + 1, col, need, rota::IsWeekend(d) ? g.weekend : g.day);
    }
    row += 2;
  }
}

void WriteRules(SheetWriter& s, const RotaFacts& f) {
  const Formats& shared = s.formats();
  s.Widths({12, 14, 22, 6, 110});
  s.Text(0, 0, "Regler og funn", shared.title);
  // The rules: the requirement and its source in one cell, which runs on over the empty cells.
  s.Headers(2, {"Regel", "Krav (kilde)"});
  lxw_row_t row = 3;
  for (const rota::RuleRow& r : rota::RuleRows(f)) {
    s.Text(row, 0, r.name);
    s.Text(row, 1, r.requirement + (r.source.empty() ? "" : " (" + r.source + ")"));
    ++row;
  }
  ++row;
  const staffing::RotaCheck& c = f.check;
  if (c.keeps_rules() && c.covers_plan()) {
    s.Text(row, 0, rota::Verdict(f), shared.bold);
    return;
  }
  s.Text(row++, 0, rota::Verdict(f), shared.bold);
  const lxw_row_t header = row++;
  s.Headers(header, {"Funn", "Regel", "Person", "Dag", "Beskrivelse"});
  const staffing::Rota& r = *f.doc->rota;
  auto finding = [&](const char* kind, const staffing::RotaFinding& x) {
    s.Text(row, 0, kind);
    s.Text(row, 1, rota::RuleLabel(x.rule));
    if (x.person >= 0 && x.person < static_cast<int>(r.persons.size())) {
      s.Text(row, 2, r.persons[static_cast<size_t>(x.person)].name);
    }
    if (x.day >= 0) s.Number(row, 3, x.day + 1, shared.decimals[0]);
    s.Text(row, 4, x.text);
    ++row;
  };
  for (const staffing::RotaFinding& x : c.broken) finding("regelbrudd", x);
  for (const staffing::RotaFinding& x : c.uncovered) finding("udekket", x);
  s.Filter(header, row - 1, 5);
  s.Freeze(header + 1, 0);
}

void WriteShifts(SheetWriter& s, const staffing::Plan& plan) {
  std::vector<std::string> headers = {"Vakt",       "Start",          "Slutt",
                                      "Lengde (t)", "Arbeidstid (t)", "Betalte minutter"};
  for (const char* day : rota::kWeekdayShort) headers.emplace_back(day);
  headers.emplace_back("helligdag");
  s.Widths({8, 8, 8, 11, 14, 16, 5, 5, 5, 5, 5, 5, 5, 10});
  s.Headers(0, headers);
  s.FreezeAbove(1);
  lxw_row_t row = 1;
  for (const staffing::PlanShift& ps : plan.shifts) {
    s.Text(row, 0, ps.code);
    s.Text(row, 1, staffing::ClockText(ps.start_minute));
    s.Text(row, 2, staffing::ClockText(ps.end_minute));
    s.Number(row, 3, ps.length_minutes() / 60.0, s.formats().decimals[2]);
    s.Number(row, 4, ps.paid_hours(), s.formats().decimals[2]);
    s.Number(row, 5, ps.paid_minutes, s.formats().decimals[0]);
    for (size_t d = 0; d < ps.staff.size(); ++d) {
      s.Number(row, static_cast<lxw_col_t>(6 + d), ps.staff[d], s.formats().decimals[0]);
    }
    ++row;
  }
}

lxw_error FillWorkbook(lxw_workbook* wb, const RotaFacts& f) {
  const RotaDocument& doc = *f.doc;
  std::string title = "Turnus" + (doc.unit.empty() ? std::string() : " for " + doc.unit) + ", " +
                      std::to_string(doc.rota->weeks) + " uker";
  std::string author = "agp";
  std::string subject = rota::Verdict(f);
  lxw_doc_properties properties{};
  properties.title = title.data();
  properties.subject = subject.data();
  properties.author = author.data();
  lxw_error error = workbook_set_properties(wb, &properties);

  Formats formats(wb);
  GridFormats grid(wb);
  auto add = [&](const char* name) -> lxw_worksheet* {
    lxw_worksheet* ws = workbook_add_worksheet(wb, name);
    if (ws == nullptr && error == LXW_NO_ERROR) error = LXW_ERROR_MEMORY_MALLOC_FAILED;
    return ws;
  };
  if (lxw_worksheet* ws = add("Turnus")) {
    SheetWriter s(ws, formats, &error);
    WriteGrid(s, grid, f);
  }
  if (lxw_worksheet* ws = add("Regler")) {
    SheetWriter s(ws, formats, &error);
    WriteRules(s, f);
  }
  if (lxw_worksheet* ws = add("Vakter")) {
    SheetWriter s(ws, formats, &error);
    WriteShifts(s, *doc.plan);
  }
  return error;
}

}  // namespace

core::Status WriteRotaXlsx(const RotaDocument& doc, const std::string& path) {
  const RotaFacts f = rota::Gather(doc);
  return WriteWorkbook(path, [&](lxw_workbook* wb) { return FillWorkbook(wb, f); });
}

}  // namespace agp::report
