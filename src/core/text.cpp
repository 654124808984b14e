#include "core/text.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "core/period.h"

namespace agp::core {

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    // ASCII fast path, eight bytes at a time.
    while (end - p >= 8) {
      uint64_t chunk;
      std::memcpy(&chunk, p, 8);
      if ((chunk & 0x8080808080808080ULL) != 0) break;
      p += 8;
    }
    if (p >= end) break;
    const unsigned c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (end - p <= n) return false;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    p += n + 1;
  }
  return true;
}

std::string UrlEncode(std::string_view text, std::string_view keep) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' ||
        keep.find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

namespace {

constexpr const char* kMonths[] = {"januar",    "februar", "mars",     "april",
                                   "mai",       "juni",    "juli",     "august",
                                   "september", "oktober", "november", "desember"};

}  // namespace

void AppendEscaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  AppendEscaped(out, text);
  return out;
}

std::string Num(std::optional<double> v, int decimals) {
  if (!v || !std::isfinite(*v)) return "–";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, *v);
  std::string s = buf;
  bool negative = !s.empty() && s[0] == '-';
  if (negative) s.erase(0, 1);
  size_t dot = s.find('.');
  std::string whole = s.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  std::string grouped;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0 && whole.size() > 4) grouped += "\u202f";
    grouped += whole[i];
  }
  std::string out = negative && (grouped != "0" || frac.find_first_not_of('0') != std::string::npos)
                        ? "−" + grouped
                        : grouped;
  if (!frac.empty()) out += "," + frac;
  return out;
}

std::string PeriodLabel(std::string_view period) {
  auto p = core::Period::Parse(period);
  if (!p) return std::string(period);
  std::string year = std::to_string(p->year());
  switch (p->kind()) {
    case core::PeriodKind::kMonth:
      return std::string(kMonths[p->index() - 1]) + " " + year;
    case core::PeriodKind::kTertial:
      return std::to_string(p->index()) + ". tertial " + year;
    case core::PeriodKind::kQuarter:
      return std::to_string(p->index()) + ". kvartal " + year;
    case core::PeriodKind::kYear:
      return year;
  }
  return std::string(period);
}

std::string DateLabel(std::string_view iso) {
  int y = 0, m = 0, d = 0;
  if (iso.size() != 10 || std::sscanf(std::string(iso).c_str(), "%d-%d-%d", &y, &m, &d) != 3 ||
      m < 1 || m > 12) {
    return std::string(iso);
  }
  return std::to_string(d) + ". " + kMonths[m - 1] + " " + std::to_string(y);
}

std::string DecimalText(double v) {
  char buf[32];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, ptr);
  std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

std::string ControlCharacterIn(std::string_view text, std::string_view allowed) {
  const auto code = [](unsigned c) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    return std::string("U+00") + kHex[c >> 4] + kHex[c & 15];
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != 0x7F && c != 0xC2) continue;  // the common case
    if ((c < 0x20 || c == 0x7F) && allowed.find(static_cast<char>(c)) == std::string_view::npos) {
      return code(c);
    }
    if (c == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return code(next);
    }
  }
  return "";
}

std::string LogSafe(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c > 0x20 && c < 0x7f && c != '\\') {
      out += ch;
    } else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  return out;
}

}  // namespace agp::core
