#include "core/role.h"

namespace agp::core {

std::string_view RoleKey(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kLeader:
      return "leader";
    case Role::kUnion:
      return "union";
    case Role::kViewer:
      return "viewer";
  }
  return "";
}

std::string_view RoleLabel(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "administrator (HR)";
    case Role::kLeader:
      return "leder";
    case Role::kUnion:
      return "tillitsvalgt";
    case Role::kViewer:
      return "leser";
  }
  return "";
}

std::optional<Role> ParseRole(std::string_view key) {
  for (Role r : {Role::kAdmin, Role::kLeader, Role::kUnion, Role::kViewer}) {
    if (RoleKey(r) == key) return r;
  }
  return std::nullopt;
}

}  // namespace agp::core
