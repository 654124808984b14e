#include "metrics/suppression.h"

#include <vector>

namespace agp::metrics {
namespace {

bool IsSmall(int64_t n, int min_group) { return n > 0 && n < min_group; }

bool HasSmallGroup(const Cell& c, int min_group) {
  return IsSmall(c.groups[0], min_group) || (c.groups[1] >= 0 && IsSmall(c.groups[1], min_group));
}

// Whether a cell is about anyone at all.
bool HasPersons(const Cell& c) { return c.groups[0] > 0 || c.groups[1] > 0; }

// The unit tree with what the rules need of it, built once for all slices.
struct Tree {
  std::vector<std::vector<int32_t>> children;
  std::vector<int32_t> bottom_up;  // every unit after all of its descendants

  explicit Tree(std::span<const int32_t> parent) : children(parent.size()) {
    const int32_t n = static_cast<int32_t>(parent.size());
    std::vector<int32_t> top_down;
    top_down.reserve(parent.size());
    for (int32_t u = 0; u < n; ++u) {
      if (parent[u] >= 0) {
        children[parent[u]].push_back(u);
      } else {
        top_down.push_back(u);
      }
    }
    for (size_t i = 0; i < top_down.size(); ++i) {
      for (int32_t c : children[top_down[i]]) top_down.push_back(c);
    }
    bottom_up.assign(top_down.rbegin(), top_down.rend());
  }
};

// The rules of SuppressLinked applied to one slice, adding to the shared `hidden` set.
class SliceRules {
 public:
  SliceRules(const Tree& tree, std::span<const Cell> cells, const Audience& audience,
             std::vector<uint8_t>& hidden)
      : tree_(tree),
        cells_(cells),
        min_group_(audience.min_group),
        hidden_(hidden),
        sees_(cells.size(), 0),
        no_own_(cells.size(), 0),
        hidden_own_(cells.size(), 0) {
    const size_t n = cells.size();
    for (size_t u = 0; u < n; ++u) {
      sees_[u] = audience.sees_individuals && audience.sees_individuals(static_cast<int32_t>(u));
      // A unit has no persons of its own when its children cover as many as it has. Persons in
      // two units make this say "none" where there are some: the safe side, since the attacker is
      // then assumed to know more than he does.
      bool none = true;
      for (int g = 0; g < 2; ++g) {
        if (cells[u].groups[g] < 0) continue;
        int64_t own = cells[u].groups[g];
        for (int32_t c : tree.children[u]) own -= cells[c].groups[g];
        none = none && own <= 0;
      }
      no_own_[u] = none;
    }
  }

  // Withholds units until every rule holds for this slice; true when it withheld any.
  bool Apply() {
    bool any = false;
    for (;;) {
      ComputeHiddenOwn();
      const int32_t next = NextToWithhold();
      if (next < 0) return any;
      hidden_[next] = 1;
      any = true;
    }
  }

 private:
  // hidden_own_[u], for a withheld unit: whether persons of its own or of a withheld descendant
  // reached through withheld units only are behind it — the part of its figure no shown figure
  // covers. Without any, its figure is the sum of shown children's figures.
  void ComputeHiddenOwn() {
    for (int32_t u : tree_.bottom_up) {
      bool own = false;
      if (hidden_[u]) {
        own = !no_own_[u];
        for (int32_t c : tree_.children[u]) own = own || (hidden_[c] && hidden_own_[c]);
      }
      hidden_own_[u] = own;
    }
  }

  // The child of `p` to withhold next: not withheld yet, not seen, about someone; the one with
  // the fewest persons. -1 when there is none.
  int32_t PickChild(int32_t p) const {
    int32_t pick = -1;
    for (int32_t c : tree_.children[p]) {
      if (hidden_[c] || sees_[c] || !HasPersons(cells_[c])) continue;
      if (pick < 0 || cells_[c].population() < cells_[pick].population()) pick = c;
    }
    return pick;
  }

  // Whether the persons `p` covers that no shown child covers form a small group (for a shown
  // `p`: they can be worked out as p minus its shown children). A residual that holds withheld
  // children must not be small; nor may the parent's own members (the residual when no child is
  // withheld). Overlapping children make the residual look smaller than it is: the safe side.
  bool SmallResidual(int32_t p) const {
    for (int g = 0; g < 2; ++g) {
      if (cells_[p].groups[g] < 0) continue;
      int64_t residual = cells_[p].groups[g];
      bool hidden_in_group = false;
      for (int32_t c : tree_.children[p]) {
        if (hidden_[c]) {
          hidden_in_group |= cells_[c].groups[g] > 0;
        } else {
          residual -= cells_[c].groups[g];
        }
      }
      if (hidden_in_group ? residual < min_group_ : IsSmall(residual, min_group_)) return true;
    }
    return false;
  }

  // A shown parent without persons of its own is the sum of its children: with exactly one
  // withheld child that holds unshown persons, that child is the parent minus the shown ones.
  bool RevealsOneChild(int32_t p) const {
    if (hidden_[p] || !no_own_[p]) return false;
    int withheld = 0;
    for (int32_t c : tree_.children[p]) withheld += hidden_[c] && hidden_own_[c];
    return withheld == 1;
  }

  // The next unit the rules withhold, deepest first; -1 when every rule holds.
  int32_t NextToWithhold() const {
    for (int32_t p : tree_.bottom_up) {
      if (sees_[p]) continue;
      // From below: a withheld unit about someone whose persons all sit in shown children.
      // (When they all sit in units the viewer sees, there is nothing to protect.)
      if (hidden_[p] && !hidden_own_[p] && HasPersons(cells_[p])) {
        if (int32_t c = PickChild(p); c >= 0) return c;
      }
      if (tree_.children[p].empty()) continue;
      if (SmallResidual(p) || RevealsOneChild(p)) {
        if (int32_t c = PickChild(p); c >= 0) return c;
        // No child left to withhold: the parent goes, and its own parent is checked in turn.
        if (!hidden_[p]) return p;
      }
    }
    return -1;
  }

  const Tree& tree_;
  std::span<const Cell> cells_;
  const int min_group_;
  std::vector<uint8_t>& hidden_;
  std::vector<uint8_t> sees_, no_own_, hidden_own_;
};

}  // namespace

void Withhold(Cell& c) {
  c.suppressed = true;
  c.value.reset();
  c.numerator.reset();
  c.denominator.reset();
}

void Suppress(std::span<const int32_t> parent, std::span<Cell> cells, const Audience& audience) {
  const std::span<Cell> one[] = {cells};
  SuppressLinked(parent, one, audience);
}

void SuppressLinked(std::span<const int32_t> parent, std::span<const std::span<Cell>> slices,
                    const Audience& audience) {
  if (audience.min_group <= 1 || slices.empty()) return;
  const size_t n = parent.size();
  auto sees = [&](size_t u) {
    return audience.sees_individuals && audience.sees_individuals(static_cast<int32_t>(u));
  };
  // Primary: a small group in any linked slice withholds the unit in all of them.
  std::vector<uint8_t> hidden(n, 0);
  for (const std::span<Cell> cells : slices) {
    for (size_t u = 0; u < n; ++u) {
      if (!sees(u) && HasSmallGroup(cells[u], audience.min_group)) hidden[u] = 1;
    }
  }
  // Complementary: the rules of every slice on the shared pattern, until none withholds more
  // (a unit withheld for one slice may break a rule in another).
  const Tree tree(parent);
  std::vector<SliceRules> rules;
  rules.reserve(slices.size());
  for (const std::span<Cell> cells : slices) rules.emplace_back(tree, cells, audience, hidden);
  for (bool again = true; again;) {
    again = false;
    for (SliceRules& r : rules) again = r.Apply() || again;
    if (rules.size() == 1) break;
  }
  for (const std::span<Cell> cells : slices) {
    for (size_t u = 0; u < n; ++u) {
      if (hidden[u]) Withhold(cells[u]);
    }
  }
}

}  // namespace agp::metrics
