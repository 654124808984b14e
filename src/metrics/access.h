// Who may see individuals where (DESIGN.md §6), as a suppression audience: decided here, below
// every output, so that no page or export can forget it.
#pragma once

#include <span>
#include <string>

#include "core/role.h"
#include "metrics/measure_cube.h"
#include "metrics/suppression.h"

namespace agp::metrics {

// Admins see individuals everywhere; a leader in the subtrees of `own_units` (unit keys) and
// aggregates elsewhere; union representatives and viewers nowhere. Where a viewer may not see
// individuals, figures about fewer than `min_group` persons are withheld.
Audience AudienceFor(core::Role role, std::span<const std::string> own_units,
                     const MeasureCube& cube, int min_group = 5);

}  // namespace agp::metrics
