#include "ingest/national_id.h"

namespace agp::ingest {
namespace {

constexpr int kW1[9] = {3, 7, 6, 1, 8, 9, 4, 5, 2};
constexpr int kW2[10] = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

// The control digit for digits d[0..n) with weights w, or 10 when there is none.
int ControlDigit(const int* d, const int* w, int n) {
  int s = 0;
  for (int i = 0; i < n; ++i) s += w[i] * d[i];
  return (11 - s % 11) % 11;
}

}  // namespace

std::string AppendControlDigits(std::string_view nine) {
  if (nine.size() != 9) return "";
  int d[11];
  for (int i = 0; i < 9; ++i) {
    if (nine[i] < '0' || nine[i] > '9') return "";
    d[i] = nine[i] - '0';
  }
  d[9] = ControlDigit(d, kW1, 9);
  if (d[9] == 10) return "";
  d[10] = ControlDigit(d, kW2, 10);
  if (d[10] == 10) return "";
  return std::string(nine) + static_cast<char>('0' + d[9]) + static_cast<char>('0' + d[10]);
}

bool LooksLikeNationalId(std::string_view text) {
  int d[11];
  int n = 0;
  if (text.size() == 11) {
    for (char c : text) {
      if (c < '0' || c > '9') return false;
      d[n++] = c - '0';
    }
  } else if (text.size() == 12 && text[6] == ' ') {
    for (size_t i = 0; i < 12; ++i) {
      if (i == 6) continue;
      if (text[i] < '0' || text[i] > '9') return false;
      d[n++] = text[i] - '0';
    }
  } else {
    return false;
  }
  return ControlDigit(d, kW1, 9) == d[9] && ControlDigit(d, kW2, 10) == d[10];
}

}  // namespace agp::ingest
