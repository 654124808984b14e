#include "metrics/suppression.h"

#include <vector>

namespace agp::metrics {
namespace {

bool IsSmall(int64_t n, int min_group) { return n > 0 && n < min_group; }

bool HasSmallGroup(const Cell& c, int min_group) {
  return IsSmall(c.groups[0], min_group) || (c.groups[1] >= 0 && IsSmall(c.groups[1], min_group));
}

void Withhold(Cell& c) {
  c.suppressed = true;
  c.value.reset();
  c.numerator.reset();
  c.denominator.reset();
}

}  // namespace

void Suppress(std::span<const int32_t> parent, std::span<Cell> cells, const Audience& audience) {
  const int min_group = audience.min_group;
  if (min_group <= 1) return;
  const int32_t n = static_cast<int32_t>(cells.size());
  auto sees = [&](int32_t u) { return audience.sees_individuals && audience.sees_individuals(u); };

  // Groups are decided on the sizes before anything is withheld.
  std::vector<std::array<int64_t, 2>> groups(n);
  for (int32_t u = 0; u < n; ++u) groups[u] = cells[u].groups;
  std::vector<uint8_t> hidden(n, 0);
  for (int32_t u = 0; u < n; ++u) {
    if (!sees(u) && HasSmallGroup(cells[u], min_group)) hidden[u] = 1;
  }

  std::vector<std::vector<int32_t>> children(n);
  for (int32_t u = 0; u < n; ++u) {
    if (parent[u] >= 0) children[parent[u]].push_back(u);
  }
  // Until nothing changes: a shown parent whose residual (its persons minus those of its shown
  // children) is a small group gets one more child withheld, the one with the fewest persons; a
  // parent with no child left to withhold is withheld itself, and its own parent is checked next.
  bool changed = true;
  while (changed) {
    changed = false;
    for (int32_t p = 0; p < n; ++p) {
      if (hidden[p] || sees(p) || children[p].empty()) continue;
      bool revealing = false;
      for (int g = 0; g < 2; ++g) {
        if (groups[p][g] < 0) continue;
        int64_t residual = groups[p][g];
        bool hidden_in_group = false;
        for (int32_t c : children[p]) {
          if (hidden[c]) {
            hidden_in_group |= groups[c][g] > 0;
          } else {
            residual -= groups[c][g];
          }
        }
        // A residual that holds withheld children must not be small; nor may the parent's own
        // members (the residual when no child is withheld). Overlapping children (a person in
        // two units) make the residual look smaller than it is: the safe side.
        if (hidden_in_group ? residual < min_group : IsSmall(residual, min_group)) revealing = true;
      }
      if (!revealing) continue;
      int32_t pick = -1;
      for (int32_t c : children[p]) {
        if (hidden[c] || sees(c)) continue;
        const int64_t size = cells[c].population();
        if (size <= 0 && groups[c][0] <= 0) continue;  // an empty child hides nothing
        if (pick < 0 || size < cells[pick].population()) pick = c;
      }
      hidden[pick >= 0 ? pick : p] = 1;
      changed = true;
    }
  }
  for (int32_t u = 0; u < n; ++u) {
    if (hidden[u]) Withhold(cells[u]);
  }
}

}  // namespace agp::metrics
