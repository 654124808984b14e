#include "roster/column_generation.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

#include "CbcModel.hpp"
#include "CoinPackedVector.hpp"
#include "OsiClpSolverInterface.hpp"
#include "roster/checker.h"
#include "roster/schedule_dp.h"

namespace agp::roster {
namespace {

using Clock = std::chrono::steady_clock;

// What employee e's requests cost with `row`.
double RequestCost(const Instance& in, int e, const std::vector<int>& row) {
  double total = 0;
  for (const Request& q : in.on_requests) {
    if (q.employee == e && row[static_cast<size_t>(q.day)] != q.shift) total += q.weight;
  }
  for (const Request& q : in.off_requests) {
    if (q.employee == e && row[static_cast<size_t>(q.day)] == q.shift) total += q.weight;
  }
  return total;
}

}  // namespace

ColumnResult SolveByColumns(const Instance& in, const Roster& current,
                            const std::vector<int>& free_employees, const ColumnLimits& limits,
                            uint64_t seed) {
  const Clock::time_point start = Clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  const int days = in.days;
  const int types = static_cast<int>(in.shifts.size());
  const int cover_rows = days * types;
  const int k = static_cast<int>(free_employees.size());
  const int threads = std::max(1, limits.threads);
  ColumnResult out;
  if (k == 0) return out;
  std::vector<char> is_free(in.staff.size(), 0);
  for (int e : free_employees) is_free[static_cast<size_t>(e)] = 1;
  std::vector<int> fixed(static_cast<size_t>(cover_rows), 0);
  double constant = 0;  // the fixed employees' requests
  for (size_t e = 0; e < in.staff.size(); ++e) {
    if (is_free[e]) continue;
    constant += RequestCost(in, static_cast<int>(e), current[e]);
    for (int d = 0; d < days; ++d) {
      if (const int s = current[e][static_cast<size_t>(d)]; s != kOff) {
        ++fixed[static_cast<size_t>(d * types + s)];
      }
    }
  }
  // The request part of the pricing costs, per free employee.
  std::vector<std::vector<double>> request_cost(
      static_cast<size_t>(k), std::vector<double>(static_cast<size_t>(cover_rows), 0));
  std::vector<double> on_total(static_cast<size_t>(k), 0);
  std::vector<int> slot(in.staff.size(), -1);
  for (int i = 0; i < k; ++i) slot[static_cast<size_t>(free_employees[static_cast<size_t>(i)])] = i;
  for (const Request& q : in.on_requests) {
    if (const int i = slot[static_cast<size_t>(q.employee)]; i >= 0) {
      request_cost[static_cast<size_t>(i)][static_cast<size_t>(q.day * types + q.shift)] -=
          q.weight;
      on_total[static_cast<size_t>(i)] += q.weight;
    }
  }
  for (const Request& q : in.off_requests) {
    if (const int i = slot[static_cast<size_t>(q.employee)]; i >= 0) {
      request_cost[static_cast<size_t>(i)][static_cast<size_t>(q.day * types + q.shift)] +=
          q.weight;
    }
  }

  // Rows: cover (d, s) = requirement - fixed, then one convexity row per free employee.
  OsiClpSolverInterface lp;
  lp.messageHandler()->setLogLevel(0);
  {
    std::vector<double> lower, upper, cost;
    CoinPackedMatrix matrix(true, 0, 0);  // column ordered
    matrix.setDimensions(cover_rows + k, 0);
    for (int r = 0; r < cover_rows; ++r) {
      const Cover& c = in.cover[static_cast<size_t>(r)];
      for (const auto& [sign, weight] :
           {std::pair{1.0, c.under_weight}, std::pair{-1.0, c.over_weight}}) {
        CoinPackedVector col;
        col.insert(r, sign);
        matrix.appendCol(col);
        lower.push_back(0);
        upper.push_back(COIN_DBL_MAX);
        cost.push_back(weight);
      }
    }
    std::vector<double> row_lower(static_cast<size_t>(cover_rows + k)), row_upper;
    for (int r = 0; r < cover_rows; ++r) {
      row_lower[static_cast<size_t>(r)] =
          in.cover[static_cast<size_t>(r)].requirement - fixed[static_cast<size_t>(r)];
    }
    for (int i = 0; i < k; ++i) row_lower[static_cast<size_t>(cover_rows + i)] = 1;
    row_upper = row_lower;
    lp.loadProblem(matrix, lower.data(), upper.data(), cost.data(), row_lower.data(),
                   row_upper.data());
  }
  const int slack_columns = 2 * cover_rows;
  std::vector<std::pair<int, std::vector<int>>> columns;  // (free index, schedule)
  std::set<std::pair<int, std::vector<int>>> seen;
  auto add_column = [&](int i, const std::vector<int>& row) {
    if (!seen.insert({i, row}).second) return false;
    CoinPackedVector col;
    for (int d = 0; d < days; ++d) {
      if (const int s = row[static_cast<size_t>(d)]; s != kOff) col.insert(d * types + s, 1);
    }
    col.insert(cover_rows + i, 1);
    lp.addCol(col, 0, 1, RequestCost(in, free_employees[static_cast<size_t>(i)], row));
    columns.emplace_back(i, row);
    return true;
  };
  for (int i = 0; i < k; ++i)
    add_column(i, current[static_cast<size_t>(free_employees[static_cast<size_t>(i)])]);

  std::vector<char> fixed_employee(static_cast<size_t>(k), 0);
  bool all_exact = true;  // every pricing held every rule exactly
  // Pricing rounds until no column has a negative reduced cost (true) or the limits end them.
  auto price = [&](int iterations, uint64_t salt) {
    for (int iteration = 0; iteration < iterations && elapsed() < limits.max_seconds; ++iteration) {
      if (!lp.isProvenOptimal()) return false;
      const double* dual = lp.getRowPrice();
      // Each free employee's best schedule at these duals, the employees shared among threads.
      std::vector<std::optional<std::vector<int>>> found(static_cast<size_t>(k));
      std::vector<char> inexact(static_cast<size_t>(threads), 0);
      auto work = [&](int t) {
        for (int i = t; i < k; i += threads) {
          if (fixed_employee[static_cast<size_t>(i)]) continue;
          std::vector<double> cost = request_cost[static_cast<size_t>(i)];
          for (int r = 0; r < cover_rows; ++r) cost[static_cast<size_t>(r)] -= dual[r];
          const int e = free_employees[static_cast<size_t>(i)];
          bool exact = false;
          std::optional<std::vector<int>> row = BestSchedule(
              in, e, cost, seed + salt + static_cast<uint64_t>(iteration * k + i), &exact);
          if (!exact) inexact[static_cast<size_t>(t)] = 1;
          if (!row) continue;
          double value = on_total[static_cast<size_t>(i)] - dual[cover_rows + i];
          for (int d = 0; d < days; ++d) {
            if (const int s = (*row)[static_cast<size_t>(d)]; s != kOff) {
              value += cost[static_cast<size_t>(d * types + s)];
            }
          }
          if (value > -1e-6) continue;
          std::vector<Violation> broken;
          CheckEmployee(in, e, *row, &broken);
          if (broken.empty()) found[static_cast<size_t>(i)] = std::move(row);
        }
      };
      std::vector<std::thread> pool;
      for (int t = 1; t < threads; ++t) pool.emplace_back(work, t);
      work(0);
      for (std::thread& th : pool) th.join();
      for (char x : inexact) all_exact = all_exact && x == 0;
      int added = 0;
      for (int i = 0; i < k; ++i) {
        if (found[static_cast<size_t>(i)] && add_column(i, *found[static_cast<size_t>(i)])) ++added;
      }
      if (added == 0) return true;
      lp.resolve();
    }
    return false;
  };
  lp.initialSolve();
  const bool complete = price(limits.max_iterations, 0);
  if (lp.isProvenOptimal()) {
    out.lower_bound = lp.getObjValue() + constant;
    out.bound_valid = complete && all_exact;
  }

  // Dive: fix the employees whose schedule the relaxation (nearly) chooses, price again, until
  // every employee has one schedule.
  Roster dived = current;
  bool dive_done = false;
  for (int step = 0; step < k + 1 && elapsed() < limits.max_seconds; ++step) {
    if (!lp.isProvenOptimal()) break;
    const double* x = lp.getColSolution();
    std::vector<double> top(static_cast<size_t>(k), -1);
    std::vector<int> top_column(static_cast<size_t>(k), -1);
    for (size_t c = 0; c < columns.size(); ++c) {
      const int i = columns[c].first;
      const double v = x[slack_columns + static_cast<int>(c)];
      if (v > top[static_cast<size_t>(i)]) {
        top[static_cast<size_t>(i)] = v;
        top_column[static_cast<size_t>(i)] = static_cast<int>(c);
      }
    }
    bool integral = true;
    for (int i = 0; i < k; ++i) {
      if (!fixed_employee[static_cast<size_t>(i)] && top[static_cast<size_t>(i)] < 1 - 1e-6) {
        integral = false;
      }
    }
    if (integral) {
      for (int i = 0; i < k; ++i) {
        dived[static_cast<size_t>(free_employees[static_cast<size_t>(i)])] =
            columns[static_cast<size_t>(top_column[static_cast<size_t>(i)])].second;
      }
      dive_done = true;
      break;
    }
    // Fix every one at least 0.9 and the one the relaxation is surest of; on large sets (more
    // than 10 000 employee-day-shift cells, where a step prices for seconds) the sixth of the open
    // employees it is surest of, so that the dive ends within a minute. A count, not a clock: the
    // run stays reproducible.
    std::vector<int> open;
    for (int i = 0; i < k; ++i) {
      if (!fixed_employee[static_cast<size_t>(i)]) open.push_back(i);
    }
    std::stable_sort(open.begin(), open.end(), [&](int a, int b) {
      return top[static_cast<size_t>(a)] > top[static_cast<size_t>(b)];
    });
    const bool large = static_cast<double>(k) * days * types > 10000;
    const size_t at_least = large ? std::max<size_t>(1, open.size() / 6) : 1;
    for (size_t j = 0; j < open.size(); ++j) {
      const int i = open[j];
      if (j < at_least || top[static_cast<size_t>(i)] >= 0.9) {
        fixed_employee[static_cast<size_t>(i)] = 1;
        lp.setColLower(slack_columns + top_column[static_cast<size_t>(i)], 1);
      }
    }
    lp.resolve();
    price(limits.dive_iterations, 1000003ULL * static_cast<uint64_t>(step + 1));
  }
  if (dive_done) {
    out.found = true;
    out.roster = std::move(dived);
    out.columns = static_cast<int>(columns.size());
    return out;
  }
  // Out of time: CBC would overrun the deadline on its root alone; the current roster stands.
  if (elapsed() >= limits.max_seconds) return out;
  for (int c = 0; c < lp.getNumCols(); ++c) lp.setColLower(c, 0);

  // The integer master over the columns found, from the current roster.
  const int n = lp.getNumCols();
  for (int c = slack_columns; c < n; ++c) lp.setInteger(c);
  std::vector<double> startx(static_cast<size_t>(n), 0);
  {
    std::vector<int> staffed = fixed;
    for (int i = 0; i < k; ++i) {
      startx[static_cast<size_t>(slack_columns + i)] =
          1;  // the first k columns are the current ones
      for (int d = 0; d < days; ++d) {
        if (const int s = columns[static_cast<size_t>(i)].second[static_cast<size_t>(d)];
            s != kOff) {
          ++staffed[static_cast<size_t>(d * types + s)];
        }
      }
    }
    for (int r = 0; r < cover_rows; ++r) {
      const int gap =
          in.cover[static_cast<size_t>(r)].requirement - staffed[static_cast<size_t>(r)];
      startx[static_cast<size_t>(2 * r)] = std::max(0, gap);
      startx[static_cast<size_t>(2 * r + 1)] = std::max(0, -gap);
    }
  }
  out.columns = static_cast<int>(columns.size());
  CbcModel model(lp);
  model.setLogLevel(0);
  model.messageHandler()->setLogLevel(0);
  model.setMaximumNodes(limits.max_nodes);
  model.setMaximumSeconds(std::max(0.01, limits.max_seconds - elapsed()));
  double start_cost = 0;
  const double* obj = lp.getObjCoefficients();
  for (int c = 0; c < n; ++c) start_cost += obj[c] * startx[static_cast<size_t>(c)];
  model.setBestSolution(startx.data(), n, start_cost, true);
  model.branchAndBound();
  const double* best = model.bestSolution();
  if (best == nullptr) return out;
  out.found = true;
  out.roster = current;
  for (size_t c = 0; c < columns.size(); ++c) {
    if (best[slack_columns + static_cast<int>(c)] > 0.5) {
      out.roster[static_cast<size_t>(free_employees[static_cast<size_t>(columns[c].first)])] =
          columns[c].second;
    }
  }
  return out;
}

}  // namespace agp::roster
