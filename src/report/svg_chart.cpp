#include "report/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <vector>

#include "core/text.h"
#include "metrics/labels.h"

namespace agp::report {

namespace {

constexpr double kWidth = 640;
constexpr double kHeight = 230;
constexpr double kLeft = 52, kRight = 150, kTop = 16, kBottom = 34;  // plot margins

std::string F(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// A tick step of 1, 2 or 5 × 10^n giving about `count` ticks over `span`.
double NiceStep(double span, int count) {
  if (span <= 0) return 1;
  const double raw = span / count;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (raw <= m * mag) return m * mag;
  }
  return 10 * mag;
}

struct Series {
  std::vector<std::optional<double>> values;
  std::string css;           // class of the line
  bool bridge_gaps = false;  // national figures are not published every year: join across gaps
};

}  // namespace

std::string TrendChartSvg(const IndicatorBlock& line, const std::string& id) {
  const size_t n = line.trend.size();
  Series mine{{}, "line-unit"};
  Series nation{{}, "line-nation", true};
  std::vector<double> all;
  for (const TrendPoint& p : line.trend) {
    std::optional<double> v;
    if (p.has_cell && !p.cell.suppressed && p.cell.value) v = *p.cell.value;
    mine.values.push_back(v);
    nation.values.push_back(p.national);
    if (v) all.push_back(*v);
    if (p.national) all.push_back(*p.national);
  }
  if (n == 0 || std::none_of(mine.values.begin(), mine.values.end(),
                             [](const std::optional<double>& v) { return v.has_value(); })) {
    return "";
  }
  std::optional<double> target;
  if (line.target && (line.target->rule == policy::TargetRule::kAtLeast ||
                      line.target->rule == policy::TargetRule::kAtMost)) {
    target = line.target->value;
    all.push_back(*target);
  }
  double lo = *std::min_element(all.begin(), all.end());
  double hi = *std::max_element(all.begin(), all.end());
  const std::string unit = metrics::IndicatorUnit(line.key);
  // Start at zero when the figures are not far above it, so that small changes are not blown up.
  if (lo >= 0 && lo < (hi - lo) * 2) lo = 0;
  if (hi == lo) hi = lo + 1;
  const double step = NiceStep(hi - lo, 4);
  lo = std::floor(lo / step) * step;
  hi = std::ceil(hi / step) * step;
  if (unit == "%" && hi > 100 && lo < 100) hi = std::max(100.0, std::floor(hi / step) * step);

  const double pw = kWidth - kLeft - kRight;
  const double ph = kHeight - kTop - kBottom;
  auto x_of = [&](size_t i) {
    return kLeft + (n == 1 ? pw / 2 : pw * static_cast<double>(i) / static_cast<double>(n - 1));
  };
  auto y_of = [&](double v) { return kTop + ph * (1 - (v - lo) / (hi - lo)); };
  const int decimals = metrics::IndicatorDecimals(line.key);

  std::string title = metrics::IndicatorLabel(line.key) + ", " + line.unit_name + ", " +
                      line.trend.front().period.ToString() + "–" +
                      line.trend.back().period.ToString();
  std::string s = "<svg class=\"chart\" viewBox=\"0 0 " + F(kWidth) + " " + F(kHeight) +
                  "\" role=\"img\" aria-labelledby=\"" + id +
                  "-t\" xmlns=\"http://www.w3.org/2000/svg\">";
  s += "<title id=\"" + id + "-t\">" + core::Escape(title) + "</title>";
  // Grid and y axis labels.
  for (double v = lo; v <= hi + step / 2; v += step) {
    const double y = y_of(v);
    s += "<line class=\"grid\" x1=\"" + F(kLeft) + "\" x2=\"" + F(kLeft + pw) + "\" y1=\"" + F(y) +
         "\" y2=\"" + F(y) + "\"/>";
    s += "<text class=\"axis\" x=\"" + F(kLeft - 6) + "\" y=\"" + F(y + 4) +
         "\" text-anchor=\"end\">" + core::Escape(core::Num(v, step < 1 ? 1 : 0)) + "</text>";
  }
  for (size_t i = 0; i < n; ++i) {
    s += "<text class=\"axis\" x=\"" + F(x_of(i)) + "\" y=\"" + F(kHeight - kBottom + 18) +
         "\" text-anchor=\"middle\">" + core::Escape(line.trend[i].period.ToString()) + "</text>";
    if (line.trend[i].has_cell && line.trend[i].cell.suppressed) {
      s += "<text class=\"axis suppressed\" x=\"" + F(x_of(i)) + "\" y=\"" +
           F(kHeight - kBottom + 30) + "\" text-anchor=\"middle\">skjult</text>";
    }
  }
  // Legend entries at the right, each placed by its last value.
  std::vector<std::pair<double, std::string>> legend;
  if (target) {
    const double y = y_of(*target);
    s += "<line class=\"line-target\" x1=\"" + F(kLeft) + "\" x2=\"" + F(kLeft + pw) + "\" y1=\"" +
         F(y) + "\" y2=\"" + F(y) + "\"/>";
    legend.emplace_back(y, "Mål");
  }
  auto draw = [&](const Series& series, bool labels, const std::string& name) {
    std::string path;
    bool pen_down = false;
    std::optional<double> last_y;
    for (size_t i = 0; i < n; ++i) {
      if (!series.values[i]) {
        pen_down = pen_down && series.bridge_gaps;
        continue;
      }
      const double x = x_of(i), y = y_of(*series.values[i]);
      path += (pen_down ? " L" : " M") + F(x) + " " + F(y);
      pen_down = true;
      last_y = y;
    }
    if (!last_y) return;
    s += "<path class=\"" + series.css + "\" d=\"" + path.substr(1) + "\"/>";
    for (size_t i = 0; i < n; ++i) {
      if (!series.values[i]) continue;
      const double x = x_of(i), y = y_of(*series.values[i]);
      s += "<circle class=\"" + series.css + "\" cx=\"" + F(x) + "\" cy=\"" + F(y) +
           "\" r=\"3.5\"/>";
      if (labels) {
        // Above the marker, unless the national marker sits just above it or the top is near.
        double label_y = y - 8;
        if (nation.values[i]) {
          const double ny = y_of(*nation.values[i]);
          if (ny < y && y - ny < 18) label_y = y + 17;
        }
        if (label_y < kTop) label_y = y + 17;
        s += "<text class=\"value\" x=\"" + F(x) + "\" y=\"" + F(label_y) +
             "\" text-anchor=\"middle\">" + core::Escape(core::Num(series.values[i], decimals)) +
             "</text>";
      }
    }
    legend.emplace_back(*last_y, name);
  };
  draw(nation, false, "Landet");
  draw(mine, true, line.unit_name);
  // Legend: sorted by height, pushed apart so that labels do not overlap.
  std::sort(legend.begin(), legend.end());
  double floor_y = kTop;
  for (auto& [y, text] : legend) {
    y = std::max(y, floor_y);
    floor_y = y + 14;
  }
  // If pushed below the plot, move the whole stack up again.
  const double bottom = kHeight - kBottom;
  if (!legend.empty() && legend.back().first > bottom) {
    double ceiling = bottom;
    for (auto it = legend.rbegin(); it != legend.rend(); ++it) {
      it->first = std::min(it->first, ceiling);
      ceiling = it->first - 14;
    }
  }
  for (const auto& [y, text] : legend) {
    std::string shown = text.size() > 30 ? text.substr(0, 28) + "…" : text;
    // Do not cut inside a UTF-8 sequence.
    if (shown.size() != text.size()) {
      size_t cut = 28;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      shown = text.substr(0, cut) + "…";
    }
    s += "<text class=\"legend\" x=\"" + F(kLeft + pw + 10) + "\" y=\"" + F(y + 4) + "\">" +
         core::Escape(shown) + "</text>";
  }
  s += "<text class=\"axis\" x=\"4\" y=\"" + F(kTop - 4) + "\">" + core::Escape(unit) + "</text>";
  s += "</svg>";
  return s;
}

}  // namespace agp::report
