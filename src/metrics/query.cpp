#include "metrics/query.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <span>

#include "core/csv_cell.h"

namespace agp::metrics {
namespace {

std::string Optional(const std::optional<double>& v) { return v ? FormatNumber(*v) : ""; }

}  // namespace

std::string FormatNumber(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

core::Result<std::vector<Figure>> QueryFigures(const MeasureCube& cube,
                                               const FigureRequest& request,
                                               const Audience& audience) {
  std::vector<int> periods;
  for (const core::Period& p : request.periods) {
    const int i = cube.FindPeriod(p);
    if (i < 0) {
      std::string span = cube.periods().empty()
                             ? "none"
                             : std::to_string(cube.periods().front().year()) + "–" +
                                   std::to_string(cube.periods().back().year());
      return core::Error(core::ErrorCode::kNotFound, "no figures for " + p.ToString() +
                                                         ": the results cover the years " + span);
    }
    periods.push_back(i);
  }
  int32_t only_unit = -1;
  if (request.unit) {
    only_unit = cube.FindUnit(*request.unit);
    if (only_unit < 0) {
      return core::Error(core::ErrorCode::kUsage, "unknown unit '" + *request.unit + "'");
    }
  }
  // The figure keys asked for; job-code keys are resolved per period.
  struct Wanted {
    IndicatorId id;
    std::optional<std::string> job;  // "*" for all
  };
  std::vector<Wanted> wanted;
  if (request.indicators.empty()) {
    for (const IndicatorInfo& info : Indicators()) wanted.push_back({info.id, std::nullopt});
  }
  for (const std::string& key : request.indicators) {
    const size_t colon = key.find(kJobCodeSeparator);
    const std::string base = key.substr(0, colon);
    auto id = FindIndicator(base);
    if (!id || (colon != std::string::npos && *id != IndicatorId::kPayRatioWomenMen)) {
      std::string known;
      for (const IndicatorInfo& info : Indicators())
        known += (known.empty() ? "" : ", ") + std::string(info.key);
      return core::Error(core::ErrorCode::kUsage,
                         "unknown indicator '" + key + "'; known: " + known +
                             " (and pay_ratio_women_men:JOB_CODE or pay_ratio_women_men:*)");
    }
    wanted.push_back(
        {*id, colon == std::string::npos ? std::nullopt : std::optional(key.substr(colon + 1))});
  }

  std::vector<int32_t> parents(cube.unit_count());
  for (int u = 0; u < cube.unit_count(); ++u) parents[u] = cube.units()[u].parent;
  std::vector<Figure> out;
  const bool restricted = audience.min_group > 1;
  auto sees = [&](int u) { return audience.sees_individuals && audience.sees_individuals(u); };
  auto emit = [&](const FigureKey& key, int p, std::vector<Cell> cells) {
    if (restricted && !PublishedToAggregateViewers(key.indicator, cube.periods()[p])) {
      for (int u = 0; u < cube.unit_count(); ++u) {
        if (!sees(u)) Withhold(cells[u]);
      }
    }
    for (int u = 0; u < cube.unit_count(); ++u) {
      if (only_unit >= 0 && u != only_unit) continue;
      if (key.job >= 0 && cells[u].groups[0] == 0 && cells[u].groups[1] == 0) continue;
      out.push_back(Figure{key, u, cube.periods()[p], std::move(cells[u])});
    }
  };
  // Figures that add up over periods are suppressed a year at a time: every period of the
  // year that the results hold, decided together (SuppressLinked), kept for the periods asked.
  std::map<int, std::map<int, std::vector<Cell>>> years;  // year → period → cells
  auto linked = [&](const FigureKey& key, int p) -> std::vector<Cell> {
    const int year = cube.periods()[p].year();
    auto it = years.find(year);
    if (it == years.end()) {
      std::map<int, std::vector<Cell>> slices;
      for (int q = 0; q < cube.period_count(); ++q) {
        const core::Period& period = cube.periods()[q];
        if (period.year() == year && AppliesTo(key.indicator, period) &&
            (!restricted || PublishedToAggregateViewers(key.indicator, period)))
          slices.emplace(q, Slice(cube, key, q));
      }
      std::vector<std::span<Cell>> spans;
      for (auto& [q, cells] : slices) spans.emplace_back(cells);
      SuppressLinked(parents, spans, audience);
      it = years.emplace(year, std::move(slices)).first;
    }
    return it->second.at(p);
  };
  for (const Wanted& w : wanted) {
    years.clear();
    for (int p : periods) {
      if (!AppliesTo(w.id, cube.periods()[p])) continue;
      if (!w.job) {
        const FigureKey key{w.id, -1};
        if (restricted && !PublishedToAggregateViewers(w.id, cube.periods()[p])) {
          emit(key, p, Slice(cube, key, p));  // withheld wherever the viewer sees aggregates
        } else if (AddsUpOverPeriods(w.id)) {
          emit(key, p, linked(key, p));
        } else {
          std::vector<Cell> cells = Slice(cube, key, p);
          Suppress(parents, cells, audience);
          emit(key, p, std::move(cells));
        }
        continue;
      }
      for (int32_t job : JobCodesIn(cube, p)) {
        if (*w.job == "*" || cube.job_codes[job] == *w.job) {
          const FigureKey key{w.id, job};
          std::vector<Cell> cells = Slice(cube, key, p);
          Suppress(parents, cells, audience);
          emit(key, p, std::move(cells));
        }
      }
    }
  }
  return out;
}

std::string CsvRow(const MeasureCube& cube, const Figure& f) {
  const Cell& c = f.cell;
  std::string row = core::CsvText(f.key.ToString(cube));
  row += ',';
  core::AppendCsvText(row, cube.units()[f.unit].key);
  row += ',';
  row += f.period.ToString();
  row += ',';
  row += Optional(c.value);
  row += ',';
  row += Optional(c.numerator);
  row += ',';
  row += Optional(c.denominator);
  row += ',';
  if (!c.suppressed) row += std::to_string(c.population());
  row += c.suppressed ? ",1" : ",0";
  return row;
}

}  // namespace agp::metrics
