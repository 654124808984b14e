// Column generation over whole schedules for a set of free employees (everyone else fixed), then an
// integer programme over the schedules found: price-and-branch, the formulation of the field's
// branch-and-price methods for nurse rostering (Burke and Curtois, EJOR 2014). The master chooses
// one schedule per free employee and pays for the cover left under or over; its linear relaxation
// is far tighter than the compact model's (roster/mip.h), so CBC closes it in few nodes. Columns
// are priced by the schedule programme of schedule_dp.h with the master's cover duals.
#pragma once

#include <cstdint>
#include <vector>

#include "roster/model.h"

namespace agp::roster {

struct ColumnLimits {
  int max_iterations = 50;   // pricing rounds
  int dive_iterations = 5;   // pricing rounds after each fixing step of the dive
  int max_nodes = 500;       // branch-and-bound nodes of the integer master
  double max_seconds = 1e9;  // wall clock: only the search's deadline
  int threads = 1;           // pricing: the employees shared among this many threads
};

struct ColumnResult {
  bool found = false;
  Roster roster;             // the current roster with the free employees' schedules replaced
  double lower_bound = 0;    // the master's linear bound on the objective (complete pricing only)
  bool bound_valid = false;  // pricing found no more columns within the iteration limit
  int columns = 0;
};

// `current` must keep every free employee's hard rules: its schedules start the master.
ColumnResult SolveByColumns(const Instance& instance, const Roster& current,
                            const std::vector<int>& free_employees, const ColumnLimits& limits,
                            uint64_t seed);

}  // namespace agp::roster
