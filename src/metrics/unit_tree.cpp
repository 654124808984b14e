#include "metrics/unit_tree.h"

#include <algorithm>
#include <cassert>

namespace agp::metrics {

UnitTree::UnitTree(std::vector<int32_t> parent) : parent_(std::move(parent)) {
  const int32_t n = static_cast<int32_t>(parent_.size());
  std::vector<int32_t> child_count(n + 1, 0);
  for (int32_t u = 0; u < n; ++u) child_count[parent_[u] + 1]++;  // slot 0: the roots
  std::vector<int32_t> start(n + 2, 0);
  for (int32_t i = 0; i <= n; ++i) start[i + 1] = start[i] + child_count[i];
  std::vector<int32_t> children(n);
  std::vector<int32_t> fill(start.begin(), start.end() - 1);
  for (int32_t u = 0; u < n; ++u) children[fill[parent_[u] + 1]++] = u;

  depth_.assign(n, 0);
  rank_.assign(n, -1);
  order_.reserve(n);
  std::vector<int32_t> stack;
  for (int32_t i = start[1] - 1; i >= start[0]; --i) stack.push_back(children[i]);
  while (!stack.empty()) {
    const int32_t u = stack.back();
    stack.pop_back();
    rank_[u] = static_cast<int32_t>(order_.size());
    order_.push_back(u);
    for (int32_t i = start[u + 2] - 1; i >= start[u + 1]; --i) {
      depth_[children[i]] = depth_[u] + 1;
      stack.push_back(children[i]);
    }
  }
  assert(static_cast<int32_t>(order_.size()) == n && "the unit parents must form a forest");
}

int32_t UnitTree::Lca(int32_t a, int32_t b) const {
  while (depth_[a] > depth_[b]) a = parent_[a];
  while (depth_[b] > depth_[a]) b = parent_[b];
  while (a != b) {
    a = parent_[a];
    b = parent_[b];
    if (a < 0 || b < 0) return -1;
  }
  return a;
}

void UnitTree::RollUp(double* values) const {
  for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
    const int32_t p = parent_[*it];
    if (p >= 0) values[p] += values[*it];
  }
}

void UnitTree::AddDistinct(std::span<int32_t> units, double* plane) const {
  if (units.size() == 1) {
    plane[units[0]] += 1;
    return;
  }
  std::sort(units.begin(), units.end(), [&](int32_t a, int32_t b) { return rank_[a] < rank_[b]; });
  int32_t previous = -1;
  for (int32_t u : units) {
    if (u == previous) continue;
    plane[u] += 1;
    if (previous >= 0) {
      const int32_t lca = Lca(previous, u);
      if (lca >= 0) plane[lca] -= 1;
    }
    previous = u;
  }
}

void UnitTree::AddDistinctPerPeriod(std::vector<std::pair<int32_t, int32_t>>& presence,
                                    std::span<double* const> planes,
                                    std::vector<int32_t>& scratch) const {
  std::sort(presence.begin(), presence.end());
  for (size_t i = 0; i < presence.size();) {
    scratch.clear();
    const int32_t p = presence[i].first;
    for (; i < presence.size() && presence[i].first == p; ++i) {
      if (scratch.empty() || scratch.back() != presence[i].second)
        scratch.push_back(presence[i].second);
    }
    AddDistinct(scratch, planes[static_cast<size_t>(p)]);
  }
}

}  // namespace agp::metrics
