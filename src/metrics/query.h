// Reading figures: the one way every caller (CLI, web, report) gets indicator values, with
// suppression applied for the audience, and the public CSV format of DESIGN.md §7.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/period.h"
#include "metrics/cells.h"
#include "metrics/measure_cube.h"
#include "metrics/suppression.h"

namespace agp::metrics {

struct FigureRequest {
  std::vector<core::Period> periods;
  // Indicator keys; empty: every indicator of the registry. "pay_ratio_women_men:CODE" asks for
  // one job code, "pay_ratio_women_men:*" for every job code.
  std::vector<std::string> indicators;
  std::optional<std::string> unit;  // a unit key: only that unit's rows; empty: every unit
};

struct Figure {
  FigureKey key;
  int32_t unit = -1;  // index into cube.units()
  core::Period period;
  Cell cell;
};

// The figures in the order indicator (as requested, else registry order), period (as
// requested), unit (the cube's order). Suppression is decided over every unit of each slice,
// whatever `unit` selects, and for figures that add up over periods over every period of the
// slice's year, whatever `periods` selects (suppression.h). Errors: an unknown indicator or unit
// (kUsage), a period the results do not cover (kNotFound).
core::Result<std::vector<Figure>> QueryFigures(const MeasureCube& cube,
                                               const FigureRequest& request,
                                               const Audience& audience);

// A number as the CSV contract writes it: a decimal point, at most 6 decimals, no trailing
// zeros ("12.5", "3", "0.166667").
std::string FormatNumber(double v);

// DESIGN.md §7: `indicator,unit_id,period,value,numerator,denominator,population,suppressed`.
inline constexpr std::string_view kCsvHeader =
    "indicator,unit_id,period,value,numerator,denominator,population,suppressed";
// One row of it: the text cells (indicator, unit_id) through core::CsvText, so that a unit key a
// spreadsheet would run as a formula is written as text; the numbers as they are.
std::string CsvRow(const MeasureCube& cube, const Figure& f);

}  // namespace agp::metrics
