// `agp policy check` (DESIGN.md §5): errors for what is broken, warnings for what Drammen's 2012
// review of its own policy regretted — goals nobody can check.
#pragma once

#include "policy/diagnostics.h"
#include "policy/policy.h"

namespace agp::policy {

// Adds the checks of meaning to those ReadPolicy made of form:
// - errors: a duplicate node id, an unknown indicator key, an assessment of a node that does not
//   exist;
// - warnings: a goal without an indicator, an indicator without a target, a target without a
//   `by` date, a measure without an owner or a due date.
// Each names the node and says what to add.
void Lint(const Policy& policy, Diagnostics* diagnostics);

// ReadPolicy, then Lint when the file could be read; sorted by position.
Policy CheckPolicy(std::string_view yaml, Diagnostics* diagnostics);

}  // namespace agp::policy
