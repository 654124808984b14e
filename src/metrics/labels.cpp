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
    std::vector<Cell> cells;
    FigureRequest request;
    request.periods = {period};
    request.indicators = {key};
    auto figures = QueryFigures(cube_, request, audience_);
    if (figures.ok() && static_cast<int>(figures->size()) == cube_.unit_count()) {
      cells.resize(figures->size());
      for (const Figure& f : *figures) cells[static_cast<size_t>(f.unit)] = f.cell;
    }
    it = slices_.emplace(slot, std::move(cells)).first;
  }
  if (it->second.empty()) return nullptr;
  return &it->second[static_cast<size_t>(unit)];
}

}  // namespace agp::metrics
