#include "core/field_parse.h"

#include <cctype>
#include <charconv>
#include <cmath>

namespace agp::core {
namespace {

// Length of a space-like character at s[i]: ASCII space or tab (1), U+00A0 (2), U+202F (3); 0 else.
size_t SpaceAt(std::string_view s, size_t i) {
  if (s[i] == ' ' || s[i] == '\t') return 1;
  if (s.compare(i, 2, "\xC2\xA0") == 0) return 2;
  if (s.compare(i, 3, "\xE2\x80\xAF") == 0) return 3;
  return 0;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

}  // namespace

std::string_view Trim(std::string_view s) {
  while (!s.empty()) {
    const size_t n = SpaceAt(s, 0);
    if (n == 0) break;
    s.remove_prefix(n);
  }
  while (!s.empty()) {
    if (s.back() == ' ' || s.back() == '\t') {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") {
      s.remove_suffix(2);
    } else if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE2\x80\xAF") {
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  return s;
}

std::optional<double> ParseNumber(std::string_view s) {
  char buf[64];
  size_t n = 0;
  bool seen_sign = false, seen_digit = false, seen_decimal = false;
  for (size_t i = 0; i < s.size();) {
    if (n == sizeof buf) return std::nullopt;  // no number agp reads is that long
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      seen_digit = true;
      buf[n++] = c;
      ++i;
    } else if ((c == '-' || c == '+') && !seen_sign && !seen_digit) {
      seen_sign = true;
      if (c == '-') buf[n++] = c;
      ++i;
    } else if ((c == ',' || c == '.') && !seen_decimal && seen_digit) {
      seen_decimal = true;
      buf[n++] = '.';
      ++i;
    } else if (size_t w = SpaceAt(s, i); w > 0 && seen_digit && !seen_decimal && i + w < s.size() &&
                                         s[i + w] >= '0' && s[i + w] <= '9') {
      i += w;  // a digit-group separator
    } else {
      return std::nullopt;
    }
  }
  if (!seen_digit || buf[n - 1] == '.') return std::nullopt;
  double v = 0;
  const auto [end, ec] = std::from_chars(buf, buf + n, v);
  if (ec != std::errc() || end != buf + n || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<long long> ParseInteger(std::string_view s) {
  auto v = ParseNumber(s);
  if (!v || *v != std::floor(*v) || std::fabs(*v) > 9e15) return std::nullopt;
  return static_cast<long long>(*v);
}

std::optional<bool> ParseFlag(std::string_view s) {
  for (std::string_view t : {"1", "ja", "true", "sann", "j", "y", "yes"}) {
    if (EqualsIgnoreCase(s, t)) return true;
  }
  for (std::string_view f : {"0", "nei", "false", "usann", "n", "no"}) {
    if (EqualsIgnoreCase(s, f)) return false;
  }
  return std::nullopt;
}

}  // namespace agp::core
