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
  // A parent whose residual (its persons minus those of its shown children) is a small group
  // gets one more child withheld, the one with the fewest persons; a parent with no child left to
  // withhold is withheld itself, and its own parent is checked again. Withheld parents are
  // checked too: a withheld figure may still be worked out from the level above.
  std::vector<int32_t> queue;
  std::vector<uint8_t> queued(n, 0);
  for (int32_t u = n - 1; u >= 0; --u) {
    if (!children[u].empty()) {
      queue.push_back(u);
      queued[u] = 1;
    }
  }
  while (!queue.empty()) {
    const int32_t p = queue.back();
    queue.pop_back();
    queued[p] = 0;
    if (sees(p)) continue;
    bool revealing = false;
    for (int g = 0; g < 2 && !revealing; ++g) {
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
      revealing = hidden_in_group ? residual < min_group : IsSmall(residual, min_group);
    }
    if (!revealing) continue;
    int32_t pick = -1;
    for (int32_t c : children[p]) {
      if (hidden[c] || sees(c)) continue;
      if (cells[c].groups[0] <= 0 && cells[c].groups[1] <= 0)
        continue;  // an empty child hides nothing
      if (pick < 0 || cells[c].population() < cells[pick].population()) pick = c;
    }
    if (pick >= 0) {
      hidden[pick] = 1;
      if (!queued[p]) {
        queue.push_back(p);
        queued[p] = 1;
      }
    } else if (!hidden[p]) {
      hidden[p] = 1;
      const int32_t up = parent[p];
      if (up >= 0 && !queued[up]) {
        queue.push_back(up);
        queued[up] = 1;
      }
    }
  }
  for (int32_t u = 0; u < n; ++u) {
    if (hidden[u]) Withhold(cells[u]);
  }
}

}  // namespace agp::metrics
