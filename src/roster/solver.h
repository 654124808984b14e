// The rota solver (DESIGN §12): price-and-branch over whole schedules inside a large
// neighbourhood search, as the field does (Burke and Curtois' branch-and-price, EJOR 2014; the
// ruin-and-recreate with integer programming of Rahimian, Akartunalı and Levine, EJOR 258(2), 2017,
// measured on these 24 instances).
//
// A feasible roster is built one employee at a time, each given their cheapest schedule against
// the cover the others leave (schedule_dp.h); sweeps re-plan every employee until none gains; then
// price-and-branch (column_generation.h) over everyone when affordable and over seeded subsets,
// with ruin-and-recreate rounds between, until the time limit or a proven optimum.
//
// Both cores: the work of a round is shared by employees, each thread from the same roster, and
// the results are applied in thread order, each kept only if it still does not worsen the
// objective. Rounds and node limits, not time, bound the work inside, so a seed and a thread count
// give the same sequence of rosters on any machine; the time limit only says how far along it the
// result is.
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
  bool feasible = false;  // every hard rule holds (the checker says so)
  Roster roster;
  int64_t objective = 0;
  bool proven_optimal = false;  // the whole problem was solved to optimality
  double seconds_to_first = 0;  // the first feasible roster
  double seconds_to_best = 0;   // the final roster
  double seconds = 0;           // in all
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
