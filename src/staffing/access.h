// Who may do what with staffing plans and rotas (DESIGN §6 and §12). The heltid work is done by
// the unit leader together with the union representatives, with HR: leaders, union
// representatives and admins read every unit's plans, figures and rotas (they hold no personal
// data: a rota's rows are positions, not people); admins change every unit's plan and make its
// rotas, leaders those of their own units' subtrees; viewers (politicians) see the figures of the
// indicators, not this working material.
#pragma once

#include <cstdint>
#include <vector>

#include "core/error.h"
#include "metrics/individuals.h"
#include "metrics/measure_cube.h"

namespace agp::staffing {

// Whether the viewer may open the heltid pages at all.
bool MayReadStaffing(const metrics::Viewer& viewer);

// Whether the viewer may save a new version of unit `unit`'s plan (an index into `units`) and
// make rotas from it: OK, or kForbidden with the reason in bokmål.
core::Status MayEditStaffing(const metrics::Viewer& viewer,
                             const std::vector<metrics::CubeUnit>& units, int32_t unit);

}  // namespace agp::staffing
