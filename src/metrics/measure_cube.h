// The engine's output: additive measures per period and unit, from which every indicator of the
// registry follows (cells.h). Measures rather than indicator cells because indicators share them:
// the five sick-leave figures share one denominator, the person-based shares share headcount.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/period.h"

namespace agp::metrics {

// Every measure covers a unit's whole subtree once the cube is rolled up.
enum class Measure : uint8_t {
  // Person-based, on the count date, in the unit of the main position.
  kHeadcount,
  kFulltime,
  kSizeCappedSum,  // Σ min(size, 100)
  kSmall,
  kTemporary,
  kWomen,
  kLeaders,
  kWomenLeaders,
  kAgeSum,
  kAge55,
  kAge62,
  kDialogueEligible,
  kDialogueHeld,
  kPayWomenSum,  // Σ monthly full-time pay
  kPayWomen,
  kPayMenSum,
  kPayMen,
  // Per position, on the count date, in the position's unit.
  kFteSum,
  kFtePersons,  // distinct persons
  // Per working day and position over the period, in the unit of the row active that day.
  kAgreed,
  kLostAll,
  kLostSelf,
  kLostMedical,
  kLostShort,
  kLostLong,
  kSickPersons,  // distinct persons with agreed day-works > 0
  // Years only, in the unit of the main position on the previous year's count date.
  kTurnoverBase,
  kLeavers,
  kExitAgeSum,
  kExits55,
  // Per absence, in the period of its deadline day.
  kPlanDue,
  kPlanMet,
  kPlanPersons,
  kMeeting1Due,
  kMeeting1Met,
  kMeeting1Persons,
};
inline constexpr int kMeasureCount = 36;

// A unit as the results know it: enough to print and roll up without the workforce.
struct CubeUnit {
  std::string key;
  std::string name;
  int32_t parent = -1;  // index into the cube's units
};

// Pay by job code of the main position, for one unit subtree and period.
struct JobPay {
  int32_t unit = -1;
  int32_t job = -1;  // index into MeasureCube::job_codes
  double women_sum = 0;
  double men_sum = 0;
  int32_t women = 0;
  int32_t men = 0;
};

class MeasureCube {
 public:
  MeasureCube() = default;
  MeasureCube(std::vector<CubeUnit> units, std::vector<core::Period> periods);

  const std::vector<CubeUnit>& units() const { return units_; }
  const std::vector<core::Period>& periods() const { return periods_; }
  int unit_count() const { return static_cast<int>(units_.size()); }
  int period_count() const { return static_cast<int>(periods_.size()); }
  // Index of a period or unit key; -1 when absent.
  int FindPeriod(const core::Period& p) const;
  int FindUnit(std::string_view key) const;
  // The units whose parent is `unit`, in index order; ChildUnits(-1) gives the roots.
  std::vector<int> ChildUnits(int unit) const;
  // The first unit without a parent (the whole organisation); -1 when there are no units.
  int RootUnit() const;

  // The values of one measure over all units (unit_count() long), or nullptr when the measure
  // was not computed for the period (then it is zero everywhere).
  const double* Plane(int period, Measure m) const;
  // The plane, allocated (zeroed) on first use.
  double* MutablePlane(int period, Measure m);
  double Get(int period, Measure m, int unit) const {
    const double* p = Plane(period, m);
    return p == nullptr ? 0.0 : p[unit];
  }
  // Makes `to` read the same plane as `from` (person-based measures of a quarter are those of
  // the month with the same count date). Shared planes are stored once.
  void SharePlane(int from_period, int to_period, Measure m);
  bool IsShared(int period, Measure m) const;

  std::vector<std::string> job_codes;
  std::vector<std::vector<JobPay>> job_pay;  // per period, sorted by (unit, job)

  // Adds each unit's values into its parent's, children before parents, for every owned plane
  // and the job pay. Call once, after the leaf values are in.
  void RollUp();

 private:
  std::vector<CubeUnit> units_;
  std::vector<core::Period> periods_;
  std::vector<std::unique_ptr<double[]>> storage_;
  std::vector<int32_t> plane_;  // [period * kMeasureCount + measure] → storage index or -1
  std::vector<int32_t> owner_;  // the period whose plane it is (== period unless shared)
};

}  // namespace agp::metrics
