// The rota as one self-contained HTML page that prints on A4 landscape: the grid as real tables
// (one per block of weeks, each on its own printed page with the persons repeated), the cover of
// each shift below the persons, then the shifts, the rules and every finding. Page numbers come
// from CSS @page margin boxes, as in the report (html.cpp).
#include <string>
#include <vector>

#include "core/text.h"
#include "report/rota_export.h"
#include "report/rota_parts.h"

namespace agp::report {

namespace {

using core::Escape;
using rota::RotaFacts;

constexpr const char* kStyle = R"css(
:root { --ink: #1a1a1a; --muted: #555; --line: #b9b9b9; --accent: #0b5394; --weekend: #e9e9e9;
  --weekend-head: #cfcfcf; --off: #a51d1d; --off-bg: #fbe4e4; --ok: #1e6b34; --ok-bg: #e3f2e6; }
* { box-sizing: border-box; }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9pt;
  line-height: 1.35; color: var(--ink); -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 277mm; padding: 6mm 0; }
h1 { font-size: 16pt; margin: 0 0 2mm; color: var(--accent); }
h2 { font-size: 12pt; margin: 5mm 0 2mm; padding-bottom: 1mm; border-bottom: 2px solid var(--accent); }
h3 { font-size: 10pt; margin: 3mm 0 1mm; }
p { margin: 0 0 2mm; }
.kind { color: var(--muted); font-size: 8pt; text-transform: uppercase; letter-spacing: .04em; margin: 0; }
dl.facts { display: grid; grid-template-columns: repeat(3, auto 1fr); gap: .5mm 3mm; margin: 0 0 2mm; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.verdict { display: inline-block; padding: .8mm 3mm; border-left: 4px solid var(--ok); background: var(--ok-bg); }
.verdict.bad { border-left-color: var(--off); background: var(--off-bg); }
caption { text-align: left; font-weight: bold; padding: 1mm 0; }
caption.muted { font-weight: normal; color: var(--muted); }
table.rota { border-collapse: collapse; table-layout: fixed; width: 100%; font-size: 7.5pt;
  line-height: 1.2; }
table.rota col.name { width: 30mm; }
table.rota col.size { width: 12mm; }
table.rota col.total { width: 11mm; }
table.rota col.weekends { width: 11mm; }
table.rota th, table.rota td { border: 1px solid var(--line); padding: .25mm .3mm; text-align: center;
  vertical-align: middle; overflow: hidden; white-space: nowrap; }
table.rota th[scope="row"] { text-align: left; padding-left: 1mm; white-space: normal; overflow-wrap: anywhere; }
table.rota thead th { background: #f4f4f4; font-weight: bold; }
table.rota thead th.week { border-left: 2px solid var(--ink); }
table.rota th.day { font-weight: normal; line-height: 1.15; }
table.rota th.day span { display: block; }
table.rota th.day .letter { font-weight: bold; }
table.rota .weekend { background: var(--weekend); }
table.rota thead th.weekend { background: var(--weekend-head); }
table.rota .monday { border-left: 2px solid var(--ink); }
table.rota td.num, table.rota th.num { text-align: right; padding-right: 1mm; font-variant-numeric: tabular-nums; }
table.rota td.broken { color: var(--off); font-weight: bold; }
table.rota td.rest { outline: 2px solid var(--off); outline-offset: -2px; }
table.rota td.week-broken { box-shadow: inset 0 -2px 0 var(--off); }
table.rota tfoot th, table.rota tfoot td { font-size: 6.5pt; color: var(--muted); }
table.rota tfoot tr:first-child > * { border-top: 2px solid var(--ink); }
table.rota tfoot td.short { color: var(--off); background: var(--off-bg); font-weight: bold; }
.s0 { background: #dbe8f8; } .s1 { background: #fde3c4; } .s2 { background: #e2dbf3; }
.s3 { background: #d5eedb; } .s4 { background: #f7d9e6; } .s5 { background: #d3ecee; }
.s6 { background: #f0e8c8; } .s7 { background: #e6e6e6; }
table.plain { border-collapse: collapse; font-size: 8pt; margin: 1mm 0 3mm; }
table.plain th, table.plain td { border-bottom: 1px solid var(--line); padding: .6mm 2mm; text-align: left; vertical-align: top; }
table.plain thead th { border-bottom: 2px solid var(--ink); }
table.plain td.num, table.plain th.num { text-align: right; }
table.plain td.code { text-align: center; font-weight: bold; min-width: 8mm; }
.marks { font-size: 8pt; color: var(--muted); }
.marks span.sample { display: inline-block; width: 5mm; height: 3.2mm; vertical-align: middle; border: 1px solid var(--line); }
ol.findings, ul.findings { margin: 0 0 2mm; padding-left: 6mm; font-size: 8pt; }
ul.findings.many { columns: 3; column-gap: 6mm; }
ol.findings, ul.findings, ol.findings li, ul.findings li { break-inside: avoid; }
@page { size: A4 landscape; margin: 9mm 10mm 11mm;
  @bottom-center { content: "Side " counter(page) " av " counter(pages);
    font-family: "DejaVu Sans", sans-serif; font-size: 7.5pt; color: #555; } }
@media print {
  body { max-width: none; padding: 0; }
  section.block + section.block { break-before: page; }
  h2, h3 { break-after: avoid; }
  tr, table.plain { break-inside: avoid; }
}
)css";

std::string PositionText(double size) { return core::DecimalText(size) + " %"; }

// The class of a grid cell's column: the week's first day and weekend days are marked.
std::string DayClass(int day) {
  std::string c;
  if (day % 7 == 0) c += " monday";
  if (rota::IsWeekend(day)) c += " weekend";
  return c;
}

// Marks in the grid, per person and day, from the findings that name a person and a day.
struct Marks {
  std::vector<std::vector<std::string>> rest;  // [person][day]: the daily-rest finding's text
  std::vector<std::vector<std::string>> week;  // [person][week]: weekly rest or 54 h
  std::vector<char> hours, weekends;           // [person]: broken
};

Marks MarksOf(const RotaFacts& f) {
  const staffing::Rota& r = *f.doc->rota;
  Marks m;
  m.rest.assign(r.persons.size(), std::vector<std::string>(static_cast<size_t>(r.days())));
  m.week.assign(r.persons.size(), std::vector<std::string>(static_cast<size_t>(r.weeks)));
  m.hours.assign(r.persons.size(), 0);
  m.weekends.assign(r.persons.size(), 0);
  auto add = [](std::string& to, const std::string& text) {
    to += (to.empty() ? "" : "\n") + text;
  };
  for (const staffing::RotaFinding& b : f.check.broken) {
    if (b.person < 0 || b.person >= static_cast<int>(r.persons.size())) continue;
    const auto p = static_cast<size_t>(b.person);
    if (b.rule == "daily_rest" && b.day >= 0 && b.day < r.days()) {
      add(m.rest[p][static_cast<size_t>(b.day)], b.text);
    } else if ((b.rule == "weekly_rest" || b.rule == "max_week") && b.day >= 0 &&
               b.day < r.days()) {
      add(m.week[p][static_cast<size_t>(b.day / 7)], b.text);
    } else if (b.rule == "hours") {
      m.hours[p] = 1;
    } else if (b.rule == "weekends") {
      m.weekends[p] = 1;
    }
  }
  return m;
}

void Facts(std::string& b, const RotaFacts& f) {
  const RotaDocument& doc = *f.doc;
  const staffing::Rota& r = *doc.rota;
  b += "<header><p class=\"kind\">Turnus</p><h1>" +
       Escape(doc.unit.empty() ? std::string("Turnus") : "Turnus for " + doc.unit) + "</h1>";
  b += "<dl class=\"facts\">";
  auto fact = [&](const std::string& term, const std::string& value) {
    b += "<dt>" + Escape(term) + "</dt><dd>" + Escape(value) + "</dd>";
  };
  fact("Bemanningsplan", doc.plan_label.empty() ? "–" : doc.plan_label);
  fact("Periode", std::to_string(r.weeks) + " uker, " + std::to_string(r.days()) +
                      " dager (dag 1 er en mandag; turnusen gjentas)");
  fact("Helger", rota::WeekendWords(doc.rules->weekend_frequency) + ", høyst " +
                     std::to_string(f.allowed_weekends) + " per person");
  fact("Heltid", core::DecimalText(doc.rules->full_time_hours) + " t per uke");
  fact("Personer",
       std::to_string(r.persons.size()) + ", " + std::to_string(f.fulltime) + " i heltid");
  fact("Laget", doc.made_on.empty() ? "–" : core::DateLabel(doc.made_on));
  b += "</dl><p class=\"verdict" +
       std::string(f.check.keeps_rules() && f.check.covers_plan() ? "" : " bad") + "\">" +
       Escape(rota::Verdict(f)) +
       (f.check.keeps_rules() && f.check.covers_plan() ? "" : " Alle er listet under turnusen.") +
       "</p></header>";
}

// One grid table: the weeks [first_week, first_week + weeks).
void Block(std::string& b, const RotaFacts& f, const Marks& marks, int first_week, int weeks) {
  const RotaDocument& doc = *f.doc;
  const staffing::Rota& r = *doc.rota;
  const staffing::Plan& plan = *doc.plan;
  const int first_day = 7 * first_week, end_day = 7 * (first_week + weeks);
  const std::string span = weeks == 1 ? "uke " + std::to_string(first_week + 1)
                                      : "uke " + std::to_string(first_week + 1) + "–" +
                                            std::to_string(first_week + weeks);
  b += "<section class=\"block\"><table class=\"rota\"><caption>Turnus, " + span + " (dag " +
       std::to_string(first_day + 1) + "–" + std::to_string(end_day) + " av " +
       std::to_string(r.days()) + ")</caption>";
  b += "<colgroup><col class=\"name\"><col class=\"size\"></colgroup>";
  for (int w = 0; w < weeks; ++w) b += "<colgroup span=\"7\"></colgroup>";
  b += "<colgroup><col class=\"total\"><col class=\"total\"><col class=\"weekends\"></colgroup>";

  // Two header rows: the weeks, then each day's weekday and number.
  b += "<thead><tr><th scope=\"col\" rowspan=\"2\">Person</th>"
       "<th scope=\"col\" rowspan=\"2\" class=\"num\">Stilling</th>";
  for (int w = first_week; w < first_week + weeks; ++w) {
    b += "<th scope=\"colgroup\" colspan=\"7\" class=\"week\">Uke " + std::to_string(w + 1) +
         "</th>";
  }
  b += "<th scope=\"col\" rowspan=\"2\" class=\"num\">Timer</th>"
       "<th scope=\"col\" rowspan=\"2\" class=\"num\">Mål</th>"
       "<th scope=\"col\" rowspan=\"2\" class=\"num\">Helger</th></tr><tr>";
  for (int d = first_day; d < end_day; ++d) {
    b += "<th scope=\"col\" class=\"day" + DayClass(d) + "\" aria-label=\"" +
         Escape(staffing::DayLabel(d)) + "\"><span class=\"letter\">" +
         rota::kWeekdayLetter[d % 7] + "</span><span>" + std::to_string(d + 1) + "</span></th>";
  }
  b += "</tr></thead><tbody>";

  for (size_t pi = 0; pi < r.persons.size(); ++pi) {
    const staffing::RotaPerson& p = r.persons[pi];
    const staffing::PersonTotals& t = f.check.persons[pi];
    b += "<tr><th scope=\"row\">" + Escape(p.name) + "</th><td class=\"num\">" +
         Escape(PositionText(p.position_size)) + "</td>";
    for (int d = first_day; d < end_day; ++d) {
      const auto day = static_cast<size_t>(d);
      const int s = day < p.cells.size() ? p.cells[day] : -1;
      std::string cls = DayClass(d);
      std::string title = marks.rest[pi][day];
      if (!title.empty()) cls += " rest";
      const std::string& week = marks.week[pi][static_cast<size_t>(d / 7)];
      if (!week.empty()) {
        cls += " week-broken";
        title += (title.empty() ? "" : "\n") + week;
      }
      if (s >= 0) cls += " s" + std::to_string(s % 8);
      b += "<td class=\"" + cls.substr(cls.empty() ? 0 : 1) + "\"" +
           (title.empty() ? "" : " title=\"" + Escape(title) + "\"") + ">" +
           (s >= 0 ? Escape(plan.shifts[static_cast<size_t>(s)].code) : std::string()) + "</td>";
    }
    b += std::string("<td class=\"num") + (marks.hours[pi] ? " broken" : "") + "\">" +
         Escape(core::Num(t.paid_minutes / 60.0, 1)) + "</td><td class=\"num\">" +
         Escape(core::Num(t.target_minutes / 60.0, 1)) + "</td><td class=\"num" +
         (marks.weekends[pi] ? " broken" : "") + "\">" + std::to_string(t.weekends) + "</td></tr>";
  }
  b += "</tbody>";

  // The cover: for each shift, staffed / needed on each day (empty where neither is any).
  b += "<tfoot>";
  for (size_t s = 0; s < plan.shifts.size(); ++s) {
    b += "<tr><th scope=\"row\" colspan=\"2\">Dekning " + Escape(plan.shifts[s].code) + "</th>";
    for (int d = first_day; d < end_day; ++d) {
      const int have = f.staffed[s][static_cast<size_t>(d)], need = f.Need(s, d);
      std::string cls = DayClass(d);
      if (have < need) cls += " short";
      b += "<td class=\"" + cls.substr(cls.empty() ? 0 : 1) + "\">" +
           (have == 0 && need == 0 ? std::string()
                                   : std::to_string(have) + "/" + std::to_string(need)) +
           "</td>";
    }
    b += "<td colspan=\"3\"></td></tr>";
  }
  b += "</tfoot></table></section>";
}

void Legend(std::string& b, const RotaFacts& f) {
  const staffing::Plan& plan = *f.doc->plan;
  b += "<section class=\"legend\"><h2>Vakter</h2><table class=\"plain\"><caption "
       "class=\"muted\">Bemanningsplanens "
       "vakter og hvor mange hver trenger</caption><thead><tr><th scope=\"col\">Kode</th>"
       "<th scope=\"col\">Tid</th><th scope=\"col\" class=\"num\">Arbeidstid</th>";
  for (const char* day : rota::kWeekdayShort)
    b += "<th scope=\"col\" class=\"num\">" + std::string(day) + "</th>";
  b += "</tr></thead><tbody>";
  for (size_t s = 0; s < plan.shifts.size(); ++s) {
    const staffing::PlanShift& ps = plan.shifts[s];
    b += "<tr><td class=\"code s" + std::to_string(s % 8) + "\">" + Escape(ps.code) + "</td><td>" +
         staffing::ClockText(ps.start_minute) + "–" + staffing::ClockText(ps.end_minute) +
         "</td><td class=\"num\">" + Escape(rota::HoursText(ps.paid_minutes)) + "</td>";
    for (int d = 0; d < 7; ++d) {
      b += "<td class=\"num\">" + std::to_string(ps.staff[static_cast<size_t>(d)]) + "</td>";
    }
    b += "</tr>";
  }
  b += "</tbody></table>";
  b += "<p class=\"marks\"><span class=\"sample\" style=\"background: var(--weekend)\"></span> "
       "lørdag og søndag &nbsp; <span class=\"sample\" style=\"outline: 2px solid var(--off); "
       "outline-offset: -2px\"></span> for kort døgnhvile før vakten &nbsp; <span "
       "class=\"sample\" style=\"box-shadow: inset 0 -2px 0 var(--off)\"></span> for kort "
       "ukehvile eller for mange timer den uken &nbsp; <strong style=\"color: var(--off)\">rødt "
       "tall</strong>: timer eller helger utenfor regelen; dekning: bemannet/behov.</p></section>";
}

void Rules(std::string& b, const RotaFacts& f) {
  b += "<section class=\"rules\"><h2>Reglene turnusen er sjekket mot</h2><table "
       "class=\"plain\"><thead><tr><th scope=\"col\">Regel</th>"
       "<th scope=\"col\">Krav</th><th scope=\"col\">Kilde</th></tr></thead><tbody>";
  for (const rota::RuleRow& row : rota::RuleRows(f)) {
    b += "<tr><td>" + Escape(row.name) + "</td><td>" + Escape(row.requirement) + "</td><td>" +
         (row.source.empty() ? std::string("–") : Escape(row.source)) + "</td></tr>";
  }
  b += "</tbody></table></section>";
}

void Findings(std::string& b, const RotaFacts& f) {
  const staffing::RotaCheck& c = f.check;
  b += "<section class=\"findings\"><h2>Regelbrudd og udekkede vakter</h2>";
  if (c.keeps_rules() && c.covers_plan()) {
    b += "<p class=\"verdict\">" + Escape(rota::Verdict(f)) + "</p></section>";
    return;
  }
  b += "<h3>Regelbrudd (" + std::to_string(c.broken.size()) + ")</h3>";
  if (c.broken.empty()) {
    b += "<p>Turnusen holder alle reglene.</p>";
  } else {
    b += "<ol class=\"findings\">";
    for (const staffing::RotaFinding& x : c.broken) {
      b += "<li><strong>" + Escape(rota::RuleLabel(x.rule)) + ":</strong> " + Escape(x.text) +
           "</li>";
    }
    b += "</ol>";
  }
  b += "<h3>Udekkede vakter (" + std::to_string(c.uncovered.size()) + ")</h3>";
  if (c.uncovered.empty()) {
    b += "<p>Alle vakter er dekket.</p>";
  } else {
    b += std::string("<ul class=\"findings") + (c.uncovered.size() > 8 ? " many" : "") + "\">";
    for (const staffing::RotaFinding& x : c.uncovered) b += "<li>" + Escape(x.text) + "</li>";
    b += "</ul>";
  }
  b += "</section>";
}

}  // namespace

std::string RotaHtml(const RotaDocument& doc) {
  const RotaFacts f = rota::Gather(doc);
  const Marks marks = MarksOf(f);
  const staffing::Rota& r = *doc.rota;
  std::string b;
  b.reserve(64 * 1024 + static_cast<size_t>(r.days()) * r.persons.size() * 48);
  b += "<!DOCTYPE html>\n<html lang=\"nb\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
       "content=\"width=device-width, initial-scale=1\"><meta name=\"generator\" content=\"agp\">"
       "<title>" +
       Escape("Turnus" + (doc.unit.empty() ? std::string() : " – " + doc.unit) + ", " +
              std::to_string(r.weeks) + " uker") +
       "</title><style>" + kStyle + "</style></head><body>";
  Facts(b, f);
  b += "<main>";
  const int per_block = WeeksPerBlock(r.weeks);
  for (int w = 0; w < r.weeks; w += per_block) {
    Block(b, f, marks, w, std::min(per_block, r.weeks - w));
  }
  Legend(b, f);
  Findings(b, f);
  Rules(b, f);
  b += "</main></body></html>\n";
  return b;
}

}  // namespace agp::report
