#include "ingest/national_id.h"

namespace agp::ingest {
namespace {

constexpr int kW1[9] = {3, 7, 6, 1, 8, 9, 4, 5, 2};
constexpr int kW2[10] = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
constexpr char kNoBreakSpace[] = "\xC2\xA0";

// The control digit for digits d[0..n) with weights w, or 10 when there is none.
int ControlDigit(const int* d, const int* w, int n) {
  int s = 0;
  for (int i = 0; i < n; ++i) s += w[i] * d[i];
  return (11 - s % 11) % 11;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The length of the run of digits that starts at `at`.
size_t DigitRun(std::string_view text, size_t at) {
  size_t end = at;
  while (end < text.size() && IsDigit(text[end])) ++end;
  return end - at;
}

// The length of a separator between date and person number at `at`, 0 when there is none.
size_t SeparatorAt(std::string_view text, size_t at) {
  if (at >= text.size()) return 0;
  const char c = text[at];
  if (c == ' ' || c == '-' || c == '.') return 1;
  if (text.substr(at, 2) == kNoBreakSpace) return 2;
  return 0;
}

// Whether the 6 digits at `date` and the 5 at `person` pass both mod-11 checks.
bool ControlDigitsPass(const char* date, const char* person) {
  int d[11];
  for (int i = 0; i < 6; ++i) d[i] = date[i] - '0';
  for (int i = 0; i < 5; ++i) d[6 + i] = person[i] - '0';
  return ControlDigit(d, kW1, 9) == d[9] && ControlDigit(d, kW2, 10) == d[10];
}

}  // namespace

std::string AppendControlDigits(std::string_view nine) {
  if (nine.size() != 9) return "";
  int d[11];
  for (int i = 0; i < 9; ++i) {
    if (!IsDigit(nine[i])) return "";
    d[i] = nine[i] - '0';
  }
  d[9] = ControlDigit(d, kW1, 9);
  if (d[9] == 10) return "";
  d[10] = ControlDigit(d, kW2, 10);
  if (d[10] == 10) return "";
  return std::string(nine) + static_cast<char>('0' + d[9]) + static_cast<char>('0' + d[10]);
}

std::optional<NationalIdSpan> FindNationalId(std::string_view text, size_t from) {
  size_t i = from;
  // A run that starts before `from` is not split.
  while (i > 0 && i < text.size() && IsDigit(text[i]) && IsDigit(text[i - 1])) ++i;
  while (i < text.size()) {
    if (!IsDigit(text[i])) {
      ++i;
      continue;
    }
    const size_t run = DigitRun(text, i);
    if (run == 11 && ControlDigitsPass(text.data() + i, text.data() + i + 6)) {
      return NationalIdSpan{i, 11};
    }
    if (run == 6) {
      const size_t sep = SeparatorAt(text, i + 6);
      const size_t person = i + 6 + sep;
      if (sep > 0 && DigitRun(text, person) == 5 &&
          ControlDigitsPass(text.data() + i, text.data() + person)) {
        return NationalIdSpan{i, 6 + sep + 5};
      }
    }
    i += run;
  }
  return std::nullopt;
}

bool LooksLikeNationalId(std::string_view text) {
  const auto found = FindNationalId(text);
  return found && found->begin == 0 && found->size == text.size();
}

std::string MaskNationalIds(std::string_view text) {
  std::string out;
  size_t at = 0;
  for (auto found = FindNationalId(text); found; found = FindNationalId(text, at)) {
    out.append(text, at, found->begin - at);
    out.append(11, '*');
    at = found->begin + found->size;
  }
  out.append(text, at, std::string_view::npos);
  return out;
}

}  // namespace agp::ingest
