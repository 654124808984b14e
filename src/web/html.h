// Writing HTML: escaping, Norwegian numbers and dates, and the pieces every page shares.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace agp::web {

// Escapes &, <, >, " and ' for text and attribute values.
std::string Escape(std::string_view text);
// Appends the escaped text to `out`.
void AppendEscaped(std::string& out, std::string_view text);

// A number as Norwegian readers write it: decimal comma, a narrow space between thousands,
// `decimals` places ("61,3", "12 345"). Empty optional → "–".
std::string Num(std::optional<double> v, int decimals = 1);

// A percent-encoded URL path segment or query value.
std::string UrlEncode(std::string_view text);

// "2024" → "2024", "2024-03" → "mars 2024", "2024-T1" → "1. tertial 2024", "2024-Q2" →
// "2. kvartal 2024".
std::string PeriodLabel(std::string_view period);

// "2024-03-05" → "5. mars 2024"; "" stays "".
std::string DateLabel(std::string_view iso_date);

// Makes every scrolling table wrapper (`<div class="table-wrap">` around a table with a caption)
// reachable by keyboard and named by its caption (WCAG 2.1.1; axe scrollable-region-focusable).
std::string AccessibleTables(std::string html);

}  // namespace agp::web
