// The individuals behind a figure (DESIGN §6): the one way any page or export reaches person-level
// data. It checks that the viewer may see individuals in the unit and writes the view to the audit
// log before it returns anything, so that no caller can forget either.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/period.h"
#include "core/role.h"
#include "metrics/measure_cube.h"
#include "store/database.h"

namespace agp::metrics {

// Who is asking: the account's name, role and (for leaders) own units.
struct Viewer {
  std::string name;
  core::Role role = core::Role::kViewer;
  std::vector<std::string> units;
};

// Positions active on the count date of `period` in the subtree of `unit_key`, with each person's
// sick-leave days within the period. Errors: kForbidden when the viewer may not see individuals
// there (union representatives and viewers never; leaders outside their own subtrees),
// kNotFound for an unknown unit, kIo when the audit entry cannot be written (then nothing is
// returned).
core::Result<std::vector<store::StaffRow>> ViewIndividuals(
    store::Database& db, const Viewer& viewer, const MeasureCube& cube, const std::string& unit_key,
    core::Period period, const core::Clock& clock);

}  // namespace agp::metrics
