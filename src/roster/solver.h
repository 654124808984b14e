// The rota solver (DESIGN §12): a large neighbourhood search whose moves are integer programs.
//
// Method, as in the field's MIP-based large neighbourhood searches (the ruin-and-recreate with integer
// programming of Rahimian, Akartunalı and Levine, EJOR 258(2), 2017, measured on these 24
// instances): start from a feasible roster built one employee at a time, each given their best
// schedule against the cover the others leave; then, until
// the time limit, free a few employees over a window of days, keep everything else, and let CBC
// solve the benchmark's own integer model of that neighbourhood (roster/mip.h). A neighbourhood is
// chosen at random or around the worst cover; its size adapts to what CBC proves within its node
// limit, and when it reaches the whole problem a proven optimum ends the search.
//
// Both cores: each round solves one neighbourhood per thread (disjoint employees) from the same
// roster and applies the results in thread order, keeping each only if it still does not worsen the
// objective. Node limits, not time, bound each program, so a seed and a thread count give the same
// sequence of rosters on any machine; the time limit only says how far along it the result is.
#pragma once

#include <cstdint>
#include <functional>

#include "roster/model.h"

namespace agp::roster {

struct SolveOptions {
  double time_limit_seconds = 60;
  uint64_t seed = 1;
  int threads = 2;
  int64_t max_rounds = 0;  // 0: until the time limit; otherwise this many rounds at most
};

struct Progress {
  double seconds = 0;
  int64_t rounds = 0;
  int64_t objective = 0;
  int neighbourhood_employees = 0;
  int neighbourhood_days = 0;
};

struct SolveResult {
  bool feasible = false;           // every hard rule holds (the checker says so)
  Roster roster;
  int64_t objective = 0;
  bool proven_optimal = false;     // the whole problem was solved to optimality
  double seconds_to_first = 0;     // the first feasible roster
  double seconds_to_best = 0;      // the final roster
  double seconds = 0;              // in all
  int64_t rounds = 0;
};

// Solves `instance`. `progress` (may be empty) is called after the construction and after every
// round that improves the roster.
SolveResult Solve(const Instance& instance, const SolveOptions& options,
                  const std::function<void(const Progress&)>& progress = {});

// The whole compact model given to CBC's own driver with the time limit, one thread: the
// open-source peer the benchmark compares with. No roster (feasible = false) when CBC finds none.
SolveResult SolveWholeMip(const Instance& instance, double time_limit_seconds);

}  // namespace agp::roster
