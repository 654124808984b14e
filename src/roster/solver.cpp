#include "roster/solver.h"

#include <algorithm>
#include <chrono>
#include <climits>
#include <numeric>
#include <thread>
#include <utility>

#include "roster/checker.h"
#include "roster/column_generation.h"
#include "roster/mip.h"
#include "roster/schedule_dp.h"

namespace agp::roster {
namespace {

using Clock = std::chrono::steady_clock;

// splitmix64: the same numbers on every platform for a seed (std::uniform_int_distribution is not).
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int Below(int n) { return n <= 1 ? 0 : static_cast<int>(Next() % static_cast<uint64_t>(n)); }
  template <typename T>
  void Shuffle(std::vector<T>* v) {
    for (size_t i = v->size(); i > 1; --i)
      std::swap((*v)[i - 1], (*v)[static_cast<size_t>(Below(static_cast<int>(i)))]);
  }

 private:
  uint64_t state_;
};

// The soft objective only (requests and cover), for rosters whose hard rules hold by construction.
class Objective {
 public:
  explicit Objective(const Instance& in) : in_(in) {}
  int64_t operator()(const Roster& r) const {
    const int types = static_cast<int>(in_.shifts.size());
    int64_t total = 0;
    for (const Request& q : in_.on_requests) {
      if (r[static_cast<size_t>(q.employee)][static_cast<size_t>(q.day)] != q.shift)
        total += q.weight;
    }
    for (const Request& q : in_.off_requests) {
      if (r[static_cast<size_t>(q.employee)][static_cast<size_t>(q.day)] == q.shift)
        total += q.weight;
    }
    std::vector<int> staffed(static_cast<size_t>(in_.days * types), 0);
    for (const std::vector<int>& row : r) {
      for (int d = 0; d < in_.days; ++d) {
        if (const int s = row[static_cast<size_t>(d)]; s != kOff)
          ++staffed[static_cast<size_t>(d * types + s)];
      }
    }
    for (int d = 0; d < in_.days; ++d) {
      for (int s = 0; s < types; ++s) {
        const Cover& c = in_.CoverOf(d, s);
        const int n = staffed[static_cast<size_t>(d * types + s)];
        total += n < c.requirement ? static_cast<int64_t>(c.requirement - n) * c.under_weight
                                   : static_cast<int64_t>(n - c.requirement) * c.over_weight;
      }
    }
    return total;
  }

 private:
  const Instance& in_;
};

// Runs `work(k)` for k in [0, n) on up to `threads` threads and waits for all.
template <typename F>
void Parallel(int n, int threads, F work) {
  if (threads <= 1 || n <= 1) {
    for (int k = 0; k < n; ++k) work(k);
    return;
  }
  std::vector<std::thread> pool;
  for (int k = 1; k < n; ++k) pool.emplace_back(work, k);
  work(0);
  for (std::thread& t : pool) t.join();
}

// What `row` adds to the objective at the prices of MarginalCosts.
double RowCost(const Instance& in, const std::vector<double>& cost, const std::vector<int>& row) {
  const int types = static_cast<int>(in.shifts.size());
  double sum = 0;
  for (int d = 0; d < in.days; ++d) {
    if (const int s = row[static_cast<size_t>(d)]; s != kOff)
      sum += cost[static_cast<size_t>(d * types + s)];
  }
  return sum;
}

// Gives employee `e` its best schedule against everyone else in `roster`. With `only_better`, only
// when that lowers the objective. True when the employee has a schedule that keeps their rules.
bool Reschedule(const Instance& in, int e, uint64_t seed, Roster* roster, bool only_better,
                bool* changed = nullptr) {
  const std::vector<double> cost = MarginalCosts(in, *roster, e);
  std::optional<std::vector<int>> row = BestSchedule(in, e, cost, seed + static_cast<uint64_t>(e));
  if (!row) return false;
  std::vector<Violation> broken;
  CheckEmployee(in, e, *row, &broken);
  if (!broken.empty()) return false;
  if (only_better &&
      RowCost(in, cost, *row) >= RowCost(in, cost, (*roster)[static_cast<size_t>(e)]) - 0.5) {
    return true;
  }
  if (changed != nullptr) *changed = (*roster)[static_cast<size_t>(e)] != *row;
  (*roster)[static_cast<size_t>(e)] = std::move(*row);
  return true;
}

}  // namespace

SolveResult Solve(const Instance& in, const SolveOptions& options,
                  const std::function<void(const Progress&)>& progress) {
  const Clock::time_point start = Clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  auto remaining = [&] { return std::max(0.01, options.time_limit_seconds - elapsed()); };
  const int staff = static_cast<int>(in.staff.size());
  const int days = in.days;
  const int threads = std::max(1, options.threads);
  Random random(options.seed);
  const Objective objective(in);
  SolveResult out;
  if (staff == 0 || days == 0) {
    out.roster.assign(static_cast<size_t>(staff),
                      std::vector<int>(static_cast<size_t>(days), kOff));
    out.feasible = CheckRoster(in, out.roster).feasible();
    out.objective = objective(out.roster);
    out.proven_optimal = out.feasible;
    return out;
  }

  // Construction: employees in a seeded order, each given its best schedule (schedule_dp.h)
  // against the cover the employees before it leave; CBC only when the prices find none.
  Roster roster(static_cast<size_t>(staff), std::vector<int>(static_cast<size_t>(days), kOff));
  std::vector<int> order(static_cast<size_t>(staff));
  std::iota(order.begin(), order.end(), 0);
  random.Shuffle(&order);
  // `threads` employees at a time, each against the roster before the batch.
  for (int at = 0; at < staff; at += threads) {
    const int n = std::min(threads, staff - at);
    std::vector<std::vector<int>> rows(static_cast<size_t>(n));
    std::vector<char> ok(static_cast<size_t>(n), 0);
    Parallel(n, threads, [&](int k) {
      const int e = order[static_cast<size_t>(at + k)];
      Roster mine = roster;
      if (Reschedule(in, e, options.seed, &mine, /*only_better=*/false)) {
        rows[static_cast<size_t>(k)] = mine[static_cast<size_t>(e)];
        ok[static_cast<size_t>(k)] = 1;
      }
    });
    for (int k = 0; k < n; ++k) {
      const int e = order[static_cast<size_t>(at + k)];
      if (ok[static_cast<size_t>(k)]) {
        roster[static_cast<size_t>(e)] = std::move(rows[static_cast<size_t>(k)]);
        continue;
      }
      const Neighbourhood nb{{e}, 0, days};
      MipLimits limits;
      limits.max_nodes = 100000;
      limits.use_current = false;
      MipResult r = SolveNeighbourhood(in, roster, nb, limits);
      if (!r.found) {  // this employee's rules cannot all hold
        out.roster = roster;
        out.seconds = elapsed();
        return out;
      }
      roster[static_cast<size_t>(e)] = r.roster[static_cast<size_t>(e)];
    }
  }
  int64_t current = objective(roster);
  out.seconds_to_first = out.seconds_to_best = elapsed();
  if (progress) progress({elapsed(), 0, current, 1, days});

  // Improvement (see the header): sweeps, then price-and-branch over everyone when that is
  // affordable, then over seeded subsets of employees, with rounds of ruin and recreate between.
  int64_t best_value = current;
  Roster best_roster = roster;
  int64_t rounds = 0;
  auto more = [&] {
    return (options.max_rounds == 0 || rounds < options.max_rounds) &&
           elapsed() < options.time_limit_seconds;
  };
  auto improved = [&](int employees) {
    if (current < best_value) {
      best_value = current;
      best_roster = roster;
      out.seconds_to_best = elapsed();
      if (progress) progress({elapsed(), rounds, current, employees, days});
    }
  };

  // A sweep: every employee once, in a seeded order, each thread on its own share.
  auto sweep = [&] {
    std::vector<int> turn(static_cast<size_t>(staff));
    std::iota(turn.begin(), turn.end(), 0);
    random.Shuffle(&turn);
    const uint64_t round_seed = random.Next();
    std::vector<Roster> local(static_cast<size_t>(threads), roster);
    std::vector<std::vector<int>> changed(static_cast<size_t>(threads));
    Parallel(threads, threads, [&](int t) {
      for (size_t k = static_cast<size_t>(t); k < turn.size(); k += static_cast<size_t>(threads)) {
        bool moved = false;
        Reschedule(in, turn[k], round_seed, &local[static_cast<size_t>(t)], true, &moved);
        if (moved) changed[static_cast<size_t>(t)].push_back(turn[k]);
      }
    });
    // Each thread's changes against the roster as it now is: kept when they still gain.
    bool gained = false;
    for (int t = 0; t < threads; ++t) {
      for (int e : changed[static_cast<size_t>(t)]) {
        const std::vector<int>& row = local[static_cast<size_t>(t)][static_cast<size_t>(e)];
        const std::vector<double> cost = MarginalCosts(in, roster, e);
        if (RowCost(in, cost, row) < RowCost(in, cost, roster[static_cast<size_t>(e)]) - 0.5) {
          roster[static_cast<size_t>(e)] = row;
          gained = true;
        }
      }
    }
    if (gained) current = objective(roster);
    return gained;
  };

  // Ruin and recreate: each thread, on its own share of the employees, repeatedly frees a few and
  // gives them their best schedules one after the other, keeping what does not worsen its copy.
  auto ruin = [&] {
    std::vector<int> share(static_cast<size_t>(staff));
    std::iota(share.begin(), share.end(), 0);
    random.Shuffle(&share);
    std::vector<uint64_t> seeds(static_cast<size_t>(threads));
    for (uint64_t& sd : seeds) sd = random.Next();
    std::vector<Roster> local(static_cast<size_t>(threads), roster);
    std::vector<int64_t> value(static_cast<size_t>(threads), current);
    Parallel(threads, threads, [&](int t) {
      Random rng(seeds[static_cast<size_t>(t)]);
      std::vector<int> mine;
      for (size_t k = static_cast<size_t>(t); k < share.size(); k += static_cast<size_t>(threads)) {
        mine.push_back(share[k]);
      }
      Roster& r = local[static_cast<size_t>(t)];
      for (int move = 0; move < 30; ++move) {
        const int k = std::min(static_cast<int>(mine.size()), 2 + rng.Below(4));
        std::vector<int> pick = mine;
        rng.Shuffle(&pick);
        pick.resize(static_cast<size_t>(k));
        Roster trial = r;
        for (int e : pick) {
          std::fill(trial[static_cast<size_t>(e)].begin(), trial[static_cast<size_t>(e)].end(),
                    kOff);
        }
        bool ok = true;
        for (int e : pick) ok = ok && Reschedule(in, e, rng.Next(), &trial, false);
        if (!ok) continue;
        if (const int64_t v = objective(trial); v <= value[static_cast<size_t>(t)]) {
          value[static_cast<size_t>(t)] = v;
          r = std::move(trial);
        }
      }
    });
    bool gained = false;
    for (int t = 0; t < threads; ++t) {
      Roster candidate = roster;
      for (size_t k = static_cast<size_t>(t); k < share.size(); k += static_cast<size_t>(threads)) {
        const size_t e = static_cast<size_t>(share[k]);
        candidate[e] = local[static_cast<size_t>(t)][e];
      }
      if (const int64_t v = objective(candidate); v <= current) {
        gained = gained || v < current;
        roster = std::move(candidate);
        current = v;
      }
    }
    return gained;
  };

  // Price-and-branch on `free` (sorted), everyone else fixed.
  auto columns = [&](std::vector<int> free) {
    std::sort(free.begin(), free.end());
    ColumnLimits limits;
    limits.max_seconds = remaining();
    limits.threads = threads;
    const ColumnResult r = SolveByColumns(in, roster, free, limits, random.Next());
    if (!r.found) return false;
    const int64_t v = objective(r.roster);
    if (v > current) return false;
    const bool gained = v < current;
    roster = r.roster;
    current = v;
    if (r.bound_valid && static_cast<int>(free.size()) == staff &&
        static_cast<double>(current) < r.lower_bound + 1 - 1e-6) {
      out.proven_optimal = true;  // the integer roster meets the bound of the whole relaxation
    }
    return gained;
  };

  while (more() && sweep()) {
    ++rounds;
    improved(1);
  }
  // Everyone at once when the pricing is affordable (instances up to about 50 employees over half
  // a year); the dive then gives a roster close to the relaxation's bound.
  std::vector<int> everyone(static_cast<size_t>(staff));
  std::iota(everyone.begin(), everyone.end(), 0);
  const double size = static_cast<double>(staff) * days * static_cast<double>(in.shifts.size());
  if (more() && size <= 60000) {
    ++rounds;
    columns(everyone);
    improved(staff);
  }
  // Subsets: a few employees over the whole horizon, sized so that a round stays short.
  int subset = std::clamp(static_cast<int>(30000 / (days * std::max<size_t>(1, in.shifts.size()))),
                          4, std::max(4, staff / 2));
  subset = std::min(subset, staff);
  int quiet = 0;
  while (more() && !out.proven_optimal) {
    ++rounds;
    if (quiet % 3 == 2) {
      const bool gained = ruin();
      while (more() && sweep()) ++rounds;
      improved(0);
      quiet = gained ? 0 : quiet + 1;
      continue;
    }
    std::vector<int> pick = everyone;
    random.Shuffle(&pick);
    pick.resize(static_cast<size_t>(subset));
    const bool gained = columns(pick);
    improved(subset);
    quiet = gained ? 0 : quiet + 1;
  }

  if (best_value < current) roster = best_roster;
  out.roster = std::move(roster);
  const Check check = CheckRoster(in, out.roster);
  out.feasible = check.feasible();
  out.objective = check.objective();
  out.rounds = rounds;
  out.seconds = elapsed();
  return out;
}

SolveResult SolveWholeMip(const Instance& in, double time_limit_seconds) {
  const Clock::time_point start = Clock::now();
  const int staff = static_cast<int>(in.staff.size());
  Roster empty(static_cast<size_t>(staff), std::vector<int>(static_cast<size_t>(in.days), kOff));
  Neighbourhood nb{{}, 0, in.days};
  nb.employees.resize(static_cast<size_t>(staff));
  std::iota(nb.employees.begin(), nb.employees.end(), 0);
  MipLimits limits;
  limits.full_driver = true;
  limits.use_current = false;
  limits.max_nodes = INT_MAX;
  limits.max_seconds = time_limit_seconds;
  MipResult r = SolveNeighbourhood(in, empty, nb, limits);
  SolveResult out;
  out.seconds = out.seconds_to_best = out.seconds_to_first =
      std::chrono::duration<double>(Clock::now() - start).count();
  if (!r.found) return out;
  out.roster = std::move(r.roster);
  const Check check = CheckRoster(in, out.roster);
  out.feasible = check.feasible();
  out.objective = check.objective();
  out.proven_optimal = r.optimal;
  return out;
}

}  // namespace agp::roster
