// Pieces that several pages draw: goal status badges, charts with their accessible tables
// (web/static/charts.js draws the SVG from the table), and figures read through suppression.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/period.h"
#include "metrics/cells.h"
#include "metrics/labels.h"
#include "metrics/measure_cube.h"
#include "metrics/suppression.h"
#include "policy/evaluation.h"

namespace agp::web {

// "<span class="status status-met">✔ nådd</span>": a symbol and words, never colour alone.
std::string StatusBadge(policy::GoalStatus status);
// "<span class="verdict verdict-delvis">delvis</span>".
std::string VerdictBadge(const std::string& verdict);

// Figures read through suppression, and indicator labels, live in metrics (the report uses them
// too).
using metrics::FigureBook;
using metrics::IndicatorDecimals;
using metrics::IndicatorLabel;
using metrics::IndicatorUnit;

// "61,3 %", "skjult" (suppressed) or "–" (no figure), as HTML.
std::string CellText(const metrics::Cell* cell, const std::string& key);
// The same for a table cell: <td class="num …" data-value="…">…</td>.
std::string CellTd(const metrics::Cell* cell, const std::string& key);

struct ChartSeries {
  std::string name;
  std::vector<const metrics::Cell*> cells;   // one per x value; nullptr: none
  std::vector<std::optional<double>> plain;  // used instead of cells when cells is empty
};

struct Chart {
  std::string kind = "line";  // line | bar | spark
  std::string caption;
  std::string x_label;               // the row headers' column; "" for Enhet/Periode
  std::string key;                   // the indicator, for units and decimals
  std::vector<std::string> x;        // row headers (period labels or unit names)
  std::vector<std::string> x_links;  // optional hrefs for the row headers
  std::vector<ChartSeries> series;
  std::optional<double> target;
  std::string target_label;
};
// A <figure class="chart|spark"> with the table that charts.js draws from.
std::string RenderChart(const Chart& chart);

// The unit's ancestors, root first, and the unit itself last.
std::vector<int> UnitPath(const metrics::MeasureCube& cube, int unit);

// A <form method=get> to choose the period among the results' years.
std::string PeriodPicker(const std::vector<core::Period>& years, const core::Period& current,
                         const std::string& action,
                         const std::vector<std::pair<std::string, std::string>>& hidden = {});

}  // namespace agp::web
