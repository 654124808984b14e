#include "roster/mip.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "CbcHeuristic.hpp"
#include "CbcHeuristicFPump.hpp"
#include "CbcHeuristicLocal.hpp"
#include "CbcHeuristicRINS.hpp"
#include "CbcModel.hpp"
#include "CbcSolver.hpp"
#include "CglClique.hpp"
#include "CglGomory.hpp"
#include "CglMixedIntegerRounding2.hpp"
#include "CglProbing.hpp"
#include "CoinPackedMatrix.hpp"
#include "OsiClpSolverInterface.hpp"

namespace agp::roster {
namespace {

const double kInf = COIN_DBL_MAX;

// A linear expression with a constant, collected before it becomes a row.
struct Expr {
  std::vector<int> index;
  std::vector<double> value;
  double constant = 0;
  void Add(int column, double coefficient) {
    index.push_back(column);
    value.push_back(coefficient);
  }
};

class Model {
 public:
  int Column(double lb, double ub, double cost, bool integer) {
    lower_.push_back(lb);
    upper_.push_back(ub);
    cost_.push_back(cost);
    if (integer) integers_.push_back(static_cast<int>(cost_.size()) - 1);
    return static_cast<int>(cost_.size()) - 1;
  }
  void AddCost(int column, double cost) { cost_[static_cast<size_t>(column)] += cost; }
  // lb ≤ expr ≤ ub; a row without columns is dropped (its constant part holds: it is fixed).
  void Row(const Expr& e, double lb, double ub) {
    if (e.index.empty()) return;
    rows_.push_back(e);
    row_lower_.push_back(lb == -kInf ? -kInf : lb - e.constant);
    row_upper_.push_back(ub == kInf ? kInf : ub - e.constant);
  }
  int columns() const { return static_cast<int>(cost_.size()); }

  void Load(OsiClpSolverInterface* solver) const {
    CoinPackedMatrix matrix(false, 0, 0);
    matrix.setDimensions(0, columns());
    for (const Expr& e : rows_) {
      matrix.appendRow(static_cast<int>(e.index.size()), e.index.data(), e.value.data());
    }
    solver->loadProblem(matrix, lower_.data(), upper_.data(), cost_.data(), row_lower_.data(),
                        row_upper_.data());
    for (int i : integers_) solver->setInteger(i);
  }
  double Cost(const std::vector<double>& x) const {
    double total = 0;
    for (size_t i = 0; i < x.size(); ++i) total += cost_[i] * x[i];
    return total;
  }

 private:
  std::vector<double> lower_, upper_, cost_, row_lower_, row_upper_;
  std::vector<int> integers_;
  std::vector<Expr> rows_;
};

}  // namespace

MipResult SolveNeighbourhood(const Instance& in, const Roster& current, const Neighbourhood& nb,
                             const MipLimits& limits) {
  const int days = in.days;
  const int types = static_cast<int>(in.shifts.size());
  const int a = std::max(0, nb.first_day), b = std::min(days, nb.end_day);
  const int width = b - a;
  std::vector<char> is_free(in.staff.size(), 0);
  for (int e : nb.employees) is_free[static_cast<size_t>(e)] = 1;
  std::vector<char> bad(static_cast<size_t>(types * types), 0);  // bad[s * types + t]: t after s
  for (int s = 0; s < types; ++s) {
    for (int t : in.shifts[static_cast<size_t>(s)].cannot_follow) {
      bad[static_cast<size_t>(s * types + t)] = 1;
    }
  }
  auto at = [&](int e, int d) { return current[static_cast<size_t>(e)][static_cast<size_t>(d)]; };

  Model m;
  // x[i][(d - a) * types + s]: free employee i works shift s on day d (-1: not allowed).
  std::vector<std::vector<int>> x(nb.employees.size());
  for (size_t i = 0; i < nb.employees.size(); ++i) {
    const int e = nb.employees[i];
    const Employee& emp = in.staff[static_cast<size_t>(e)];
    std::vector<char> off(static_cast<size_t>(days), 0);
    for (int d : emp.days_off) {
      if (d >= 0 && d < days) off[static_cast<size_t>(d)] = 1;
    }
    x[i].assign(static_cast<size_t>(width * types), -1);
    for (int d = a; d < b; ++d) {
      if (off[static_cast<size_t>(d)]) continue;
      const int before = d == a && a > 0 ? at(e, a - 1) : kOff;
      const int after = d == b - 1 && b < days ? at(e, b) : kOff;
      for (int s = 0; s < types; ++s) {
        if (emp.max_shifts[static_cast<size_t>(s)] <= 0) continue;
        if (before != kOff && bad[static_cast<size_t>(before * types + s)]) continue;
        if (after != kOff && bad[static_cast<size_t>(s * types + after)]) continue;
        x[i][static_cast<size_t>((d - a) * types + s)] = m.Column(0, 1, 0, true);
      }
    }
  }
  auto var = [&](size_t i, int d, int s) { return x[i][static_cast<size_t>((d - a) * types + s)]; };
  // Requests: an on request not met costs its weight (a constant less the weight when worked),
  // an off request met costs it.
  for (const Request& q : in.on_requests) {
    if (!is_free[static_cast<size_t>(q.employee)] || q.day < a || q.day >= b) continue;
    const size_t i = static_cast<size_t>(
        std::find(nb.employees.begin(), nb.employees.end(), q.employee) - nb.employees.begin());
    if (const int c = var(i, q.day, q.shift); c >= 0) m.AddCost(c, -q.weight);
  }
  for (const Request& q : in.off_requests) {
    if (!is_free[static_cast<size_t>(q.employee)] || q.day < a || q.day >= b) continue;
    const size_t i = static_cast<size_t>(
        std::find(nb.employees.begin(), nb.employees.end(), q.employee) - nb.employees.begin());
    if (const int c = var(i, q.day, q.shift); c >= 0) m.AddCost(c, q.weight);
  }

  // Each free employee's hard rules over the whole horizon.
  std::vector<int> weekend_columns;  // for the starting point: (column, saturday)
  for (size_t i = 0; i < nb.employees.size(); ++i) {
    const int e = nb.employees[i];
    const Employee& emp = in.staff[static_cast<size_t>(e)];
    // w_d: worked on day d, as columns when free, as a constant when fixed.
    auto add_worked = [&](Expr* ex, int d, double coefficient) {
      if (d >= a && d < b) {
        for (int s = 0; s < types; ++s) {
          if (const int c = var(i, d, s); c >= 0) ex->Add(c, coefficient);
        }
      } else if (at(e, d) != kOff) {
        ex->constant += coefficient;
      }
    };
    for (int d = a; d < b; ++d) {
      Expr one;
      add_worked(&one, d, 1);
      if (one.index.size() > 1) m.Row(one, -kInf, 1);
    }
    // A shift and the next day's shifts that may not follow it (at most one of those is worked).
    for (int d = a; d + 1 < b; ++d) {
      for (int s = 0; s < types; ++s) {
        const int c = var(i, d, s);
        if (c < 0) continue;
        Expr ex;
        ex.Add(c, 1);
        for (int t = 0; t < types; ++t) {
          const int n = var(i, d + 1, t);
          if (n >= 0 && bad[static_cast<size_t>(s * types + t)]) ex.Add(n, 1);
        }
        if (ex.index.size() > 1) m.Row(ex, -kInf, 1);
      }
    }
    // Shifts per type and total minutes, less what the fixed days already hold.
    std::vector<int> fixed_count(static_cast<size_t>(types), 0);
    double fixed_minutes = 0;
    for (int d = 0; d < days; ++d) {
      if (d >= a && d < b) continue;
      if (const int s = at(e, d); s != kOff) {
        ++fixed_count[static_cast<size_t>(s)];
        fixed_minutes += in.shifts[static_cast<size_t>(s)].minutes;
      }
    }
    for (int s = 0; s < types; ++s) {
      Expr ex;
      for (int d = a; d < b; ++d) {
        if (const int c = var(i, d, s); c >= 0) ex.Add(c, 1);
      }
      const double room =
          emp.max_shifts[static_cast<size_t>(s)] - fixed_count[static_cast<size_t>(s)];
      if (static_cast<double>(ex.index.size()) > room) m.Row(ex, -kInf, room);
    }
    {
      Expr ex;
      ex.constant = fixed_minutes;
      for (int d = a; d < b; ++d) {
        for (int s = 0; s < types; ++s) {
          if (const int c = var(i, d, s); c >= 0)
            ex.Add(c, in.shifts[static_cast<size_t>(s)].minutes);
        }
      }
      m.Row(ex, emp.min_total_minutes, emp.max_total_minutes);
    }
    // At most C shifts in any C + 1 days.
    const int cmax = emp.max_consecutive_shifts;
    for (int t = std::max(0, a - cmax); cmax < days && t + cmax < days && t < b; ++t) {
      Expr ex;
      for (int d = t; d <= t + cmax; ++d) add_worked(&ex, d, 1);
      m.Row(ex, -kInf, cmax);
    }
    // No run of k < minimum worked days (or days off) with a day of the other kind on both sides
    // inside the horizon: runs touching the ends are exempt (no history).
    auto forbid_runs = [&](int minimum, bool worked_run) {
      for (int k = 1; k < minimum; ++k) {
        for (int d = std::max(1, a - k); d + k <= days - 1 && d - 1 < b; ++d) {
          Expr ex;
          const double edge = worked_run ? 1 : -1;
          add_worked(&ex, d - 1, edge);
          add_worked(&ex, d + k, edge);
          for (int j = d; j < d + k; ++j) add_worked(&ex, j, -edge);
          // worked run: w(d-1) + w(d+k) - Σ w ≥ 1 - k; off run: Σ w - w(d-1) - w(d+k) ≥ -1
          m.Row(ex, worked_run ? 1 - k : -1, kInf);
        }
      }
    };
    forbid_runs(emp.min_consecutive_shifts, true);
    forbid_runs(emp.min_consecutive_days_off, false);
    // Weekends: y ≥ w(Saturday), y ≥ w(Sunday), Σ y ≤ the maximum less the fixed weekends.
    Expr weekends;
    for (int sat = 5; sat < days; sat += 7) {
      const int sun = sat + 1;
      bool fixed_worked = false, any_free = false;
      for (int d : {sat, sun}) {
        if (d >= days) continue;
        if (d >= a && d < b) {
          any_free = true;
        } else if (at(e, d) != kOff) {
          fixed_worked = true;
        }
      }
      if (fixed_worked) {
        weekends.constant += 1;
        continue;
      }
      if (!any_free) continue;
      const int y = m.Column(0, 1, 0, false);
      weekend_columns.push_back(y);
      weekend_columns.push_back(sat);
      weekend_columns.push_back(e);
      for (int d : {sat, sun}) {
        if (d >= days || d < a || d >= b) continue;
        Expr ex;
        ex.Add(y, 1);
        add_worked(&ex, d, -1);
        m.Row(ex, 0, kInf);
      }
      weekends.Add(y, 1);
    }
    m.Row(weekends, -kInf, emp.max_weekends);
  }

  // Cover of the free days: Σ x + under - over = requirement - the fixed staff's shifts.
  std::vector<int> cover_columns;  // (under, over, day, shift) for the starting point
  for (int d = a; d < b; ++d) {
    std::vector<int> fixed(static_cast<size_t>(types), 0);
    for (size_t e = 0; e < in.staff.size(); ++e) {
      if (is_free[e]) continue;
      if (const int s = at(static_cast<int>(e), d); s != kOff) ++fixed[static_cast<size_t>(s)];
    }
    for (int s = 0; s < types; ++s) {
      Expr ex;
      for (size_t i = 0; i < nb.employees.size(); ++i) {
        if (const int c = var(i, d, s); c >= 0) ex.Add(c, 1);
      }
      if (ex.index.empty()) continue;
      const Cover& cv = in.CoverOf(d, s);
      const int under = m.Column(0, kInf, cv.under_weight, false);
      const int over = m.Column(0, kInf, cv.over_weight, false);
      ex.Add(under, 1);
      ex.Add(over, -1);
      ex.constant = fixed[static_cast<size_t>(s)];
      m.Row(ex, cv.requirement, cv.requirement);
      cover_columns.insert(cover_columns.end(), {under, over, d, s});
    }
  }

  // The current roster's free part as a starting point, when it fits the model.
  std::vector<double> start;
  if (limits.use_current) {
    start.assign(static_cast<size_t>(m.columns()), 0);
    bool fits = true;
    for (size_t i = 0; i < nb.employees.size() && fits; ++i) {
      for (int d = a; d < b; ++d) {
        const int s = at(nb.employees[i], d);
        if (s == kOff) continue;
        const int c = var(i, d, s);
        if (c < 0) {
          fits = false;
          break;
        }
        start[static_cast<size_t>(c)] = 1;
      }
    }
    for (size_t k = 0; fits && k < weekend_columns.size(); k += 3) {
      const int sat = weekend_columns[k + 1], e = weekend_columns[k + 2];
      const bool w = at(e, sat) != kOff || (sat + 1 < days && at(e, sat + 1) != kOff);
      start[static_cast<size_t>(weekend_columns[k])] = w ? 1 : 0;
    }
    for (size_t k = 0; fits && k < cover_columns.size(); k += 4) {
      const int d = cover_columns[k + 2], s = cover_columns[k + 3];
      int staffed = 0;
      for (size_t e = 0; e < in.staff.size(); ++e) staffed += at(static_cast<int>(e), d) == s;
      const int req = in.CoverOf(d, s).requirement;
      start[static_cast<size_t>(cover_columns[k])] = std::max(0, req - staffed);
      start[static_cast<size_t>(cover_columns[k + 1])] = std::max(0, staffed - req);
    }
    if (!fits) start.clear();
  }

  MipResult out;
  if (m.columns() == 0) return out;
  OsiClpSolverInterface solver;
  m.Load(&solver);
  solver.messageHandler()->setLogLevel(0);
  solver.setHintParam(OsiDoReducePrint, true, OsiHintTry);
  CbcModel model(solver);
  model.setLogLevel(0);
  model.messageHandler()->setLogLevel(0);
  if (!start.empty()) model.setBestSolution(start.data(), m.columns(), m.Cost(start), true);
  if (limits.full_driver) {
    CbcSolverUsefulData data;
    CbcMain0(model, data);
    const std::string seconds = std::to_string(limits.max_seconds);
    const std::string nodes = std::to_string(limits.max_nodes);
    const char* argv[] = {"agp",         "-log",     "0", "-sec",   seconds.c_str(), "-maxN",
                          nodes.c_str(), "-threads", "0", "-solve", "-quit"};
    CbcMain1(
        static_cast<int>(std::size(argv)), argv, model, [](CbcModel*, int) { return 0; }, data);
  } else {
    model.setMaximumNodes(limits.max_nodes);
    model.setMaximumSeconds(limits.max_seconds);
    CglProbing probing;
    probing.setUsingObjective(1);
    probing.setMaxPass(1);
    probing.setMaxPassRoot(3);
    probing.setMaxProbe(10);
    probing.setMaxProbeRoot(50);
    probing.setMaxLook(10);
    probing.setRowCuts(3);
    model.addCutGenerator(&probing, -1, "Probing");
    CglGomory gomory;
    gomory.setLimit(300);
    model.addCutGenerator(&gomory, -1, "Gomory");
    CglClique clique;
    clique.setStarCliqueReport(false);
    clique.setRowCliqueReport(false);
    model.addCutGenerator(&clique, -1, "Clique");
    CglMixedIntegerRounding2 mir;
    model.addCutGenerator(&mir, -1, "MIR2");
    CbcRounding rounding(model);
    model.addHeuristic(&rounding);
    CbcHeuristicFPump pump(model);
    pump.setMaximumPasses(20);
    model.addHeuristic(&pump);
    CbcHeuristicLocal local(model);
    model.addHeuristic(&local);
    CbcHeuristicRINS rins(model);
    model.addHeuristic(&rins);
    model.branchAndBound();
  }
  out.nodes = model.getNodeCount();
  const double* best = model.bestSolution();
  if (best == nullptr) return out;
  out.found = true;
  out.optimal = model.isProvenOptimal();
  out.roster = current;
  for (size_t i = 0; i < nb.employees.size(); ++i) {
    std::vector<int>& row = out.roster[static_cast<size_t>(nb.employees[i])];
    for (int d = a; d < b; ++d) {
      row[static_cast<size_t>(d)] = kOff;
      for (int s = 0; s < types; ++s) {
        const int c = var(i, d, s);
        if (c >= 0 && best[c] > 0.5) row[static_cast<size_t>(d)] = s;
      }
    }
  }
  return out;
}

}  // namespace agp::roster
