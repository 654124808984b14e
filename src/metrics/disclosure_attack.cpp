#include "metrics/disclosure_attack.h"

#include <cmath>
#include <map>

#include "metrics/cells.h"
#include "metrics/query.h"

namespace agp::metrics::attack {
namespace {

// Arithmetic modulo the Mersenne prime 2^61 − 1: exact, and over a prime this large the rank of
// a 0/1 system is its rank over the rationals (a smaller one would need a minor divisible by it).
constexpr uint64_t kPrime = (uint64_t{1} << 61) - 1;

__extension__ using Wide = unsigned __int128;  // GCC and Clang; -Wpedantic knows no 128 bits

uint64_t Mul(uint64_t a, uint64_t b) {
  const Wide p = static_cast<Wide>(a) * b;
  uint64_t r = static_cast<uint64_t>(p & kPrime) + static_cast<uint64_t>(p >> 61);
  return r >= kPrime ? r - kPrime : r;
}

uint64_t Sub(uint64_t a, uint64_t b) { return a >= b ? a - b : a + kPrime - b; }

uint64_t Inverse(uint64_t a) {  // a^(p−2)
  uint64_t result = 1;
  for (uint64_t e = kPrime - 2; e > 0; e >>= 1) {
    if (e & 1) result = Mul(result, a);
    a = Mul(a, a);
  }
  return result;
}

// The row space of the equations seen so far, in echelon form (each row 1 at its pivot, and 0 at
// the pivots of the rows before it).
class RowSpace {
 public:
  explicit RowSpace(size_t width) : width_(width) {}

  // Reduces `row` by the basis; the remainder is 0 exactly when the row is in the space.
  void Reduce(std::vector<uint64_t>& row) const {
    for (const auto& [pivot, b] : basis_) {
      const uint64_t f = row[pivot];
      if (f == 0) continue;
      for (size_t i = 0; i < width_; ++i) {
        if (b[i] != 0) row[i] = Sub(row[i], Mul(f, b[i]));
      }
    }
  }

  void Add(std::vector<uint64_t> row) {
    Reduce(row);
    size_t pivot = 0;
    while (pivot < width_ && row[pivot] == 0) ++pivot;
    if (pivot == width_) return;
    const uint64_t inv = Inverse(row[pivot]);
    for (uint64_t& x : row) x = Mul(x, inv);
    basis_.emplace_back(pivot, std::move(row));
  }

  bool Contains(std::vector<uint64_t> row) const {
    Reduce(row);
    for (uint64_t x : row) {
      if (x != 0) return false;
    }
    return true;
  }

 private:
  size_t width_;
  std::vector<std::pair<size_t, std::vector<uint64_t>>> basis_;
};

bool Covers(const core::Period& p, const core::Period& month) {
  return p.year() == month.year() && p.first_month() <= month.index() &&
         month.index() <= p.last_month();
}

// The additive quantity whose own parts the attacker solves for: the denominator of a share or
// mean (the numerator's parts are zero where the denominator's are), the count of a count.
double Additive(const Cell& c, ValueKind kind) {
  const std::optional<double>& x = kind == ValueKind::kCount ? c.numerator : c.denominator;
  return x.value_or(0);
}

}  // namespace

AttackResult Attack(const MeasureCube& cube, IndicatorId id, const Audience& audience) {
  FigureRequest request;
  for (const core::Period& p : cube.periods()) {
    if (AppliesTo(id, p)) request.periods.push_back(p);
  }
  request.indicators = {std::string(Info(id).key)};
  auto figures = QueryFigures(cube, request, audience);
  if (!figures.ok()) return AttackResult{};
  return Attack(cube, id, *figures, audience);
}

AttackResult Attack(const MeasureCube& cube, IndicatorId id, const std::vector<Figure>& figures,
                    const Audience& audience) {
  const IndicatorInfo& info = Info(id);
  const int n = cube.unit_count();
  std::vector<std::vector<int32_t>> subtree(n);  // each unit's subtree, itself included
  for (int u = 0; u < n; ++u) {
    for (int32_t at = u; at >= 0; at = cube.units()[at].parent) subtree[at].push_back(u);
  }
  auto sees = [&](int u) { return audience.sees_individuals && audience.sees_individuals(u); };
  AttackResult result;

  // The systems: one per year over its months for figures that add up, else one per period.
  // Each system lists its "months" (the periods whose own parts are the unknowns).
  std::map<std::pair<int, int>, std::vector<const Figure*>> systems;  // (year, period or -1)
  for (const Figure& f : figures) {
    if (f.key.indicator != id || f.key.job >= 0) continue;
    const int key = AddsUpOverPeriods(id) ? -1 : cube.FindPeriod(f.period);
    systems[{f.period.year(), key}].push_back(&f);
  }
  for (const auto& [system, members] : systems) {
    const bool per_period = system.second >= 0;
    std::vector<int> months;  // period indices
    if (per_period) {
      months.push_back(system.second);
    } else {
      for (int p = 0; p < cube.period_count(); ++p) {
        const core::Period& period = cube.periods()[p];
        if (period.kind() == core::PeriodKind::kMonth && period.year() == system.first)
          months.push_back(p);
      }
    }
    // Unknown (unit, month) → column. An own part is known to be zero (and gets no column) when
    // the unit has no staff of its own then — no agreed day-works in the month for figures that
    // add up, no core staff on the count date for the others — and it is zero indeed.
    const Measure staff = per_period ? Measure::kHeadcount : Measure::kAgreed;
    std::vector<int> column(static_cast<size_t>(n) * months.size(), -1);
    int width = 0;
    for (size_t m = 0; m < months.size(); ++m) {
      const std::vector<Cell> truth = Slice(cube, {id, -1}, months[m]);
      for (int u = 0; u < n; ++u) {
        double own = Additive(truth[u], info.value_kind);
        double own_staff = cube.Get(months[m], staff, u);
        for (int c : cube.ChildUnits(u)) {
          own -= Additive(truth[c], info.value_kind);
          own_staff -= cube.Get(months[m], staff, c);
        }
        const bool zero =
            std::abs(own) <= 1e-9 * (1 + std::abs(Additive(truth[u], info.value_kind)));
        if (!zero || std::abs(own_staff) > 1e-9) column[m * n + u] = width++;
      }
    }
    if (width == 0) continue;
    auto row_of = [&](const Figure& f) {
      std::vector<uint64_t> row(width, 0);
      bool unseen = false;
      for (size_t m = 0; m < months.size(); ++m) {
        if (!per_period && !Covers(f.period, cube.periods()[months[m]])) continue;
        for (int32_t v : subtree[f.unit]) {
          const int col = column[m * n + v];
          if (col < 0) continue;
          row[col] = 1;
          unseen = unseen || !sees(v);
        }
      }
      return std::make_pair(row, unseen);
    };
    RowSpace space(width);
    for (size_t m = 0; m < months.size(); ++m) {  // what the viewer sees of individuals
      for (int u = 0; u < n; ++u) {
        if (column[m * n + u] < 0 || !sees(u)) continue;
        std::vector<uint64_t> row(width, 0);
        row[column[m * n + u]] = 1;
        space.Add(std::move(row));
      }
    }
    for (const Figure* f : members) {
      if (f->cell.suppressed) continue;
      ++result.shown;
      space.Add(row_of(*f).first);
    }
    std::map<int, std::vector<Cell>> truths;  // period → the cells as computed
    for (const Figure* f : members) {
      if (!f->cell.suppressed) continue;
      const int p = cube.FindPeriod(f->period);
      auto truth = truths.find(p);
      if (truth == truths.end()) truth = truths.emplace(p, Slice(cube, {id, -1}, p)).first;
      const Cell& c = truth->second[static_cast<size_t>(f->unit)];
      if (c.groups[0] <= 0 && c.groups[1] <= 0) continue;
      auto [row, unseen] = row_of(*f);
      if (!unseen) continue;  // about nobody, or only about persons the viewer may see
      ++result.withheld;
      if (space.Contains(std::move(row))) {
        result.recovered.push_back(
            {std::string(info.key), cube.units()[f->unit].key, f->period.ToString()});
      }
    }
  }
  return result;
}

}  // namespace agp::metrics::attack
