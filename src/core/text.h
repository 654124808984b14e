// Text for people: HTML and URL escaping and the Norwegian way of writing numbers, periods and
// dates. Shared by everything that presents figures (the web pages and the report).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace agp::core {

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string Escape(std::string_view text);
// Appends the escaped text to `out`.
void AppendEscaped(std::string& out, std::string_view text);

// Percent-encodes everything but letters, digits, "-_.~" and the characters in `keep`: a URL
// path segment or query value (keep "/" for a whole path).
std::string UrlEncode(std::string_view text, std::string_view keep = {});

// True when `bytes` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view bytes);

// The first control character in `text` that is not in `allowed`, as "U+001B"; "" when there is
// none. Control characters are C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F, in
// UTF-8 "\xC2\x80"–"\xC2\x9F"): NUL, ESC, BEL and the like have no place in a name or a
// text for people, and would reach terminals and pages raw. Text with lines allows "\t\n\r".
std::string ControlCharacterIn(std::string_view text, std::string_view allowed = {});

// `text` for one field of a log line: every byte outside printable ASCII ("!"–"~"), and the
// backslash, as "\xHH". A logged path cannot then start a new line, forge a field (no spaces)
// or send escape sequences to the terminal that shows the log (issue 13, item 12).
std::string LogSafe(std::string_view text);

// A number as Norwegian readers write it: decimal comma, a narrow space between thousands,
// `decimals` places ("61,3", "12 345"). Empty optional → "–".
std::string Num(std::optional<double> v, int decimals = 1);

// A number with as many decimals as it has and a decimal comma ("61,25", "5"): how a number
// someone typed is shown back to them.
std::string DecimalText(double v);

// "2024" → "2024", "2024-03" → "mars 2024", "2024-T1" → "1. tertial 2024", "2024-Q2" →
// "2. kvartal 2024".
std::string PeriodLabel(std::string_view period);

// "2024-03-05" → "5. mars 2024"; "" stays "".
std::string DateLabel(std::string_view iso_date);

}  // namespace agp::core
