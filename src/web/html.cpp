#include "web/html.h"

#include <cmath>
#include <cstdio>

#include "core/period.h"

namespace agp::web {

std::string AttachmentDisposition(std::string_view file_name) {
  std::string ascii, unicode;
  for (size_t i = 0; i < file_name.size(); ++i) {
    const auto c = static_cast<unsigned char>(file_name[i]);
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.';
    const bool c1 = c == 0xC2 && i + 1 < file_name.size() &&
                    static_cast<unsigned char>(file_name[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(file_name[i + 1]) <= 0x9F;
    if (c < 0x20 || c == 0x7F || c == '"' || c == '\\' || c == '/' || c1) {
      unicode += '_';
      if (c1) ++i;
    } else {
      unicode += static_cast<char>(c);
    }
    // One "_" per character, not per byte, in the ASCII name.
    if (plain) {
      ascii += static_cast<char>(c);
    } else if ((c & 0xC0) != 0x80 || c1) {
      ascii += '_';
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + UrlEncode(unicode);
}

std::string AccessibleTables(std::string html) {
  static const std::string kOpen = "<div class=\"table-wrap\">";
  std::string out;
  out.reserve(html.size() + 1024);
  size_t at = 0;
  while (true) {
    size_t open = html.find(kOpen, at);
    if (open == std::string::npos) break;
    out.append(html, at, open - at);
    size_t cap = html.find("<caption>", open);
    size_t cap_end = cap == std::string::npos ? cap : html.find("</caption>", cap);
    std::string label = "Tabell";
    if (cap_end != std::string::npos && html.find(kOpen, open + 1) > cap) {
      label.clear();
      bool in_tag = false;
      for (size_t i = cap + 9; i < cap_end; ++i) {
        char c = html[i];
        if (c == '<') in_tag = true;
        if (!in_tag) label += c;
        if (c == '>') in_tag = false;
      }
    }
    out += "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"" + label + "\">";
    at = open + kOpen.size();
  }
  out.append(html, at, std::string::npos);
  return out;
}

}  // namespace agp::web
