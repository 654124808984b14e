// The roles of DESIGN.md §6: who sees individuals, who may change what.
#pragma once

#include <optional>
#include <string_view>

namespace agp::core {

enum class Role {
  kAdmin,   // HR: everything, individuals included; changes data, policy, users
  kLeader,  // individuals in their own units' subtrees; aggregates everywhere
  kUnion,   // tillitsvalgt, verneombud: aggregates only, suppressed
  kViewer,  // politicians, management group: aggregates only, suppressed
};

// "admin", "leader", "union", "viewer".
std::string_view RoleKey(Role role);
// "administrator (HR)", "leder", "tillitsvalgt", "leser".
std::string_view RoleLabel(Role role);
std::optional<Role> ParseRole(std::string_view key);

}  // namespace agp::core
