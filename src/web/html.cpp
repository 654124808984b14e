#include "web/html.h"

#include <cmath>
#include <cstdio>

#include "core/period.h"

namespace agp::web {

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
