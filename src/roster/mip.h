// The benchmark's compact integer model (Curtois & Qu 2014, the model their Gurobi results use),
// restricted to a neighbourhood: some employees over a window of days are free, everything else is
// fixed as in the current roster. The whole problem is the neighbourhood of every employee and day.
// Solved with CBC (coinor-libcbc-dev); the solver's large neighbourhood search (solver.h) asks it
// for one neighbourhood at a time, and `agp roster solve --method mip` gives it the whole problem
// as the open-source peer of the benchmark.
#pragma once

#include <cstdint>
#include <vector>

#include "roster/model.h"

namespace agp::roster {

struct Neighbourhood {
  std::vector<int> employees;  // free employees, each once
  int first_day = 0;           // free days: [first_day, end_day)
  int end_day = 0;
};

struct MipLimits {
  int max_nodes = 1000;      // branch-and-bound nodes: the deterministic limit
  double max_seconds = 1e9;  // wall clock: only the search's deadline
  bool full_driver = false;  // CBC's own driver (preprocessing, cuts, heuristics), one thread
  bool use_current = true;   // the current roster's free part is feasible: start from it
};

struct MipResult {
  bool found = false;    // a feasible assignment of the free part
  bool optimal = false;  // proven optimal for the neighbourhood
  int nodes = 0;
  Roster roster;  // the current roster with the free part replaced (when found)
};

// Solves the neighbourhood. The free employees' hard rules are constraints over the whole horizon,
// with the fixed days' shifts as constants; the cover of the free days is soft as in the objective.
MipResult SolveNeighbourhood(const Instance& instance, const Roster& current,
                             const Neighbourhood& free, const MipLimits& limits);

}  // namespace agp::roster
