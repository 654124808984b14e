// Indikatorer and Indikator: every indicator's definition and source, a chart over the years
// against the national figure, the table for every unit, and downloads as CSV (the §7 format) and
// XLSX (numbers as numbers) — all through suppression for the viewer.
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "metrics/indicator.h"
#include "metrics/query.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/widgets.h"

namespace agp::web {

namespace {

const metrics::IndicatorInfo* InfoFromPath(Context& ctx) {
  auto id = metrics::FindIndicator(ctx.match(1));
  return id ? &metrics::Info(*id) : nullptr;
}

// The figures of one indicator for every unit and one period, for this viewer.
core::Result<std::vector<metrics::Figure>> Figures(Context& ctx, const metrics::IndicatorInfo& info,
                                                   const core::Period& period) {
  metrics::FigureRequest request;
  request.periods = {period};
  request.indicators = {std::string(info.key)};
  return metrics::QueryFigures(*ctx.snapshot().cube, request, ctx.audience());
}

int Depth(const metrics::MeasureCube& cube, int unit) {
  int d = 0;
  for (int at = cube.units()[static_cast<size_t>(unit)].parent; at >= 0;
       at = cube.units()[static_cast<size_t>(at)].parent)
    ++d;
  return d;
}

// The period for an indicator: years only for turnover and retirement age.
std::optional<core::Period> PeriodFor(Context& ctx, const metrics::IndicatorInfo& info) {
  auto period = ctx.period();
  if (period && !metrics::AppliesTo(info.id, *period)) period = core::Period::Year(period->year());
  if (period && ctx.snapshot().cube->FindPeriod(*period) < 0) return std::nullopt;
  return period;
}

std::string RenderIndicator(Context& ctx, const metrics::IndicatorInfo& info,
                            const core::Period& period) {
  const Snapshot& snap = ctx.snapshot();
  const metrics::MeasureCube& cube = *snap.cube;
  std::string key(info.key);
  FigureBook book(cube, ctx.audience());
  std::string b;
  b += "<p class=\"lead\">" + Escape(info.definition_nb) + "</p>";
  b += "<dl class=\"facts\"><dt>Kilde</dt><dd>" + Escape(info.source_nb) +
       "</dd><dt>Hvem som "
       "telles</dt><dd>" +
       Escape(info.population_nb) + "</dd><dt>Teller</dt><dd>" + Escape(info.numerator_nb) +
       "</dd>";
  if (!info.denominator_nb.empty()) {
    b += "<dt>Nevner</dt><dd>" + Escape(info.denominator_nb) + "</dd>";
  }
  b += "<dt>Enhet</dt><dd>" + Escape(info.unit) + "</dd><dt>Retning</dt><dd>" +
       (info.direction == metrics::Direction::kHigherIsBetter ? "høyere er bedre"
        : info.direction == metrics::Direction::kLowerIsBetter
            ? "lavere er bedre"
            : "verken høyere eller lavere er bedre i seg selv") +
       "</dd><dt>Små grupper</dt><dd>" + Escape(metrics::SuppressionRuleNb(info.id)) + "</dd></dl>";
  b += PeriodPicker(snap.Years(), period, "/indikatorer/" + key);

  Chart chart;
  chart.key = key;
  chart.caption = std::string(info.label_nb) + " per år, " + cube.units()[0].name;
  ChartSeries root{cube.units()[0].name, {}, {}}, nation{"Landet", {}, {}};
  bool any_nation = false;
  for (const core::Period& y : snap.Years()) {
    chart.x.push_back(y.ToString());
    root.cells.push_back(book.Get(key, 0, y));
    const metrics::ReferenceFigure* ref = snap.reference.Find(key, y.ToString());
    bool same = ref != nullptr && ref->year == y.year();
    nation.plain.push_back(same ? std::optional<double>(ref->value) : std::nullopt);
    any_nation = any_nation || same;
  }
  chart.series.push_back(std::move(root));
  if (any_nation) chart.series.push_back(std::move(nation));
  b += RenderChart(chart);
  if (const metrics::ReferenceFigure* ref = snap.reference.Find(key, period.ToString())) {
    b += "<p class=\"muted\">Landstallet: " + Escape(ref->source) + " (" +
         std::to_string(ref->year) + ", " + Escape(ref->scope) + ").</p>";
  }

  std::string q = "?periode=" + period.ToString();
  b += "<h2>Alle enheter, " + Escape(PeriodLabel(period.ToString())) + "</h2>";
  b += "<p>Last ned: <a href=\"/indikatorer/" + key + ".csv" + q +
       "\" download>CSV</a> · <a "
       "href=\"/indikatorer/" +
       key + ".xlsx" + q + "\" download>Excel (XLSX)</a></p>";
  b += "<div class=\"table-wrap\"><table class=\"data\"><caption>" + Escape(info.label_nb) +
       " for hver enhet (hele treet under enheten er med)</caption><thead><tr><th scope=\"col\">"
       "Enhet</th><th scope=\"col\">Verdi</th><th scope=\"col\">Teller</th><th scope=\"col\">"
       "Nevner</th><th scope=\"col\">Personer</th></tr></thead><tbody>";
  for (int u = 0; u < cube.unit_count(); ++u) {
    const metrics::Cell* c = book.Get(key, u, period);
    int depth = Depth(cube, u);
    b += "<tr><th scope=\"row\" class=\"depth-" + std::to_string(std::min(depth, 6)) +
         "\"><a href=\"/enheter/" + UrlEncode(cube.units()[static_cast<size_t>(u)].key) + q +
         "\">" + Escape(cube.units()[static_cast<size_t>(u)].name) + "</a></th>" + CellTd(c, key);
    if (c == nullptr || c->suppressed) {
      b += "<td class=\"num suppressed\">skjult</td><td class=\"num suppressed\">skjult</td>"
           "<td class=\"num suppressed\">skjult</td>";
    } else {
      b += "<td class=\"num\">" + Num(c->numerator, 1) + "</td><td class=\"num\">" +
           Num(c->denominator, 1) + "</td><td class=\"num\">" +
           Num(static_cast<double>(c->population()), 0) + "</td>";
    }
    b += "</tr>";
  }
  b += "</tbody></table></div>";
  return b;
}

std::string Filename(const metrics::IndicatorInfo& info, const core::Period& period,
                     const char* ext) {
  return std::string(info.key) + "-" + period.ToString() + "." + ext;
}

}  // namespace

void ShowIndicators(Context& ctx, Response& res) {
  Page page;
  page.title = "Indikatorer";
  page.nav = "indikatorer";
  std::string& b = page.body;
  b +=
      "<p class=\"lead\">Indikatorene følger definisjonene til SSB, NAV og KS, slik at tallene kan "
      "sammenlignes med det kommunene allerede publiserer.</p>";
  b += "<details><summary>Begreper som går igjen</summary><p>" + Escape(metrics::CommonTermsNb()) +
       "</p></details>";
  b += "<div class=\"table-wrap\"><table class=\"data\"><caption>Alle indikatorer</caption><thead>"
       "<tr><th scope=\"col\">Indikator</th><th scope=\"col\">Enhet</th><th scope=\"col\">Kilde"
       "</th></tr></thead><tbody>";
  for (const metrics::IndicatorInfo& info : metrics::Indicators()) {
    b += "<tr><th scope=\"row\"><a href=\"/indikatorer/" + std::string(info.key) + "\">" +
         Escape(info.label_nb) + "</a></th><td>" + Escape(info.unit) + "</td><td>" +
         Escape(info.source_nb) + "</td></tr>";
  }
  b += "</tbody></table></div>";
  SendPage(ctx, res, page);
}

void ShowIndicator(Context& ctx, Response& res) {
  const metrics::IndicatorInfo* info = InfoFromPath(ctx);
  if (info == nullptr) return SendError(ctx, res, 404, "Fant ingen indikator med dette navnet.");
  const Snapshot& snap = ctx.snapshot();
  if (!snap.cube) return SendError(ctx, res, 404, "Det finnes ingen beregnede tall ennå.");
  auto period = PeriodFor(ctx, *info);
  if (!period) return SendError(ctx, res, 404, "Det finnes ingen tall for denne perioden.");
  Page page;
  page.title = std::string(info->label_nb);
  page.nav = "indikatorer";
  page.breadcrumbs.push_back({"Indikatorer", "/indikatorer"});
  std::string key =
      "indicator|" + std::string(info->key) + "|" + period->ToString() + "|" + ctx.audience_key();
  page.cached_body =
      snap.Cached(key, [&] { return AccessibleTables(RenderIndicator(ctx, *info, *period)); });
  SendPage(ctx, res, page);
}

namespace {

// What a download holds: the indicator of the path, the period asked for, and every unit's figure
// through suppression for the viewer. nullopt when it answered with an error page already.
struct Download {
  const metrics::IndicatorInfo* info;
  core::Period period;
  std::vector<metrics::Figure> figures;
};

std::optional<Download> PrepareDownload(Context& ctx, Response& res) {
  const metrics::IndicatorInfo* info = InfoFromPath(ctx);
  if (info == nullptr) {
    SendError(ctx, res, 404, "Fant ingen indikator med dette navnet.");
    return std::nullopt;
  }
  std::optional<core::Period> period;
  if (ctx.snapshot().cube) period = PeriodFor(ctx, *info);
  auto figures =
      period
          ? Figures(ctx, *info, *period)
          : core::Result<std::vector<metrics::Figure>>(core::Error(core::ErrorCode::kNotFound, ""));
  if (!figures.ok()) {
    SendError(ctx, res, 404, "Det finnes ingen tall for denne perioden.");
    return std::nullopt;
  }
  return Download{info, *period, std::move(figures).value()};
}

}  // namespace

void DownloadIndicatorCsv(Context& ctx, Response& res) {
  std::optional<Download> d = PrepareDownload(ctx, res);
  if (!d) return;
  const metrics::IndicatorInfo* info = d->info;
  const core::Period* period = &d->period;
  const std::vector<metrics::Figure>* figures = &d->figures;
  std::string out(metrics::kCsvHeader);
  out += "\n";
  for (const metrics::Figure& f : *figures) {
    out += metrics::CsvRow(*ctx.snapshot().cube, f);
    out += "\n";
  }
  res.set_header("Content-Disposition", AttachmentDisposition(Filename(*info, *period, "csv")));
  res.set_header("Cache-Control", "no-store");
  res.set_content(std::move(out), "text/csv; charset=utf-8");
}

void DownloadIndicatorXlsx(Context& ctx, Response& res) {
  std::optional<Download> d = PrepareDownload(ctx, res);
  if (!d) return;
  const metrics::IndicatorInfo* info = d->info;
  const core::Period* period = &d->period;
  const std::vector<metrics::Figure>* figures = &d->figures;
  const metrics::MeasureCube& cube = *ctx.snapshot().cube;

  char path[] = "/tmp/agp-xlsx-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return SendError(ctx, res, 500, "Regnearket kunne ikke lages.");
  close(fd);
  lxw_workbook* wb = workbook_new(path);
  lxw_worksheet* ws = workbook_add_worksheet(wb, std::string(info->key).substr(0, 31).c_str());
  const char* headers[] = {"indikator", "enhet_id", "enhet",    "periode", "verdi",
                           "teller",    "nevner",   "personer", "skjult"};
  for (int c = 0; c < 9; ++c)
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), headers[c], nullptr);
  lxw_row_t row = 1;
  for (const metrics::Figure& f : *figures) {
    const metrics::CubeUnit& u = cube.units()[static_cast<size_t>(f.unit)];
    worksheet_write_string(ws, row, 0, std::string(info->key).c_str(), nullptr);
    worksheet_write_string(ws, row, 1, u.key.c_str(), nullptr);
    worksheet_write_string(ws, row, 2, u.name.c_str(), nullptr);
    worksheet_write_string(ws, row, 3, f.period.ToString().c_str(), nullptr);
    if (f.cell.value) worksheet_write_number(ws, row, 4, *f.cell.value, nullptr);
    if (f.cell.numerator) worksheet_write_number(ws, row, 5, *f.cell.numerator, nullptr);
    if (f.cell.denominator) worksheet_write_number(ws, row, 6, *f.cell.denominator, nullptr);
    if (!f.cell.suppressed) {
      worksheet_write_number(ws, row, 7, static_cast<double>(f.cell.population()), nullptr);
    }
    worksheet_write_boolean(ws, row, 8, f.cell.suppressed ? 1 : 0, nullptr);
    ++row;
  }
  worksheet_set_column(ws, 2, 2, 40, nullptr);
  lxw_error err = workbook_close(wb);
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::remove(path);
  if (err != LXW_NO_ERROR) return SendError(ctx, res, 500, "Regnearket kunne ikke lages.");
  res.set_header("Content-Disposition", AttachmentDisposition(Filename(*info, *period, "xlsx")));
  res.set_header("Cache-Control", "no-store");
  res.set_content(bytes.str(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

}  // namespace agp::web
