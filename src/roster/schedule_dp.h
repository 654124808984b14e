// One employee's best schedule for given costs: the pricing problem of column generation for nurse
// rostering (a resource-constrained shortest path over the days; Burke and Curtois, "New approaches
// to nurse rostering benchmark instances", European Journal of Operational Research, 2014, price
// their branch-and-price columns with such a dynamic programme).
//
// A dynamic programme over the days whose states hold the last shift and the length of the current
// run of worked days or days off, so that the shifts that cannot follow, the days off, the maximum
// run of shifts and the minimum runs of shifts and of days off (runs touching either end exempt)
// hold exactly. Total minutes, weekends and shifts per type are resources the state does not hold:
// they carry Lagrangian prices, adjusted until the schedule keeps them (or a few dozen tries fail).
// The schedule returned always keeps every hard rule of the employee, or none is returned.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "roster/model.h"

namespace agp::roster {

// cost[d * types + s]: what working shift s on day d adds to the objective (off adds nothing).
// `exact` (may be null) says whether every rule was held in the states, so that the schedule is
// the cheapest there is (column generation's bound is a bound only then).
std::optional<std::vector<int>> BestSchedule(const Instance& instance, int employee,
                                             const std::vector<double>& cost, uint64_t seed,
                                             bool* exact = nullptr);

// The costs for `employee` when everyone else keeps `roster`: shift requests and the change in
// cover penalty that one more person on the shift makes.
std::vector<double> MarginalCosts(const Instance& instance, const Roster& roster, int employee);

}  // namespace agp::roster
