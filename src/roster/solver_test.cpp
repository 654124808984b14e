// The solver (DESIGN §12) against brute force: on small seeded instances every schedule of every
// employee is enumerated, so the schedule programme's best and the whole problem's optimum are
// known exactly. Rounds, not time, bound every search here, so each result is reproducible.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>

#include "roster/benchmark_format.h"
#include "roster/checker.h"
#include "roster/schedule_dp.h"
#include "roster/solver.h"

namespace agp::roster {
namespace {

// A week, two shift types (E may not follow L), two or three employees with random limits, days
// off, requests and cover. Only L's limit may bind, so that the programme holds every rule exactly.
Instance RandomInstance(uint32_t seed, int staff) {
  std::mt19937 rng(seed);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  Instance in;
  in.days = 7;
  in.shifts = {{"E", 480, {}}, {"L", 600, {0}}};
  for (int e = 0; e < staff; ++e) {
    Employee emp;
    emp.id = std::string(1, static_cast<char>('A' + e));
    emp.max_shifts = {7, pick(0, 4)};
    emp.max_total_minutes = pick(3, 7) * 540;
    emp.min_total_minutes = std::max(0, emp.max_total_minutes - pick(1, 4) * 540);
    emp.max_consecutive_shifts = pick(2, 6);
    emp.min_consecutive_shifts = pick(1, 2);
    emp.min_consecutive_days_off = pick(1, 2);
    emp.max_weekends = pick(0, 1);
    if (pick(0, 2) == 0) emp.days_off.push_back(pick(0, 6));
    in.staff.push_back(emp);
    for (int q = pick(0, 2); q > 0; --q)
      in.on_requests.push_back({e, pick(0, 6), pick(0, 1), pick(1, 3)});
    for (int q = pick(0, 2); q > 0; --q)
      in.off_requests.push_back({e, pick(0, 6), pick(0, 1), pick(1, 3)});
  }
  for (int d = 0; d < in.days; ++d) {
    for (int s = 0; s < 2; ++s) in.cover.push_back({pick(0, 2), pick(1, 100), pick(0, 5)});
  }
  return in;
}

// Every schedule of `e` (3^7) that keeps their hard rules.
std::vector<std::vector<int>> AllSchedules(const Instance& in, int e) {
  std::vector<std::vector<int>> out;
  std::vector<int> row(static_cast<size_t>(in.days));
  int total = 1;
  for (int d = 0; d < in.days; ++d) total *= 3;
  for (int code = 0; code < total; ++code) {
    for (int d = 0, c = code; d < in.days; ++d, c /= 3) row[static_cast<size_t>(d)] = c % 3 - 1;
    std::vector<Violation> broken;
    CheckEmployee(in, e, row, &broken);
    if (broken.empty()) out.push_back(row);
  }
  return out;
}

// The optimum over every combination of feasible schedules (max() when there is none).
int64_t BruteForce(const Instance& in) {
  std::vector<std::vector<std::vector<int>>> each;
  for (int e = 0; e < static_cast<int>(in.staff.size()); ++e) each.push_back(AllSchedules(in, e));
  int64_t best = std::numeric_limits<int64_t>::max();
  Roster r(in.staff.size());
  std::vector<size_t> at(in.staff.size(), 0);
  for (const auto& options : each) {
    if (options.empty()) return best;
  }
  while (true) {
    for (size_t e = 0; e < at.size(); ++e) r[e] = each[e][at[e]];
    best = std::min(best, CheckRoster(in, r).objective());
    size_t e = 0;
    while (e < at.size() && ++at[e] == each[e].size()) at[e++] = 0;
    if (e == at.size()) break;
  }
  return best;
}

TEST(ScheduleDp, FindsTheCheapestScheduleThatKeepsEveryRule) {
  int compared = 0;
  for (uint32_t seed = 1; seed <= 60; ++seed) {
    const Instance in = RandomInstance(seed, 1);
    const std::vector<std::vector<int>> all = AllSchedules(in, 0);
    std::mt19937 rng(seed * 7919);
    std::vector<double> cost(static_cast<size_t>(in.days) * in.shifts.size());
    for (double& c : cost) c = std::uniform_int_distribution<int>(-100, 30)(rng);
    auto price = [&](const std::vector<int>& row) {
      double sum = 0;
      for (int d = 0; d < in.days; ++d) {
        if (row[static_cast<size_t>(d)] != kOff) {
          sum += cost[static_cast<size_t>(d) * in.shifts.size() +
                      static_cast<size_t>(row[static_cast<size_t>(d)])];
        }
      }
      return sum;
    };
    const std::optional<std::vector<int>> got = BestSchedule(in, 0, cost, seed);
    if (all.empty()) {
      EXPECT_FALSE(got.has_value()) << "seed " << seed;
      continue;
    }
    ASSERT_TRUE(got.has_value()) << "seed " << seed;
    std::vector<Violation> broken;
    CheckEmployee(in, 0, *got, &broken);
    EXPECT_TRUE(broken.empty()) << "seed " << seed << ": " << broken.front().text;
    double best = std::numeric_limits<double>::infinity();
    for (const auto& row : all) best = std::min(best, price(row));
    EXPECT_DOUBLE_EQ(price(*got), best) << "seed " << seed;
    ++compared;
  }
  EXPECT_GT(compared, 30);  // most random employees have schedules at all
}

TEST(Solver, ReachesTheBruteForceOptimum) {
  int solved = 0;
  for (uint32_t seed = 1; seed <= 25; ++seed) {
    const Instance in = RandomInstance(seed, 2);
    const int64_t optimum = BruteForce(in);
    SolveOptions options;
    options.time_limit_seconds = 600;  // never reached: the rounds end the search
    options.max_rounds = 12;
    options.seed = seed;
    const SolveResult r = Solve(in, options);
    if (optimum == std::numeric_limits<int64_t>::max()) {
      EXPECT_FALSE(r.feasible) << "seed " << seed;
      continue;
    }
    ASSERT_TRUE(r.feasible) << "seed " << seed;
    EXPECT_TRUE(CheckRoster(in, r.roster).feasible());
    EXPECT_EQ(r.objective, CheckRoster(in, r.roster).objective());
    EXPECT_EQ(r.objective, optimum) << "seed " << seed;
    if (r.proven_optimal) {
      EXPECT_EQ(r.objective, optimum);
    }
    ++solved;
  }
  EXPECT_GT(solved, 10);
}

TEST(Solver, TheWholeModelInCbcReachesTheOptimumToo) {
  for (uint32_t seed = 1; seed <= 8; ++seed) {
    const Instance in = RandomInstance(seed, 2);
    const int64_t optimum = BruteForce(in);
    const SolveResult r = SolveWholeMip(in, 600);
    if (optimum == std::numeric_limits<int64_t>::max()) {
      EXPECT_FALSE(r.feasible);
      continue;
    }
    ASSERT_TRUE(r.feasible) << "seed " << seed;
    EXPECT_EQ(r.objective, optimum) << "seed " << seed;
  }
}

Instance Shared(int n) {
  std::ifstream f(std::string(AGP_SHARED_DIR) + "/roster/Instance" + std::to_string(n) + ".txt");
  std::stringstream text;
  text << f.rdbuf();
  auto in = ReadInstance(text.str(), "Instance" + std::to_string(n) + ".txt");
  EXPECT_TRUE(in.ok());
  return in.ok() ? std::move(in).value() : Instance{};
}

TEST(Solver, ASeedAndAThreadCountGiveTheSameRoster) {
  const Instance in = Shared(7);
  SolveOptions options;
  options.time_limit_seconds = 600;
  options.max_rounds = 4;
  options.threads = 2;
  options.seed = 3;
  const SolveResult a = Solve(in, options), b = Solve(in, options);
  ASSERT_TRUE(a.feasible);
  EXPECT_EQ(a.roster, b.roster);
  EXPECT_EQ(a.objective, b.objective);
  options.seed = 4;
  const SolveResult c = Solve(in, options);
  EXPECT_TRUE(c.feasible);
}

TEST(Solver, ProvesThePublishedOptimaOfTheSmallestInstances) {
  // Instances 2 and 3 (14 days, 14 and 20 staff): optimal 828 and 1001
  // (../shared/roster/README.md).
  for (const auto& [n, optimum] : {std::pair{2, 828}, std::pair{3, 1001}}) {
    SolveOptions options;
    options.time_limit_seconds = 600;
    options.max_rounds = 20;
    const SolveResult r = Solve(Shared(n), options);
    ASSERT_TRUE(r.feasible) << "Instance" << n;
    EXPECT_EQ(r.objective, optimum) << "Instance" << n;
    EXPECT_TRUE(r.proven_optimal) << "Instance" << n;
  }
}

}  // namespace
}  // namespace agp::roster
