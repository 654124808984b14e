#include "web/widgets.h"

#include "metrics/indicator.h"
#include "metrics/query.h"
#include "web/html.h"

namespace agp::web {

std::string StatusBadge(policy::GoalStatus status) {
  return std::string("<span class=\"status status-") + policy::StatusKey(status) +
         "\"><span aria-hidden=\"true\">" + policy::StatusSymbol(status) + "</span> " +
         policy::StatusLabel(status) + "</span>";
}

std::string VerdictBadge(const std::string& verdict) {
  std::string label = verdict == "lykkes"   ? "lyktes"
                      : verdict == "delvis" ? "delvis"
                                            : "ikke lyktes";
  return "<span class=\"verdict verdict-" + Escape(verdict) + "\">" + label + "</span>";
}

std::string CellText(const metrics::Cell* cell, const std::string& key) {
  if (cell == nullptr) return "<span class=\"muted\">–</span>";
  if (cell->suppressed) return "<span class=\"suppressed\">skjult</span>";
  if (!cell->value) return "<span class=\"muted\">–</span>";
  std::string unit = IndicatorUnit(key);
  std::string text = Num(cell->value, IndicatorDecimals(key));
  if (unit == "%") return text + "&nbsp;%";
  return text;
}

std::string CellTd(const metrics::Cell* cell, const std::string& key) {
  if (cell != nullptr && cell->suppressed) {
    return "<td class=\"num suppressed\" data-value=\"\">skjult</td>";
  }
  if (cell == nullptr || !cell->value) return "<td class=\"num\" data-value=\"\">–</td>";
  char raw[32];
  std::snprintf(raw, sizeof raw, "%.6g", *cell->value);
  return std::string("<td class=\"num\" data-value=\"") + raw + "\">" +
         Num(cell->value, IndicatorDecimals(key)) + "</td>";
}

std::string RenderChart(const Chart& chart) {
  std::string out;
  bool spark = chart.kind == "spark";
  out += spark ? "<figure class=\"spark\" data-kind=\"spark\""
               : "<figure class=\"chart\" data-kind=\"" + chart.kind + "\"";
  out += " data-unit=\"" + Escape(IndicatorUnit(chart.key)) + "\"";
  if (chart.target) {
    char raw[32];
    std::snprintf(raw, sizeof raw, "%.6g", *chart.target);
    out += std::string(" data-target=\"") + raw + "\" data-target-label=\"" +
           Escape(chart.target_label) + "\"";
  }
  out += ">";
  if (!spark) out += "<figcaption>" + Escape(chart.caption) + "</figcaption>";
  out += std::string("<div class=\"table-wrap") + (spark ? " visually-hidden" : "") +
         "\"><table class=\"data chart-data\"><caption>" +
         (spark ? Escape(chart.caption) : std::string("Tallene i diagrammet")) +
         "</caption><thead><tr><th scope=\"col\">" +
         (!chart.x_label.empty() ? Escape(chart.x_label)
          : chart.kind == "bar"  ? std::string("Enhet")
                                 : std::string("Periode")) +
         "</th>";
  for (const ChartSeries& s : chart.series) out += "<th scope=\"col\">" + Escape(s.name) + "</th>";
  out += "</tr></thead><tbody>";
  for (size_t i = 0; i < chart.x.size(); ++i) {
    out += "<tr><th scope=\"row\">";
    if (i < chart.x_links.size() && !chart.x_links[i].empty()) {
      out += "<a href=\"" + Escape(chart.x_links[i]) + "\">" + Escape(chart.x[i]) + "</a>";
    } else {
      out += Escape(chart.x[i]);
    }
    out += "</th>";
    for (const ChartSeries& s : chart.series) {
      if (!s.cells.empty()) {
        out += CellTd(i < s.cells.size() ? s.cells[i] : nullptr, chart.key);
      } else {
        metrics::Cell c;
        if (i < s.plain.size()) c.value = s.plain[i];
        out += CellTd(&c, chart.key);
      }
    }
    out += "</tr>";
  }
  out += "</tbody></table></div></figure>";
  return out;
}

std::vector<int> UnitPath(const metrics::MeasureCube& cube, int unit) {
  std::vector<int> path;
  for (int at = unit; at >= 0; at = cube.units()[static_cast<size_t>(at)].parent) {
    path.insert(path.begin(), at);
  }
  return path;
}

std::string PeriodPicker(const std::vector<core::Period>& years, const core::Period& current,
                         const std::string& action,
                         const std::vector<std::pair<std::string, std::string>>& hidden) {
  std::string out =
      "<form class=\"period-picker\" method=\"get\" action=\"" + Escape(action) + "\">";
  for (const auto& [name, value] : hidden) {
    out += "<input type=\"hidden\" name=\"" + Escape(name) + "\" value=\"" + Escape(value) + "\">";
  }
  out +=
      "<span class=\"pick\"><label for=\"periode\">Periode</label> <select id=\"periode\" "
      "name=\"periode\">";
  for (auto it = years.rbegin(); it != years.rend(); ++it) {
    std::string p = it->ToString();
    out += "<option value=\"" + p + "\"" + (*it == current ? " selected" : "") + ">" +
           PeriodLabel(p) + "</option>";
  }
  out += "</select></span> <button type=\"submit\" class=\"secondary\">Vis</button></form>";
  return out;
}

}  // namespace agp::web
