// Parsing the values of package fields: numbers with decimal point or comma, integers, flags.
#pragma once

#include <optional>
#include <string_view>

namespace agp::core {

// Leading and trailing spaces, tabs and no-break spaces removed.
std::string_view Trim(std::string_view s);

// A decimal number: optional sign, digits, optionally one decimal point or comma and more
// digits. Spaces and no-break spaces between digit groups are allowed ("600 000,50").
// Exponents, thousands dots and anything else are refused (nullopt).
std::optional<double> ParseNumber(std::string_view s);

// A whole number: an optional sign and digits ("1975"); also "1975,0" or "1975.00" as
// spreadsheets write whole numbers.
std::optional<long long> ParseInteger(std::string_view s);

// 0/1, and also ja/nei, true/false, sann/usann in any case.
std::optional<bool> ParseFlag(std::string_view s);

}  // namespace agp::core
