// Reading and writing the policy YAML (docs/policy-format.md).
#pragma once

#include <string>
#include <string_view>

#include "policy/diagnostics.h"
#include "policy/policy.h"

namespace agp::policy {

// Reads a policy, as much of it as can be read: every problem of form (YAML syntax, a missing or
// mistyped field, an unknown field, a bad date or period) goes to `diagnostics` with its line
// and column, and reading goes on. The result is only meaningful when no error was reported.
Policy ReadPolicy(std::string_view yaml, Diagnostics* diagnostics);

// Writes the policy in the canonical layout of the format. ReadPolicy(WritePolicy(p)) == p.
std::string WritePolicy(const Policy& policy);

}  // namespace agp::policy
