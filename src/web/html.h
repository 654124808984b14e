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

// The Content-Disposition value that offers `file_name` as a download (RFC 6266), safe whatever
// the name holds (a unit key or a policy id from outside): `filename="…"` with every character
// but ASCII letters, digits and "-_." replaced by "_" (for old clients), and
// `filename*=UTF-8''…` with the name percent-encoded (RFC 8187), control characters, quotes and
// path separators first replaced by "_". "attachment; filename=\"rapport-1_b.pdf\";
// filename*=UTF-8''rapport-1_b.pdf".
std::string AttachmentDisposition(std::string_view file_name);

// Makes every scrolling table wrapper (`<div class="table-wrap">` around a table with a caption)
// reachable by keyboard and named by its caption (WCAG 2.1.1; axe scrollable-region-focusable).
std::string AccessibleTables(std::string html);

}  // namespace agp::web
