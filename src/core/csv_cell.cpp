#include "core/csv_cell.h"

namespace agp::core {

bool LooksLikeFormula(std::string_view text) {
  if (text.empty()) return false;
  const char c = text.front();
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

void AppendCsvText(std::string& out, std::string_view text) {
  const bool formula = LooksLikeFormula(text);
  if (text.find_first_of(",;\"\n\r") == std::string_view::npos) {
    if (formula) out += '\'';
    out += text;
    return;
  }
  out += '"';
  if (formula) out += '\'';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string CsvText(std::string_view text) {
  std::string out;
  AppendCsvText(out, text);
  return out;
}

}  // namespace agp::core
