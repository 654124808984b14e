#include "metrics/labels.h"

#include "core/text.h"
#include "metrics/indicator.h"
#include "metrics/query.h"

namespace agp::metrics {

namespace {

const IndicatorInfo* InfoOf(const std::string& key) {
  auto id = FindIndicator(key.substr(0, key.find(':')));
  return id ? &Info(*id) : nullptr;
}

}  // namespace

std::string IndicatorLabel(const std::string& key) {
  const IndicatorInfo* info = InfoOf(key);
  if (info == nullptr) return key;
  std::string label(info->label_nb);
  size_t colon = key.find(':');
  if (colon != std::string::npos) label += ", stillingskode " + key.substr(colon + 1);
  return label;
}

std::string IndicatorUnit(const std::string& key) {
  const IndicatorInfo* info = InfoOf(key);
  return info == nullptr ? "" : std::string(info->unit);
}

int IndicatorDecimals(const std::string& key) {
  const IndicatorInfo* info = InfoOf(key);
  return info != nullptr && info->value_kind == ValueKind::kCount &&
                 info->id == IndicatorId::kHeadcount
             ? 0
             : 1;
}

std::string ValueText(const Cell* cell, const std::string& key) {
  if (cell == nullptr) return "–";
  if (cell->suppressed) return "skjult";
  if (!cell->value) return "–";
  std::string text = core::Num(cell->value, IndicatorDecimals(key));
  if (IndicatorUnit(key) == "%") text += "\u00a0%";
  return text;
}

const Cell* FigureBook::Get(const std::string& key, int unit, const core::Period& period) {
  if (unit < 0 || unit >= cube_.unit_count()) return nullptr;
  auto slot = std::make_pair(key, period.ToString());
  auto it = slices_.find(slot);
  if (it == slices_.end()) {
    // Figures that add up over periods are suppressed a year at a time: read the whole year.
    FigureRequest request;
    request.periods = {period};
    const auto id = FindIndicator(key);
    if (id && AddsUpOverPeriods(*id)) {
      request.periods.clear();
      for (const core::Period& p : cube_.periods()) {
        if (p.year() == period.year()) request.periods.push_back(p);
      }
    }
    request.indicators = {key};
    slices_[slot];  // empty (nullptr) unless the query gives every unit's cell
    for (const core::Period& p : request.periods) slices_[{key, p.ToString()}];
    auto figures = QueryFigures(cube_, request, audience_);
    if (figures.ok()) {
      // A period's cells are kept when they cover every unit (a job code's may not).
      std::map<std::string, std::vector<Cell>> by_period;
      for (const Figure& f : *figures) by_period[f.period.ToString()].push_back(f.cell);
      for (auto& [p, cells] : by_period) {
        if (static_cast<int>(cells.size()) == cube_.unit_count())
          slices_[{key, p}] = std::move(cells);
      }
    }
    it = slices_.find(slot);
  }
  if (it->second.empty()) return nullptr;
  return &it->second[static_cast<size_t>(unit)];
}

}  // namespace agp::metrics
