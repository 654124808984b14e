// Enheter and Enhet: every indicator for a unit beside its parent, the municipality and the
// nation; drill-down to its children; for leaders and admins, the individuals behind their own
// units (read through metrics::ViewIndividuals, which checks access and writes the audit log).
#include <algorithm>
#include <cstdlib>

#include "core/date.h"
#include "metrics/access.h"
#include "metrics/indicator.h"
#include "metrics/individuals.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/widgets.h"

namespace agp::web {

namespace {

constexpr const char* kChildFigures[] = {"headcount", "fulltime_share", "avg_position_size",
                                         "sick_leave_pct", "turnover"};

std::string UnitHref(const metrics::MeasureCube& cube, int unit, const core::Period& period) {
  return "/enheter/" + UrlEncode(cube.units()[static_cast<size_t>(unit)].key) +
         "?periode=" + period.ToString();
}

void RenderTree(const metrics::MeasureCube& cube, const std::vector<std::vector<int>>& children,
                int unit, const core::Period& period, std::string& out) {
  out += "<li><a href=\"" + Escape(UnitHref(cube, unit, period)) + "\">" +
         Escape(cube.units()[static_cast<size_t>(unit)].name) + "</a>";
  const std::vector<int>& kids = children[static_cast<size_t>(unit)];
  if (!kids.empty()) {
    out += "<ul>";
    for (int c : kids) RenderTree(cube, children, c, period, out);
    out += "</ul>";
  }
  out += "</li>";
}

bool SeesIndividuals(Context& ctx, int unit) {
  metrics::Audience audience = ctx.audience();
  return audience.sees_individuals && audience.sees_individuals(unit);
}

std::string RenderUnit(Context& ctx, int unit, const core::Period& period) {
  const Snapshot& snap = ctx.snapshot();
  const metrics::MeasureCube& cube = *snap.cube;
  FigureBook book(cube, ctx.audience());
  const metrics::CubeUnit& u = cube.units()[static_cast<size_t>(unit)];
  std::string b;
  b += PeriodPicker(snap.Years(), period, "/enheter/" + UrlEncode(u.key));
  if (SeesIndividuals(ctx, unit)) {
    b += "<p><a href=\"/enheter/" + UrlEncode(u.key) + "/ansatte?periode=" + period.ToString() +
         "\">Se de ansatte bak tallene</a> <span class=\"muted\">(visningen logges)</span></p>";
  }
  int parent = u.parent;
  b += "<h2>Alle indikatorer, " + Escape(PeriodLabel(period.ToString())) + "</h2>";
  std::string compared = parent > 0 ? Escape(cube.units()[static_cast<size_t>(parent)].name) +
                                          ", hele kommunen og landet"
                         : parent == 0 ? "hele kommunen og landet"
                                       : "landet";
  b += "<div class=\"table-wrap\"><table class=\"data\"><caption>Indikatorene for " +
       Escape(u.name) + " sammenlignet med " + compared +
       "</caption><thead><tr><th scope=\"col\">Indikator</th>"
       "<th scope=\"col\">" +
       Escape(u.name) + "</th>";
  if (parent >= 0) {
    b += "<th scope=\"col\">" + Escape(cube.units()[static_cast<size_t>(parent)].name) + "</th>";
  }
  if (unit != 0 && parent != 0) b += "<th scope=\"col\">" + Escape(cube.units()[0].name) + "</th>";
  b += "<th scope=\"col\">Landet</th></tr></thead><tbody>";
  for (const metrics::IndicatorInfo& info : metrics::Indicators()) {
    if (!metrics::AppliesTo(info.id, period)) continue;
    std::string key(info.key);
    b += "<tr><th scope=\"row\"><a href=\"/indikatorer/" + key + "?periode=" + period.ToString() +
         "\">" + Escape(info.label_nb) + "</a>" + (info.unit == "%" ? " (%)" : "") + "</th>";
    b += CellTd(book.Get(key, unit, period), key);
    if (parent >= 0) b += CellTd(book.Get(key, parent, period), key);
    if (unit != 0 && parent != 0) b += CellTd(book.Get(key, 0, period), key);
    const metrics::ReferenceFigure* ref = snap.reference.Find(key, period.ToString());
    metrics::Cell ref_cell;
    if (ref != nullptr) ref_cell.value = ref->value;
    b += CellTd(&ref_cell, key);
    b += "</tr>";
  }
  b += "</tbody></table></div>";

  // Sick leave over the years: the unit, the municipality and the nation.
  Chart chart;
  chart.key = "sick_leave_pct";
  chart.caption = "Sykefravær per år, " + u.name;
  ChartSeries mine{u.name, {}, {}}, root{cube.units()[0].name, {}, {}}, nation{"Landet", {}, {}};
  bool any_nation = false;
  for (const core::Period& y : snap.Years()) {
    chart.x.push_back(y.ToString());
    mine.cells.push_back(book.Get(chart.key, unit, y));
    root.cells.push_back(book.Get(chart.key, 0, y));
    const metrics::ReferenceFigure* ref = snap.reference.Find(chart.key, y.ToString());
    bool same_year = ref != nullptr && ref->year == y.year();
    nation.plain.push_back(same_year ? std::optional<double>(ref->value) : std::nullopt);
    any_nation = any_nation || same_year;
  }
  chart.series.push_back(std::move(mine));
  if (unit != 0) chart.series.push_back(std::move(root));
  if (any_nation) chart.series.push_back(std::move(nation));
  b += RenderChart(chart);

  std::vector<int> kids = cube.ChildUnits(unit);
  if (!kids.empty()) {
    b += "<h2>Underenheter</h2><div class=\"table-wrap\"><table class=\"data\"><caption>"
         "Underenhetene til " +
         Escape(u.name) + ", " + Escape(PeriodLabel(period.ToString())) +
         "</caption><thead><tr><th scope=\"col\">Enhet</th>";
    for (const char* key : kChildFigures) {
      if (auto id = metrics::FindIndicator(key); id && metrics::AppliesTo(*id, period)) {
        b += "<th scope=\"col\">" + Escape(IndicatorLabel(key)) +
             (IndicatorUnit(key) == "%" ? " (%)" : "") + "</th>";
      }
    }
    b += "</tr></thead><tbody>";
    for (int c : kids) {
      b += "<tr><th scope=\"row\"><a href=\"" + Escape(UnitHref(cube, c, period)) + "\">" +
           Escape(cube.units()[static_cast<size_t>(c)].name) + "</a></th>";
      for (const char* key : kChildFigures) {
        if (auto id = metrics::FindIndicator(key); id && metrics::AppliesTo(*id, period)) {
          b += CellTd(book.Get(key, c, period), key);
        }
      }
      b += "</tr>";
    }
    b += "</tbody></table></div>";
  }
  return b;
}

}  // namespace

void ShowUnits(Context& ctx, Response& res) {
  const Snapshot& snap = ctx.snapshot();
  Page page;
  page.title = "Enheter";
  page.nav = "enheter";
  auto period = ctx.period();
  if (!snap.cube || !period) {
    page.body = "<p class=\"notice notice-info\">Det finnes ingen beregnede tall ennå.</p>";
    return SendPage(ctx, res, page);
  }
  const metrics::MeasureCube& cube = *snap.cube;
  page.cached_body = snap.Cached("units|" + period->ToString(), [&] {
    std::vector<std::vector<int>> children(static_cast<size_t>(cube.unit_count()));
    std::vector<int> roots;
    for (int u = 0; u < cube.unit_count(); ++u) {
      int p = cube.units()[static_cast<size_t>(u)].parent;
      (p < 0 ? roots : children[static_cast<size_t>(p)]).push_back(u);
    }
    std::string b =
        "<p class=\"lead\">Velg en enhet for å se alle indikatorene for den, "
        "sammenlignet med enheten over, hele kommunen og landet.</p><ul class=\"unit-tree\">";
    for (int r : roots) RenderTree(cube, children, r, *period, b);
    b += "</ul>";
    return b;
  });
  SendPage(ctx, res, page);
}

void ShowUnit(Context& ctx, Response& res) {
  const Snapshot& snap = ctx.snapshot();
  auto period = ctx.period();
  if (!snap.cube || !period)
    return SendError(ctx, res, 404, "Det finnes ingen beregnede tall ennå.");
  const metrics::MeasureCube& cube = *snap.cube;
  int unit = cube.FindUnit(ctx.match(1));
  if (unit < 0) return SendError(ctx, res, 404, "Fant ingen enhet med denne id-en.");
  Page page;
  page.title = cube.units()[static_cast<size_t>(unit)].name;
  page.nav = "enheter";
  page.breadcrumbs.push_back({"Enheter", "/enheter"});
  std::vector<int> path = UnitPath(cube, unit);
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    page.breadcrumbs.push_back(
        {cube.units()[static_cast<size_t>(path[i])].name, UnitHref(cube, path[i], *period)});
  }
  std::string key = "unit|" + cube.units()[static_cast<size_t>(unit)].key + "|" +
                    period->ToString() + "|" + ctx.audience_key();
  page.cached_body =
      snap.Cached(key, [&] { return AccessibleTables(RenderUnit(ctx, unit, *period)); });
  SendPage(ctx, res, page);
}

void ShowIndividuals(Context& ctx, Response& res) {
  const Snapshot& snap = ctx.snapshot();
  auto period = ctx.period();
  if (!snap.cube || !period)
    return SendError(ctx, res, 404, "Det finnes ingen beregnede tall ennå.");
  const metrics::MeasureCube& cube = *snap.cube;
  std::string key = ctx.match(1);
  store::Database* db = ctx.db();
  if (db == nullptr) return SendError(ctx, res, 503, "Databasen kunne ikke leses nå.");
  auto rows = metrics::ViewIndividuals(*db, ctx.viewer(), cube, key, *period, ctx.clock());
  if (!rows.ok()) {
    switch (rows.error().code()) {
      case core::ErrorCode::kForbidden:
        return SendError(ctx, res, 403,
                         "Du kan bare se enkeltpersoner i dine egne enheter og enhetene under "
                         "dem.");
      case core::ErrorCode::kNotFound:
        return SendError(ctx, res, 404, "Fant ingen enhet med denne id-en.");
      default:
        return SendError(ctx, res, 503, "De ansatte kunne ikke leses nå.");
    }
  }
  int unit = cube.FindUnit(key);
  Page page;
  page.title = "Ansatte i " + cube.units()[static_cast<size_t>(unit)].name;
  page.nav = "enheter";
  page.breadcrumbs.push_back({"Enheter", "/enheter"});
  for (int at : UnitPath(cube, unit)) {
    page.breadcrumbs.push_back(
        {cube.units()[static_cast<size_t>(at)].name, UnitHref(cube, at, *period)});
  }
  // Long lists in pages of kPageRows; the whole list was read (and the view logged) once.
  constexpr size_t kPageRows = 100;
  const size_t pages = std::max<size_t>(1, (rows->size() + kPageRows - 1) / kPageRows);
  size_t side = 1;
  if (std::string asked = ctx.param("side"); !asked.empty()) {
    side = std::clamp<size_t>(std::strtoul(asked.c_str(), nullptr, 10), 1, pages);
  }
  const size_t first = (side - 1) * kPageRows;
  const size_t last = std::min(rows->size(), first + kPageRows);
  std::string& b = page.body;
  b += PeriodPicker(snap.Years(), *period, "/enheter/" + UrlEncode(key) + "/ansatte");
  b += "<p class=\"notice notice-warning\">Opplysninger om enkeltpersoner. Sykefravær er "
       "helseopplysninger: bruk dem bare i oppfølgingen av den ansatte. Visningen er logget.</p>";
  std::string range = rows->size() > kPageRows
                          ? std::to_string(first + 1) + "–" + std::to_string(last) + " av "
                          : "";
  b += "<div class=\"table-wrap\"><table class=\"data\"><caption>Stillinger per " +
       Escape(DateLabel(period->count_date().ToIso())) + " (" + range +
       std::to_string(rows->size()) +
       ")</caption><thead><tr><th scope=\"col\">Ansatt</th><th scope=\"col\">Navn</th>"
       "<th scope=\"col\">Enhet</th><th scope=\"col\">Stilling</th><th scope=\"col\">Prosent"
       "</th><th scope=\"col\">Ansettelse</th><th scope=\"col\">Alder</th><th scope=\"col\">"
       "Sykedager i perioden</th></tr></thead><tbody>";
  for (size_t i = first; i < last; ++i) {
    const store::StaffRow& r = (*rows)[i];
    b += "<tr><td>" + Escape(r.employee_key) + "</td><th scope=\"row\">" +
         Escape(r.name.empty() ? "–" : r.name) + "</th><td>" + Escape(r.unit_name) + "</td><td>" +
         Escape(r.job_title.empty() ? "–" : r.job_title) + (r.leader ? " (leder)" : "") +
         "</td><td class=\"num\">" + Num(r.percent, 1) + "</td><td>" + Escape(r.employment) +
         "</td><td class=\"num\">" + std::to_string(period->year() - r.birth_year) +
         "</td><td class=\"num\">" + std::to_string(r.sick_days) + "</td></tr>";
  }
  b += "</tbody></table></div>";
  if (pages > 1) {
    b += "<nav class=\"pager\" aria-label=\"Sider\"><ul>";
    for (size_t p = 1; p <= pages; ++p) {
      std::string href = "/enheter/" + UrlEncode(key) + "/ansatte?periode=" + period->ToString() +
                         "&side=" + std::to_string(p);
      b += "<li>" +
           (p == side ? "<a aria-current=\"page\" href=\"" + Escape(href) + "\">"
                      : "<a href=\"" + Escape(href) + "\">") +
           "Side " + std::to_string(p) + "</a></li>";
    }
    b += "</ul></nav>";
  }
  SendPage(ctx, res, page);
}

}  // namespace agp::web
