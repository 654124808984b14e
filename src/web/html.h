// Writing HTML: escaping, Norwegian numbers and dates, and the pieces every page shares.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/text.h"

namespace agp::web {

// Escaping and Norwegian numbers, periods and dates live in core (the report writes them too).
using core::AppendEscaped;
using core::DateLabel;
using core::DecimalText;
using core::Escape;
using core::Num;
using core::PeriodLabel;
using core::UrlEncode;

// Makes every scrolling table wrapper (`<div class="table-wrap">` around a table with a caption)
// reachable by keyboard and named by its caption (WCAG 2.1.1; axe scrollable-region-focusable).
std::string AccessibleTables(std::string html);

}  // namespace agp::web
