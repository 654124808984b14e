#include "policy/policy.h"

namespace agp::policy {

std::string MeasureKey(const Node& node, size_t index) {
  if (index < node.measures.size() && !node.measures[index].id.empty()) {
    return node.measures[index].id;
  }
  return node.id + "." + std::to_string(index + 1);
}

}  // namespace agp::policy
