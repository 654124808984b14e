// Charts drawn on the server as inline SVG: the report is one self-contained file, read on
// paper as often as on screen, so it cannot lean on the web app's script.
#pragma once

#include <string>

#include "report/report.h"

namespace agp::report {

// A line chart of one indicator over the trend years: the unit's figures (solid, with values),
// the national figures (dashed) and an at_least/at_most target (a dotted line with its words).
// Suppressed or missing years leave a gap. `id` makes the title's id unique in the document.
// Returns "" when no year has a figure to draw.
std::string TrendChartSvg(const IndicatorBlock& line, const std::string& id);

}  // namespace agp::report
