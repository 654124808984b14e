// The unit tree as the engine walks it: preorder, depth, lowest common ancestors, and counting
// distinct persons per subtree without double counting.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace agp::metrics {

class UnitTree {
 public:
  // `parent[i]` is the index of unit i's parent or -1; the parents must form a forest.
  explicit UnitTree(std::vector<int32_t> parent);

  int size() const { return static_cast<int>(parent_.size()); }
  int32_t parent(int32_t u) const { return parent_[u]; }
  // Units in preorder: every parent before its children.
  const std::vector<int32_t>& preorder() const { return order_; }
  int32_t preorder_rank(int32_t u) const { return rank_[u]; }
  // The lowest common ancestor, or -1 when the units are in different trees.
  int32_t Lca(int32_t a, int32_t b) const;
  // Adds the units' values into their parents', children first.
  void RollUp(double* values) const;

  // Records into `plane` that one person is present in each unit of `units` (duplicates allowed,
  // the span is reordered), so that after RollUp each unit holds the number of distinct persons
  // present somewhere in its subtree: +1 at each unit, −1 at the common ancestor of each pair of
  // neighbours in preorder.
  void AddDistinct(std::span<int32_t> units, double* plane) const;

  // AddDistinct for one person in many periods: `presence` holds the person's (period, unit)
  // pairs, in any order and with repeats (it is sorted here); `planes[period]` is that period's
  // plane. `scratch` is reused between calls.
  void AddDistinctPerPeriod(std::vector<std::pair<int32_t, int32_t>>& presence,
                            std::span<double* const> planes, std::vector<int32_t>& scratch) const;

 private:
  std::vector<int32_t> parent_;
  std::vector<int32_t> depth_;
  std::vector<int32_t> order_;
  std::vector<int32_t> rank_;
};

}  // namespace agp::metrics
