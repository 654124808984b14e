// Small numbers (DESIGN.md §4): the one place that decides which figures are withheld.
//
// A figure about fewer persons than the minimum group size is withheld from every viewer who may
// not see individuals (primary suppression), and further figures are withheld where a shown
// parent minus its shown children would reveal a small group (complementary suppression, as
// SSB's secondary suppression under statistikkloven §7). Withheld cells lose their value,
// numerator, denominator and population, in pages, API, exports and reports alike.
#pragma once

#include <cstdint>
#include <functional>
#include <span>

#include "metrics/cells.h"

namespace agp::metrics {

struct Audience {
  int min_group = 5;  // persons; 0 or 1 turns suppression off
  // Whether the viewer may see individuals in a unit (admins: everywhere; leaders: their own
  // units' subtrees; union representatives and viewers: nowhere). Empty: nowhere.
  std::function<bool(int32_t unit)> sees_individuals;

  static Audience Everything() {
    return Audience{0, [](int32_t) { return true; }};
  }
};

// Decides suppression for one slice: the cells of one figure and period for every unit, indexed
// like `parent` (the unit tree, -1 for a root). Sets `suppressed` and clears the withheld fields.
//
// Guarantee: for every shown unit, each group of the persons it covers that no shown child
// covers (its own members and its withheld children together) is either empty or at least
// `min_group` persons, unless the viewer may see individuals there.
void Suppress(std::span<const int32_t> parent, std::span<Cell> cells, const Audience& audience);

}  // namespace agp::metrics
