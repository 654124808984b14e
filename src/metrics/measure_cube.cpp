#include "metrics/measure_cube.h"

#include <algorithm>
#include <cstring>

#include "metrics/unit_tree.h"

namespace agp::metrics {

MeasureCube::MeasureCube(std::vector<CubeUnit> units, std::vector<core::Period> periods)
    : units_(std::move(units)), periods_(std::move(periods)) {
  plane_.assign(periods_.size() * kMeasureCount, -1);
  owner_.assign(periods_.size() * kMeasureCount, -1);
  job_pay.resize(periods_.size());
}

int MeasureCube::FindPeriod(const core::Period& p) const {
  auto it = std::lower_bound(periods_.begin(), periods_.end(), p);
  if (it != periods_.end() && *it == p) return static_cast<int>(it - periods_.begin());
  for (size_t i = 0; i < periods_.size(); ++i) {  // not sorted: fall back to a scan
    if (periods_[i] == p) return static_cast<int>(i);
  }
  return -1;
}

int MeasureCube::FindUnit(std::string_view key) const {
  for (size_t i = 0; i < units_.size(); ++i) {
    if (units_[i].key == key) return static_cast<int>(i);
  }
  return -1;
}

std::vector<int> MeasureCube::ChildUnits(int unit) const {
  std::vector<int> out;
  for (size_t i = 0; i < units_.size(); ++i) {
    if (units_[i].parent == unit) out.push_back(static_cast<int>(i));
  }
  return out;
}

int MeasureCube::RootUnit() const {
  for (size_t i = 0; i < units_.size(); ++i) {
    if (units_[i].parent < 0) return static_cast<int>(i);
  }
  return -1;
}

const double* MeasureCube::Plane(int period, Measure m) const {
  const int32_t s = plane_[static_cast<size_t>(period) * kMeasureCount + static_cast<int>(m)];
  return s < 0 ? nullptr : storage_[s].get();
}

double* MeasureCube::MutablePlane(int period, Measure m) {
  const size_t slot = static_cast<size_t>(period) * kMeasureCount + static_cast<int>(m);
  if (plane_[slot] < 0) {
    plane_[slot] = static_cast<int32_t>(storage_.size());
    owner_[slot] = period;
    storage_.emplace_back(new double[units_.size()]());
  }
  return storage_[plane_[slot]].get();
}

void MeasureCube::SharePlane(int from_period, int to_period, Measure m) {
  const size_t from = static_cast<size_t>(from_period) * kMeasureCount + static_cast<int>(m);
  const size_t to = static_cast<size_t>(to_period) * kMeasureCount + static_cast<int>(m);
  if (plane_[from] < 0) return;
  plane_[to] = plane_[from];
  owner_[to] = owner_[from];
}

bool MeasureCube::IsShared(int period, Measure m) const {
  const size_t slot = static_cast<size_t>(period) * kMeasureCount + static_cast<int>(m);
  return plane_[slot] >= 0 && owner_[slot] != period;
}

void MeasureCube::RollUp() {
  std::vector<int32_t> parents(units_.size());
  for (size_t i = 0; i < units_.size(); ++i) parents[i] = units_[i].parent;
  const UnitTree tree(std::move(parents));
  for (size_t slot = 0; slot < plane_.size(); ++slot) {
    if (plane_[slot] >= 0 && owner_[slot] == static_cast<int32_t>(slot / kMeasureCount)) {
      tree.RollUp(storage_[plane_[slot]].get());
    }
  }
  // Job pay: each leaf entry is added to its unit and every ancestor, one job code at a time.
  const size_t n = units_.size();
  std::vector<JobPay> acc(n);
  std::vector<int32_t> touched;
  std::vector<uint8_t> seen(n, 0);
  for (std::vector<JobPay>& entries : job_pay) {
    if (entries.empty()) continue;
    std::sort(entries.begin(), entries.end(), [](const JobPay& a, const JobPay& b) {
      return a.job != b.job ? a.job < b.job : a.unit < b.unit;
    });
    std::vector<JobPay> out;
    for (size_t i = 0; i < entries.size();) {
      const int32_t job = entries[i].job;
      for (; i < entries.size() && entries[i].job == job; ++i) {
        for (int32_t u = entries[i].unit; u >= 0; u = units_[u].parent) {
          if (!seen[u]) {
            seen[u] = 1;
            touched.push_back(u);
            acc[u] = JobPay{u, job, 0, 0, 0, 0};
          }
          acc[u].women_sum += entries[i].women_sum;
          acc[u].men_sum += entries[i].men_sum;
          acc[u].women += entries[i].women;
          acc[u].men += entries[i].men;
        }
      }
      for (int32_t u : touched) {
        out.push_back(acc[u]);
        seen[u] = 0;
      }
      touched.clear();
    }
    std::sort(out.begin(), out.end(), [](const JobPay& a, const JobPay& b) {
      return a.unit != b.unit ? a.unit < b.unit : a.job < b.job;
    });
    entries = std::move(out);
  }
}

}  // namespace agp::metrics
