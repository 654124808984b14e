// The differencing attack on withheld figures (issue 13), for tests: what a viewer can work out
// from the figures shown to them, by exact linear algebra over the unit tree and the periods. The
// property "no withheld figure can be worked out" is tested by running the attack itself.
//
// The attacker knows every figure shown to them (value, numerator, denominator) for every unit and
// every period of the results, and which units have no staff of their own in a period (from the
// organisation chart: a sector's own staff, or none), so that their own parts are zero. The
// unknowns are the own parts of each unit — per month for figures that add up over periods, per
// period otherwise — and every shown figure is a sum of them over a subtree and the period's
// months. A withheld figure is recovered when its sum is a linear combination of the shown ones
// (what least squares would find exactly). Where the viewer may see individuals (a leader's own
// units), the own parts are known too.
//
// Not covered: bounds from non-negativity (a shown 0 says every part is 0) and pay ratios (means of
// means, not linear).
#pragma once

#include <string>
#include <vector>

#include "metrics/indicator.h"
#include "metrics/measure_cube.h"
#include "metrics/query.h"
#include "metrics/suppression.h"

namespace agp::metrics::attack {

struct Recovered {
  std::string indicator;
  std::string unit;    // unit key
  std::string period;  // "2024-04"
};

struct AttackResult {
  std::vector<Recovered> recovered;  // withheld figures about someone that can be worked out
  int64_t withheld = 0;              // withheld figures about someone (the targets)
  int64_t shown = 0;                 // figures shown (the equations)
};

// Runs the attack on one indicator (not the pay ratio) as `audience` gets it through QueryFigures,
// over every unit and every period of the cube.
AttackResult Attack(const MeasureCube& cube, IndicatorId id, const Audience& audience);

// The same on figures of `id` a viewer got some other way (a page, a download): `truth` is the
// cube they came from; `sees_individuals` as the viewer's audience says (empty: nowhere).
AttackResult Attack(const MeasureCube& truth, IndicatorId id, const std::vector<Figure>& figures,
                    const Audience& audience);

}  // namespace agp::metrics::attack
