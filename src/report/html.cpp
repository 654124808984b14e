// The report as one self-contained HTML document: styles and SVG charts inline, no script and no
// external resource, so that it can be mailed, archived and printed as it is. Print rules give
// A4 pages with page numbers, a page break before each area of the policy, and no chart or table
// split over two pages. Every figure agp computed is written as <data value="…"> with its
// indicator, unit and period, so that tests (and anyone) can check it against `agp indicators`.
#include <cstdio>
#include <string>

#include "core/text.h"
#include "metrics/indicator.h"
#include "metrics/labels.h"
#include "metrics/query.h"
#include "report/report.h"
#include "report/svg_chart.h"

namespace agp::report {

namespace {

using core::Escape;

constexpr const char* kStyle = R"css(
:root { --ink: #1a1a1a; --muted: #555; --line: #c8c8c8; --accent: #0b5394; --tint: #e8f0f9;
  --met: #1e6b34; --met-bg: #e3f2e6; --off: #a51d1d; --off-bg: #fbe4e4; --track: #0b5394;
  --nodata: #6b4e00; --nodata-bg: #fff3cd; }
* { box-sizing: border-box; }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt;
  line-height: 1.45; color: var(--ink); }
body { margin: 0 auto; max-width: 180mm; padding: 12mm 0; }
h1 { font-size: 24pt; line-height: 1.15; margin: 0 0 8mm; color: var(--accent); }
h2 { font-size: 16pt; margin: 0 0 4mm; padding-bottom: 1.5mm; border-bottom: 2px solid var(--accent); }
h3 { font-size: 12.5pt; margin: 7mm 0 2mm; }
h4 { font-size: 11pt; margin: 5mm 0 1.5mm; }
p { margin: 0 0 2.5mm; }
a { color: var(--accent); }
.muted { color: var(--muted); }
.kind { color: var(--muted); font-size: 9pt; text-transform: uppercase; letter-spacing: .04em;
  margin: 0 0 1mm; }
.title-page { min-height: 240mm; display: flex; flex-direction: column; }
.title-page .org { font-size: 14pt; font-weight: bold; margin-bottom: 40mm; }
.title-page .policy { font-size: 13pt; margin-bottom: 10mm; }
.title-page dl { display: grid; grid-template-columns: 45mm 1fr; gap: 1.5mm 4mm; margin: 0; }
.title-page dt { font-weight: bold; }
.title-page dd { margin: 0; }
.audience { margin-top: auto; padding: 3mm 4mm; border-left: 4px solid var(--accent); background: var(--tint); }
.audience.internal { border-left-color: var(--off); background: var(--off-bg); }
nav.toc ol { list-style: none; padding: 0; margin: 0; }
nav.toc li a { display: flex; gap: 2mm; padding: 1.2mm 0; color: var(--ink); text-decoration: none;
  border-bottom: 1px dotted var(--line); }
nav.toc .toc-text { flex: 1; }
nav.toc .toc-page { min-width: 10mm; text-align: right; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9.5pt; }
caption { text-align: left; font-weight: bold; padding-bottom: 1mm; }
th, td { border-bottom: 1px solid var(--line); padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); }
td.date { white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.status { display: inline-block; padding: 0 2mm; border-radius: 2mm; font-weight: bold;
  white-space: nowrap; border: 1px solid currentColor; }
.status-met { color: var(--met); background: var(--met-bg); }
.status-on_track { color: var(--track); background: var(--tint); }
.status-off_track { color: var(--off); background: var(--off-bg); }
.status-no_data { color: var(--nodata); background: var(--nodata-bg); }
.status-no_target { color: var(--muted); background: #f2f2f2; }
.summary-counts { display: grid; grid-template-columns: repeat(5, 1fr); gap: 2mm; margin: 3mm 0 5mm; }
.summary-counts div { border: 1px solid var(--line); padding: 2mm; text-align: center; }
.summary-counts strong { display: block; font-size: 18pt; }
data.suppressed, .suppressed { font-style: italic; color: var(--muted); }
dl.facts { display: grid; grid-template-columns: 38mm 1fr; gap: 1mm 4mm; margin: 0 0 2mm; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
figure { margin: 2mm 0 3mm; break-inside: avoid; }
figcaption { font-size: 9pt; color: var(--muted); }
svg.chart { width: 100%; height: auto; max-height: 70mm; }
svg .grid { stroke: #e2e2e2; stroke-width: 1; }
svg .axis { font-size: 10px; fill: var(--muted); }
svg .value { font-size: 10px; fill: var(--ink); }
svg .legend { font-size: 10.5px; fill: var(--ink); }
svg path.line-unit { fill: none; stroke: var(--accent); stroke-width: 2.5; }
svg circle.line-unit { fill: var(--accent); }
svg path.line-nation { fill: none; stroke: #6e6e6e; stroke-width: 1.8; stroke-dasharray: 6 4; }
svg circle.line-nation { fill: #fff; stroke: #6e6e6e; stroke-width: 1.5; }
svg .line-target { stroke: var(--met); stroke-width: 1.8; stroke-dasharray: 2 3; }
.bar { display: inline-block; height: 2.4mm; background: var(--accent); vertical-align: middle; }
.indicator { border-top: 1px solid var(--line); padding-top: 1mm; }
.assessment { border-left: 4px solid var(--accent); background: var(--tint); padding: 2mm 4mm; margin: 2mm 0 4mm; break-inside: avoid; }
.warning { border-left: 4px solid var(--nodata); background: var(--nodata-bg); padding: 2mm 4mm; }
.node { margin-bottom: 4mm; }
.depth-1 { margin-left: 0; }
.depth-2, .depth-3, .depth-4 { margin-left: 4mm; }
.method dd { margin: 0 0 2mm; }
@page { size: A4; margin: 16mm 16mm 18mm;
  @bottom-center { content: "Side " counter(page) " av " counter(pages);
    font-family: "DejaVu Sans", sans-serif; font-size: 8.5pt; color: #555; } }
@page :first { @bottom-center { content: none; } }
@media print {
  body { max-width: none; padding: 0; }
  .title-page { break-after: page; min-height: 250mm; }
  nav.toc { break-after: page; }
  section.area, section.method, section.summary { break-before: page; }
  h2, h3, h4, p.kind { break-after: avoid; }
  h2, h3, h4 { break-inside: avoid; }
  div.node:not(:has(.indicator, table, div.node)) { break-inside: avoid; }
  figure, dl.facts, .assessment, .indicator, table.keep { break-inside: avoid; }
  tr { break-inside: avoid; }
  a { text-decoration: none; }
}
)css";

std::string StatusSpan(policy::GoalStatus status) {
  return std::string("<span class=\"status status-") + policy::StatusKey(status) +
         "\"><span aria-hidden=\"true\">" + policy::StatusSymbol(status) + "</span> " +
         policy::StatusLabel(status) + "</span>";
}

std::string VerdictWords(const std::string& verdict) {
  if (verdict == "lykkes") return "lyktes";
  if (verdict == "delvis") return "lyktes delvis";
  if (verdict == "ikke") return "lyktes ikke";
  return verdict;
}

std::string Raw(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// One figure agp computed, readable by people and by machines.
std::string Figure(const metrics::Cell& cell, bool has, const std::string& key,
                   const std::string& unit, const core::Period& period) {
  std::string attrs = " data-indicator=\"" + Escape(key) + "\" data-unit=\"" + Escape(unit) +
                      "\" data-period=\"" + period.ToString() + "\"";
  if (!has) return "<span class=\"muted\">–</span>";
  if (cell.suppressed) {
    return "<data class=\"suppressed\" value=\"\"" + attrs + " data-suppressed=\"1\">skjult</data>";
  }
  if (!cell.value) return "<data value=\"\"" + attrs + ">–</data>";
  return "<data value=\"" + Raw(*cell.value) + "\"" + attrs + ">" +
         Escape(metrics::ValueText(&cell, key)) + "</data>";
}

std::string National(const std::optional<double>& v, const std::string& key) {
  if (!v) return "<span class=\"muted\">–</span>";
  metrics::Cell c;
  c.value = v;
  return Escape(metrics::ValueText(&c, key));
}

void Paragraphs(std::string& out, const std::string& text) {
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find("\n\n", at);
    std::string para = text.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (para.find_first_not_of(" \n") != std::string::npos) out += "<p>" + Escape(para) + "</p>";
    if (end == std::string::npos) break;
    at = end + 2;
  }
}

std::string Heading(const NodeBlock& n) { return n.number + " " + n.node->title; }

void TitlePage(std::string& b, const Report& r) {
  const ReportInput& in = r.input;
  const policy::Policy& p = *r.policy;
  b += "<header class=\"title-page\"><p class=\"org\">" + Escape(p.organisation) + "</p>";
  b += "<h1>Evaluering av arbeidsgiverpolitikken " +
       Escape(core::PeriodLabel(in.period.ToString())) + "</h1>";
  b += "<p class=\"policy\">" + Escape(p.title) + "</p><dl>";
  b += "<dt>Periode</dt><dd>" + Escape(core::PeriodLabel(in.period.ToString())) + "</dd>";
  b += "<dt>Enhet</dt><dd>" + Escape(r.unit_name) + "</dd>";
  if (!p.adopted.by.empty() || !p.adopted.date.empty()) {
    b += "<dt>Vedtatt</dt><dd>" + Escape(p.adopted.by) +
         (p.adopted.date.empty() ? "" : " " + Escape(core::DateLabel(p.adopted.date))) +
         (p.adopted.decision.empty() ? "" : " (" + Escape(p.adopted.decision) + ")") + "</dd>";
  }
  if (!p.valid.from.empty()) {
    b += "<dt>Gjelder</dt><dd>" + Escape(core::DateLabel(p.valid.from)) + " – " +
         Escape(p.valid.to.empty() ? std::string("inntil videre") : core::DateLabel(p.valid.to)) +
         "</dd>";
  }
  b += "<dt>Policyversjon</dt><dd>" + Escape(p.id) + ", versjon " +
       std::to_string(in.policy_version) + "</dd>";
  b += "<dt>Datagrunnlag</dt><dd>dataversjon " + std::to_string(in.data_version) +
       (in.imported_at.empty()
            ? std::string()
            : ", importert " + Escape(core::DateLabel(in.imported_at.substr(0, 10)))) +
       "</dd>";
  b += "<dt>Utarbeidet</dt><dd>" + Escape(core::DateLabel(in.generated_on)) + "</dd>";
  b += "<dt>Mottakere</dt><dd>" + Escape(AudienceLabel(in.audience_kind)) + "</dd></dl>";
  if (in.audience_kind == Audience::kAdmin || in.audience_kind == Audience::kLeader) {
    b += "<p class=\"audience internal\"><strong>Ikke for offentliggjøring.</strong> Rapporten "
         "viser "
         "også tall om grupper med færre enn " +
         std::to_string(in.min_group) + " personer" +
         (in.audience_kind == Audience::kLeader ? " i egne enheter" : "") +
         ". Del den offentlige utgaven med andre.</p>";
  } else {
    b += "<p class=\"audience\">Tall om færre enn " + std::to_string(in.min_group) +
         " personer er skjult og vist som «skjult», og det samme gjelder et nabotall der summen "
         "ellers ville avsløre dem.</p>";
  }
  b += "</header>";
}

void Contents(std::string& b, const Report& r, const HtmlOptions& options) {
  b += "<nav class=\"toc\" aria-labelledby=\"innhold\"><h2 id=\"innhold\">Innhold</h2><ol>";
  for (const auto& [anchor, text] : TocEntries(r)) {
    std::string page;
    auto it = options.toc_pages.find(anchor);
    if (it != options.toc_pages.end()) {
      page = std::to_string(it->second);
    } else if (options.reserve_page_numbers) {
      page = "00";
    }
    b += "<li><a href=\"#" + Escape(anchor) + "\"><span class=\"toc-text\">" + Escape(text) +
         "</span><span class=\"toc-page\">" + page + "</span></a></li>";
  }
  b += "</ol></nav>";
}

void Summary(std::string& b, const Report& r) {
  const std::string period = core::PeriodLabel(r.input.period.ToString());
  b += "<section class=\"summary\" id=\"sammendrag\"><h2>Sammendrag</h2>";
  const int with_target =
      r.goals - r.status_counts[static_cast<size_t>(policy::GoalStatus::kNoTarget)];
  b += "<p>Arbeidsgiverpolitikken har " + std::to_string(r.goals) + " mål og " +
       std::to_string(r.measures) + " tiltak. " + std::to_string(with_target) + " av målene har " +
       "en indikator med målverdi som kan vurderes for " + Escape(period) + ".</p>";
  if (r.input.measures != nullptr && r.measures > 0) {
    const auto count = [&](followup::MeasureStatus s) {
      return std::to_string(r.measure_status_counts[static_cast<size_t>(s)]);
    };
    b += "<p>Av tiltakene er " + count(followup::MeasureStatus::kDone) + " fullført, " +
         count(followup::MeasureStatus::kOngoing) + " pågår, " +
         count(followup::MeasureStatus::kPlanned) + " er planlagt, " +
         count(followup::MeasureStatus::kPostponed) + " utsatt og " +
         count(followup::MeasureStatus::kCancelled) + " avlyst. " +
         std::to_string(r.measures_overdue) + " har passert fristen uten å være fullført per " +
         Escape(core::DateLabel(r.input.generated_on)) + ".</p>";
  }
  b += "<div class=\"summary-counts\">";
  for (policy::GoalStatus s :
       {policy::GoalStatus::kMet, policy::GoalStatus::kOnTrack, policy::GoalStatus::kOffTrack,
        policy::GoalStatus::kNoData, policy::GoalStatus::kNoTarget}) {
    b += "<div><strong>" + std::to_string(r.status_counts[static_cast<size_t>(s)]) + "</strong>" +
         StatusSpan(s) + "</div>";
  }
  b += "</div>";
  if (r.goals > 0 && with_target * 2 < r.goals) {
    b += "<p class=\"warning\">Mer enn halvparten av målene mangler en indikator med målverdi. Da "
         "kan ingen se om de nås – det samme som Drammen kommunes evaluering pekte på. Legg til "
         "indikatorer og mål i policyen (agp policy check viser hvilke).</p>";
  }
  b += "<table><caption>Status for hvert mål, " + Escape(period) +
       "</caption><thead><tr><th scope=\"col\">Nr.</th><th scope=\"col\">Mål</th>"
       "<th scope=\"col\">Status</th><th scope=\"col\">Vurdering</th></tr></thead><tbody>";
  for (const NodeBlock& n : r.nodes) {
    if (!n.goal) continue;
    b += "<tr><td>" + Escape(n.number) + "</td><td><a href=\"#n-" + Escape(n.node->id) + "\">" +
         Escape(n.node->title) + "</a></td><td>" + StatusSpan(n.status) + "</td><td>" +
         (n.assessment ? Escape(VerdictWords(n.assessment->verdict))
                       : std::string("<span class=\"muted\">ingen</span>")) +
         "</td></tr>";
  }
  b += "</tbody></table></section>";
}

void IndicatorSection(std::string& b, const Report& r, const IndicatorBlock& line,
                      const std::string& id) {
  const core::Period& period = r.input.period;
  const std::string label = metrics::IndicatorLabel(line.key);
  b += "<div class=\"indicator\"><h4>" + Escape(label) + ", " + Escape(line.unit_name) + "</h4>";
  b += "<dl class=\"facts\"><dt>Mål</dt><dd>" + Escape(line.target_words) + "</dd>";
  b += "<dt>" + Escape(core::PeriodLabel(period.ToString())) + "</dt><dd>" +
       Figure(line.current, line.has_current, line.key, line.unit_key, period) + "</dd>";
  if (line.national != nullptr) {
    b += "<dt>Landet</dt><dd>" + National(line.national->value, line.key) + " (" +
         Escape(line.national->scope) + ", " + std::to_string(line.national->year) + ")</dd>";
  }
  b += "<dt>Status</dt><dd>" + StatusSpan(line.status) +
       (line.rule.empty() ? "" : " <span class=\"muted\">" + Escape(line.rule) + "</span>") +
       "</dd></dl>";
  const std::string svg = TrendChartSvg(line, id);
  b += "<figure>";
  if (!svg.empty()) b += svg;
  b += "<figcaption>" + Escape(label) + " per år for " + Escape(line.unit_name) +
       (svg.empty() ? " – ingen av årene har tall som kan vises." : ", med landet og målet.") +
       "</figcaption><table class=\"keep\"><caption class=\"muted\">Tallene i "
       "diagrammet</caption><thead><tr>"
       "<th scope=\"col\">År</th>";
  for (const TrendPoint& p : line.trend)
    b += "<th scope=\"col\" class=\"num\">" + p.period.ToString() + "</th>";
  b += "</tr></thead><tbody><tr><th scope=\"row\">" + Escape(line.unit_name) + "</th>";
  for (const TrendPoint& p : line.trend) {
    b += "<td class=\"num\">" + Figure(p.cell, p.has_cell, line.key, line.unit_key, p.period) +
         "</td>";
  }
  b += "</tr><tr><th scope=\"row\">Landet</th>";
  for (const TrendPoint& p : line.trend)
    b += "<td class=\"num\">" + National(p.national, line.key) + "</td>";
  b += "</tr></tbody></table></figure>";

  if (!line.breakdown.empty()) {
    double top = 0;
    for (const UnitFigure& f : line.breakdown) {
      if (f.has_cell && !f.cell.suppressed && f.cell.value) top = std::max(top, *f.cell.value);
    }
    b += "<table class=\"keep\"><caption>" + Escape(label) + " per enhet under " +
         Escape(line.unit_name) + ", " + Escape(core::PeriodLabel(period.ToString())) +
         "</caption><thead><tr><th scope=\"col\">Enhet</th><th scope=\"col\" "
         "class=\"num\">Verdi</th>"
         "<th scope=\"col\"><span class=\"muted\">Stolpe</span></th></tr></thead><tbody>";
    for (const UnitFigure& f : line.breakdown) {
      std::string bar;
      if (f.has_cell && !f.cell.suppressed && f.cell.value && top > 0 && *f.cell.value > 0) {
        char width[32];
        std::snprintf(width, sizeof width, "%.1f", 40.0 * *f.cell.value / top);
        bar = "<span class=\"bar\" style=\"width:" + std::string(width) + "mm\"></span>";
      }
      b += "<tr><th scope=\"row\">" + Escape(f.name) + "</th><td class=\"num\">" +
           Figure(f.cell, f.has_cell, line.key, f.key, period) + "</td><td aria-hidden=\"true\">" +
           bar + "</td></tr>";
    }
    b += "</tbody></table>";
  }
  b += "</div>";
}

// The node's measures in execution (DESIGN §10.3): who carries each out, its due date, its
// status (and whether it is overdue) and the latest progress note.
void MeasureExecution(std::string& b, const Report& r, const NodeBlock& n) {
  if (n.execution.empty()) return;
  b += "<table class=\"measures\"><caption>Tiltak og gjennomføring</caption><thead><tr><th "
       "scope=\"col\">Tiltak</th><th scope=\"col\">Ansvarlig enhet</th><th scope=\"col\">Frist"
       "</th><th scope=\"col\">Status</th><th scope=\"col\">Siste notat</th></tr></thead><tbody>";
  for (const followup::MeasureState* m : n.execution) {
    std::string unit;
    if (!m->unit_key.empty()) {
      const int u = r.input.cube->FindUnit(m->unit_key);
      unit = u >= 0 ? r.input.cube->units()[static_cast<size_t>(u)].name : m->unit_key;
    }
    std::string note;
    for (auto it = m->updates.rbegin(); it != m->updates.rend(); ++it) {
      if (it->note.empty()) continue;
      note = core::DateLabel(it->note_date) + ": " + it->note;
      break;
    }
    b += "<tr><td>" + Escape(m->title) +
         (m->local ? " <span class=\"muted\">(lokalt)</span>" : "") + "</td><td>" +
         (unit.empty() ? "<span class=\"muted\">ikke satt</span>" : Escape(unit)) +
         "</td><td class=\"date\">" +
         (m->due.empty() ? "<span class=\"muted\">ikke satt</span>"
                         : Escape(core::DateLabel(m->due))) +
         "</td><td>" + std::string(followup::StatusLabel(m->status)) +
         (m->overdue ? ", <strong>forfalt</strong>" : "") + "</td><td>" +
         (note.empty() ? "<span class=\"muted\">–</span>" : Escape(note)) + "</td></tr>";
  }
  b += "</tbody></table>";
}

void NodeSection(std::string& b, const Report& r, const NodeBlock& n) {
  const policy::Node& node = *n.node;
  const int level = std::min(n.depth + 2, 4);
  const std::string h = "h" + std::to_string(level);
  if (n.depth == 0) {
    b += "<section class=\"area\" id=\"n-" + Escape(node.id) + "\">";
  } else {
    b += "<div class=\"node depth-" + std::to_string(std::min(n.depth, 4)) + "\" id=\"n-" +
         Escape(node.id) + "\">";
  }
  b += "<p class=\"kind\">" + Escape(node.kind) + "</p><" + h + ">" + Escape(Heading(n)) + "</" +
       h + ">";
  if (n.goal) {
    b += "<p class=\"goal-status\">Status " + Escape(core::PeriodLabel(r.input.period.ToString())) +
         ": " + StatusSpan(n.status) + "</p>";
  }
  Paragraphs(b, node.text);
  if (n.goal && node.indicators.empty()) {
    b += "<p class=\"warning\">Målet har ingen indikator, så det kan ikke måles om det nås.</p>";
  }
  for (size_t i = 0; i < n.indicators.size(); ++i) {
    IndicatorSection(b, r, n.indicators[i], "c-" + node.id + "-" + std::to_string(i));
  }
  if (r.input.measures != nullptr) {
    MeasureExecution(b, r, n);
  } else if (!node.measures.empty()) {
    b += "<table><caption>Tiltak</caption><thead><tr><th scope=\"col\">Tiltak</th>"
         "<th scope=\"col\">Ansvarlig</th><th scope=\"col\">Frist</th><th scope=\"col\">Status</th>"
         "</tr></thead><tbody>";
    for (const policy::Measure& m : node.measures) {
      b += "<tr><td>" + Escape(m.title) + "</td><td>" +
           (m.owner.empty() ? "<span class=\"muted\">ikke satt</span>" : Escape(m.owner)) +
           "</td><td class=\"date\">" +
           (m.due.empty() ? "<span class=\"muted\">ikke satt</span>"
                          : Escape(core::DateLabel(m.due))) +
           "</td><td>" + (m.status.empty() ? "<span class=\"muted\">–</span>" : Escape(m.status)) +
           "</td></tr>";
    }
    b += "</tbody></table>";
  }
  if (n.assessment) {
    const store::AssessmentRecord& a = *n.assessment;
    b += "<div class=\"assessment\"><p><strong>Vurdering " +
         Escape(core::PeriodLabel(r.input.period.ToString())) + ": " +
         Escape(VerdictWords(a.verdict)) + "</strong></p>";
    Paragraphs(b, a.narrative);
    b += "<p class=\"muted\">" + Escape(a.assessed_by) +
         (a.assessed_on.empty() ? "" : ", " + Escape(core::DateLabel(a.assessed_on))) +
         "</p></div>";
  } else if (n.goal) {
    b += "<p class=\"muted\">Ingen vurdering er registrert for " +
         Escape(core::PeriodLabel(r.input.period.ToString())) + ".</p>";
  }
}

void CloseNode(std::string& b, const NodeBlock& n) { b += n.depth == 0 ? "</section>" : "</div>"; }

void Method(std::string& b, const Report& r) {
  const ReportInput& in = r.input;
  b += "<section class=\"method\" id=\"metode\"><h2>Metode og datagrunnlag</h2>";
  b +=
      "<h3>Datagrunnlag</h3><p>Tallene er beregnet av agp fra personaldata importert fra lønns- og "
      "personalsystemet: dataversjon " +
      std::to_string(in.data_version) +
      (in.imported_at.empty()
           ? std::string()
           : ", importert " + Escape(core::DateLabel(in.imported_at.substr(0, 10))) + " kl. " +
                 Escape(in.imported_at.substr(11, 5)) + " UTC") +
      (in.imported_from.empty() ? std::string() : " (" + Escape(in.imported_from) + ")") +
      ". Nasjonale tall er KS' og SSBs publiserte tall for kommunesektoren, med kilde under hver "
      "indikator.</p>";
  b += "<h3>Små tall</h3><p>Et tall som bygger på færre enn " + std::to_string(in.min_group) +
       " personer vises ikke for andre enn dem som har tilgang til opplysninger om enkeltpersoner; "
       "det står «skjult» i stedet. Der et sumtall minus de viste delene ellers ville avsløre en "
       "slik "
       "gruppe, skjules også et nabotall (sekundær prikking, som SSB gjør etter statistikkloven "
       "§ 7). Sykefravær er helseopplysninger.";
  b += in.audience_kind == Audience::kAdmin
           ? " <strong>Denne utgaven er laget for HR og viser alle tall uten skjuling.</strong></p>"
       : in.audience_kind == Audience::kLeader
           ? " <strong>Denne utgaven er laget for en leder og viser alle tall for lederens egne "
             "enheter.</strong></p>"
           : " Denne utgaven er skjult for mottakerne: " + Escape(AudienceLabel(in.audience_kind)) +
                 ".</p>";
  b += "<h3>Status for mål</h3><p>Et mål er <em>nådd</em> når tallet oppfyller målverdien; <em>i "
       "rute</em> når endringen siste år, videreført i samme takt, når målverdien innen fristen; "
       "ellers <em>ikke i rute</em>. Et mål om utvikling («synkende fra 2020») er nådd når tallet "
       "er "
       "bedre enn i utgangsåret. «Bedre enn landet» sammenlignes med det nasjonale tallet. Et mål "
       "med "
       "flere indikatorer får den svakeste statusen; <em>mangler tall</em> når et tall mangler "
       "eller "
       "er skjult, <em>uten mål</em> når målet ikke har noen indikator med målverdi. Vurderingen "
       "(lyktes, lyktes delvis, lyktes ikke) er menneskers vurdering og står ved siden av.</p>";
  b += "<h3>Indikatorene</h3>";
  if (r.indicators_used.empty()) {
    b += "<p class=\"muted\">Policyen knytter ingen indikatorer til målene sine.</p>";
  }
  for (const std::string& key : r.indicators_used) {
    auto id = metrics::FindIndicator(key);
    if (!id) continue;
    const metrics::IndicatorInfo& info = metrics::Info(*id);
    b += "<h4>" + Escape(info.label_nb) + " <span class=\"muted\">(" + Escape(info.key) +
         ")</span></h4><dl class=\"facts method\"><dt>Definisjon</dt><dd>" +
         Escape(info.definition_nb) + "</dd><dt>Hvem</dt><dd>" + Escape(info.population_nb) +
         "</dd><dt>Teller</dt><dd>" + Escape(info.numerator_nb) + "</dd>";
    if (!info.denominator_nb.empty()) {
      b += "<dt>Nevner</dt><dd>" + Escape(info.denominator_nb) + "</dd>";
    }
    b += "<dt>Kilde</dt><dd>" + Escape(info.source_nb) + "</dd>";
    if (in.reference != nullptr) {
      if (const metrics::ReferenceFigure* ref = in.reference->Find(key, in.period.ToString())) {
        b += "<dt>Nasjonalt tall</dt><dd>" + Escape(ref->source) + ", " +
             std::to_string(ref->year) + (ref->url.empty() ? "" : " (" + Escape(ref->url) + ")") +
             "</dd>";
      }
    }
    b += "</dl>";
  }
  b += "<h3>Felles begreper</h3>";
  Paragraphs(b, std::string(metrics::CommonTermsNb()));
  b += "</section>";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> TocEntries(const Report& report) {
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back("sammendrag", "Sammendrag");
  for (const NodeBlock& n : report.nodes) {
    if (n.depth == 0) out.emplace_back("n-" + n.node->id, Heading(n));
  }
  out.emplace_back("metode", "Metode og datagrunnlag");
  return out;
}

std::string RenderHtml(const Report& r, const HtmlOptions& options) {
  std::string b;
  b.reserve(256 * 1024);
  const policy::Policy& p = *r.policy;
  b += "<!DOCTYPE html>\n<html lang=\"nb\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
       "content=\"width=device-width, initial-scale=1\"><meta name=\"generator\" content=\"agp\">"
       "<title>Evaluering av arbeidsgiverpolitikken " +
       Escape(core::PeriodLabel(r.input.period.ToString())) + " – " + Escape(p.organisation) +
       "</title><style>" + kStyle + "</style></head><body>";
  TitlePage(b, r);
  b += "<main>";
  Contents(b, r, options);
  Summary(b, r);
  // Nodes nest: a node's block closes when the next node at its depth or above begins.
  std::vector<const NodeBlock*> open;
  for (const NodeBlock& n : r.nodes) {
    while (!open.empty() && open.back()->depth >= n.depth) {
      CloseNode(b, *open.back());
      open.pop_back();
    }
    NodeSection(b, r, n);
    open.push_back(&n);
  }
  while (!open.empty()) {
    CloseNode(b, *open.back());
    open.pop_back();
  }
  Method(b, r);
  b += "</main></body></html>\n";
  return b;
}

}  // namespace agp::report
