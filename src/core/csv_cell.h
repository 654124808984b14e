// Writing CSV cells for people who open the file in a spreadsheet program: RFC 4180 quoting and
// the neutralising of text that the program would run as a formula (OWASP, "CSV Injection").
// Every CSV agp writes for people (agp indicators, agp evaluate, the indicator downloads) writes
// its text cells through CsvText; numbers are written as they are, so that they stay numbers.
#pragma once

#include <string>
#include <string_view>

namespace agp::core {

// Whether a spreadsheet program would read a text cell that starts like `text` as a formula:
// it starts with "=", "+", "-", "@", a tab or a carriage return.
bool LooksLikeFormula(std::string_view text);

// A text cell: "'" before a text that LooksLikeFormula ("=1+2" → "'=1+2"; the quote tells the
// spreadsheet program that the cell is text, and a reader sees what was there), then in double
// quotes, with quotes doubled, when it holds a comma, a semicolon, a quote or a line break.
// Never for numbers: -3.5 is written as it is, by the caller.
std::string CsvText(std::string_view text);
void AppendCsvText(std::string& out, std::string_view text);

}  // namespace agp::core
