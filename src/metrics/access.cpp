#include "metrics/access.h"

#include <memory>
#include <vector>

namespace agp::metrics {

Audience AudienceFor(core::Role role, std::span<const std::string> own_units,
                     const MeasureCube& cube, int min_group) {
  Audience audience;
  audience.min_group = min_group;
  switch (role) {
    case core::Role::kAdmin:
      audience.sees_individuals = [](int32_t) { return true; };
      return audience;
    case core::Role::kUnion:
    case core::Role::kViewer:
      return audience;  // nowhere
    case core::Role::kLeader:
      break;
  }
  const std::vector<CubeUnit>& units = cube.units();
  auto allowed = std::make_shared<std::vector<bool>>(units.size(), false);
  for (size_t u = 0; u < units.size(); ++u) {
    for (int32_t at = static_cast<int32_t>(u); at >= 0;
         at = units[static_cast<size_t>(at)].parent) {
      bool own = false;
      for (const std::string& key : own_units)
        own = own || units[static_cast<size_t>(at)].key == key;
      if (own) {
        (*allowed)[u] = true;
        break;
      }
    }
  }
  audience.sees_individuals = [allowed](int32_t unit) {
    return unit >= 0 && static_cast<size_t>(unit) < allowed->size() &&
           (*allowed)[static_cast<size_t>(unit)];
  };
  return audience;
}

}  // namespace agp::metrics
