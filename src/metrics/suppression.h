// Small numbers (DESIGN.md §4): the one place that decides which figures are withheld.
//
// A figure about fewer persons than the minimum group size is withheld from every viewer who may
// not see individuals (primary suppression), and further figures are withheld so that no
// withheld figure can be worked out from the figures shown (complementary suppression, as SSB's
// secondary suppression under statistikkloven § 7 and τ-ARGUS's linked hierarchical tables).
// Withheld cells lose their value, numerator and denominator, in pages, API, exports and reports
// alike. docs/indicators.md, "Small numbers", explains the method and why it is sound.
#pragma once

#include <cstdint>
#include <functional>
#include <span>

#include "metrics/cells.h"

namespace agp::metrics {

struct Audience {
  int min_group = 5;  // persons; 0 or 1 turns suppression off
  // Whether the viewer may see individuals in a unit (admins: everywhere; leaders: their own
  // units' subtrees; union representatives and viewers: nowhere). Empty: nowhere. Must hold for a
  // unit's whole subtree when it holds for the unit.
  std::function<bool(int32_t unit)> sees_individuals;

  static Audience Everything() {
    return Audience{0, [](int32_t) { return true; }};
  }
};

// Marks a cell withheld: clears its value, numerator and denominator (its groups stay, for the
// rules; no output shows them).
void Withhold(Cell& c);

// Decides suppression for one slice: the cells of one figure and period for every unit, indexed
// like `parent` (the unit tree, -1 for a root). Sets `suppressed` and clears the withheld fields.
// The same as SuppressLinked with one slice.
void Suppress(std::span<const int32_t> parent, std::span<Cell> cells, const Audience& audience);

// Decides suppression for linked slices of one figure: periods whose numerators and denominators
// add up (the months, tertials, quarters and year of one year for sick leave: April = T1 − Q1).
// A unit is withheld in every slice or in none, so that no difference of periods reveals a
// withheld one.
//
// Guarantees, for every slice, where the viewer may not see individuals (the attacker knows every
// figure shown and which units have no persons of their own):
// - no shown figure is about a small group (1 … min_group − 1 persons), and for every shown unit
//   the persons it covers that no shown child covers (its own and its withheld children's) are
//   none or at least min_group;
// - no withheld figure about anyone is a linear combination of the shown figures of its slice:
//   neither from above (a parent minus its shown children, when the parent has no persons of its
//   own and only one withheld child holds persons) nor from below (a withheld unit whose persons
//   are all in shown children). Since the linked slices share their pattern and each period is
//   a sum of months, no combination across periods reveals one either.
void SuppressLinked(std::span<const int32_t> parent, std::span<const std::span<Cell>> slices,
                    const Audience& audience);

}  // namespace agp::metrics
