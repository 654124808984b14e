#include "staffing/access.h"

#include <algorithm>

namespace agp::staffing {

bool MayReadStaffing(const metrics::Viewer& viewer) {
  return viewer.role == core::Role::kAdmin || viewer.role == core::Role::kLeader ||
         viewer.role == core::Role::kUnion;
}

core::Status MayEditStaffing(const metrics::Viewer& viewer,
                             const std::vector<metrics::CubeUnit>& units, int32_t unit) {
  if (unit < 0 || static_cast<size_t>(unit) >= units.size()) {
    return core::Error(core::ErrorCode::kNotFound, "ukjent enhet");
  }
  switch (viewer.role) {
    case core::Role::kAdmin:
      return core::Ok{};
    case core::Role::kLeader:
      // The unit or one of its ancestors is one of the leader's own units.
      for (int32_t u = unit; u >= 0 && static_cast<size_t>(u) < units.size();
           u = units[static_cast<size_t>(u)].parent) {
        const std::string& key = units[static_cast<size_t>(u)].key;
        if (std::find(viewer.units.begin(), viewer.units.end(), key) != viewer.units.end()) {
          return core::Ok{};
        }
      }
      return core::Error(core::ErrorCode::kForbidden,
                         "du kan bare endre bemanningsplaner og lage turnuser for dine egne "
                         "enheter");
    case core::Role::kUnion:
      return core::Error(core::ErrorCode::kForbidden,
                         "tillitsvalgte leser planene og turnusene og tar del i arbeidet, men "
                         "lederen eller HR lagrer dem");
    case core::Role::kViewer:
      break;
  }
  return core::Error(core::ErrorCode::kForbidden, "rollen din kan ikke endre bemanningsplaner");
}

}  // namespace agp::staffing
