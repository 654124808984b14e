// The organisation: the municipality, its five sectors, units of each kind and, in large units,
// departments; and the slots (a job in a unit) that its core staff fill.
//
// Unit keys are digits: the municipality "1000", sector s "1s00", the units of sector s
// "1s" + a number of two or more digits ("1101"; "11001" when some sector has 100 units or more),
// a department the unit's key + two digits ("110101"). Never 11 digits below a million units.
#include <algorithm>
#include <cmath>
#include <string>

#include "demo/model.h"
#include "demo/random.h"

namespace agp::demo {
namespace {

// Core staff per slot: headcount stays a little below the number of slots (vacancies between
// holders), and a few people fill two. Measured, so that headcount lands on DemoOptions.
constexpr double kSlotsPerEmployee = 1.012;
// Departments in large units of the kinds that have them (sykehjem, hjemmetjeneste, skole …).
constexpr int kDepartmentStaff = 20;
constexpr int kDepartmentsFrom = 40;  // staff in the unit
// Apprentices: about 1 % of core staff (DESIGN §8; KS' target is 2 per 1000 inhabitants).
constexpr double kApprenticesPerEmployee = 0.010;

std::string Padded(int64_t n, int width) {
  std::string digits = std::to_string(n);
  if (static_cast<int>(digits.size()) < width) {
    digits.insert(0, static_cast<size_t>(width) - digits.size(), '0');
  }
  return digits;
}

int Digits(int64_t n) { return static_cast<int>(std::to_string(n).size()); }

// Care work stays in the departments; the kitchen and the office belong to the unit itself.
bool WorksAtUnitLevel(JobId job) { return job == JobId::kCook || job == JobId::kClerk; }

double Triangular(Random& rng, double lo, double hi) {
  return lo + (hi - lo) * (rng.Uniform() + rng.Uniform()) / 2;
}

class TreeBuilder {
 public:
  TreeBuilder(const DemoOptions& options, uint64_t seed, core::Workforce* w)
      : options_(options), rng_(seed), w_(*w) {}

  Organisation Build() {
    // Plan first (how many units of each kind), so that keys can have a common width.
    const double staff = std::max(1, options_.employees) * kSlotsPerEmployee;
    std::vector<std::vector<int>> units_per_kind;
    int widest = 1;
    for (const Sector& sector : Sectors()) {
      int in_sector = 0;
      units_per_kind.emplace_back();
      for (const UnitKind& kind : sector.kinds) {
        const double kind_staff = staff * sector.share * kind.weight;
        const int n = std::max(1, static_cast<int>(std::lround(kind_staff / kind.typical_staff)));
        units_per_kind.back().push_back(n);
        in_sector += n;
      }
      widest = std::max(widest, in_sector);
    }
    width_ = std::max(2, Digits(widest));

    const int32_t root = AddUnit("1000", -1, options_.municipality, "", "kommune", 1);
    AddSlot(root, JobId::kChiefExecutive, Schedule::kDay, 0);
    org_.traits[static_cast<size_t>(root)].leader_women =
        static_cast<float>(JobOf(JobId::kChiefExecutive).women);
    EndUnit(root);

    for (size_t s = 0; s < Sectors().size(); ++s) {
      const Sector& sector = Sectors()[s];
      const auto sector_no = static_cast<int>(s + 1);
      const size_t sector_first_slot = org_.slots.size();
      const std::string prefix = "1" + std::to_string(sector_no);
      const int32_t sector_unit = AddUnit(prefix + "00", root, std::string(sector.name),
                                          sector.name, "sektor", sector.sick_leave);
      org_.traits[static_cast<size_t>(sector_unit)].leader_women =
          static_cast<float>(JobOf(JobId::kSectorDirector).women);
      AddSlot(sector_unit, JobId::kSectorDirector, Schedule::kDay, s);
      // The sector director's staff of advisers.
      const int advisers = std::max(1, static_cast<int>(std::lround(staff * sector.share * 0.004)));
      for (int i = 0; i < advisers; ++i) {
        AddSlot(sector_unit, i % 3 == 2 ? JobId::kSeniorAdviser : JobId::kAdviser, Schedule::kDay,
                s);
      }
      EndUnit(sector_unit);

      int unit_no = 0;
      for (size_t k = 0; k < sector.kinds.size(); ++k) {
        const UnitKind& kind = sector.kinds[k];
        const int n = units_per_kind[s][k];
        // Unit sizes vary around the kind's typical size and add up to the kind's share.
        const double kind_staff = staff * sector.share * kind.weight;
        std::vector<double> sizes(static_cast<size_t>(n));
        double total = 0;
        for (double& size : sizes) {
          size = kind.typical_staff * rng_.Uniform(0.55, 1.45);
          total += size;
        }
        const uint64_t place_offset = rng_.Below(PlaceNameCount());
        for (int i = 0; i < n; ++i) {
          ++unit_no;
          const int size = std::max(
              2, static_cast<int>(std::lround(sizes[static_cast<size_t>(i)] * kind_staff / total)));
          AddStaffedUnit(prefix + Padded(unit_no, width_), sector_unit, sector, s, kind,
                         UnitName(kind, static_cast<uint64_t>(i), place_offset), size);
        }
      }
      org_.sector_slots.emplace_back(static_cast<int32_t>(sector_first_slot),
                                     static_cast<int32_t>(org_.slots.size()));
    }
    PlaceApprentices(staff);
    return std::move(org_);
  }

 private:
  int32_t AddUnit(std::string key, int32_t parent, std::string name, std::string_view sector,
                  std::string_view kind, double sick_leave) {
    w_.units.push_back(
        {std::move(key), parent, std::move(name), std::string(sector), std::string(kind)});
    UnitTraits traits;
    traits.sick_leave = static_cast<float>(sick_leave * Triangular(rng_, 0.7, 1.3));
    traits.dialogue_rate = static_cast<float>(Triangular(rng_, 0.6, 1.0));
    traits.followup = static_cast<float>(Triangular(rng_, 0.9, 1.1));
    org_.traits.push_back(traits);
    org_.unit_slots.emplace_back(static_cast<int32_t>(org_.slots.size()), 0);
    return static_cast<int32_t>(w_.units.size() - 1);
  }
  void EndUnit(int32_t unit) {
    org_.unit_slots[static_cast<size_t>(unit)].second = static_cast<int32_t>(org_.slots.size());
  }
  void AddSlot(int32_t unit, JobId job, Schedule schedule, size_t sector) {
    org_.slots.push_back({unit, job, schedule, static_cast<uint8_t>(sector)});
  }

  std::string UnitName(const UnitKind& kind, uint64_t i, uint64_t place_offset) const {
    std::string name(kind.name);
    const size_t at = name.find("{}");
    if (at == std::string::npos) return i == 0 ? name : name + " " + std::to_string(i + 1);
    const uint64_t places = PlaceNameCount();
    name.replace(at, 2, PlaceName(place_offset + i));
    return i < places ? name : name + " " + std::to_string(i / places + 1);
  }

  Schedule SlotSchedule(const UnitKind& kind, JobId job) {
    if (kind.schedule == Schedule::kDay || job == JobId::kCleaner || job == JobId::kCook ||
        job == JobId::kClerk || job == JobId::kPhysiotherapist || job == JobId::kEngineer) {
      return Schedule::kDay;
    }
    return rng_.Chance(kind.continuous) ? Schedule::kContinuous : Schedule::kRota;
  }

  void AddStaffedUnit(const std::string& key, int32_t sector_unit, const Sector& sector, size_t s,
                      const UnitKind& kind, std::string name, int size) {
    const int32_t unit = AddUnit(key, sector_unit, name, sector.name, kind.kind, sector.sick_leave);
    // Leaders are a little less often women than their staff (KS: women are fewer among
    // leaders than among employees; docs/demo-data.md).
    double women = 0;
    double shares = 0;
    for (const JobShare& js : kind.jobs) {
      women += js.share * JobOf(js.job).women;
      shares += js.share;
    }
    const float leader_women = static_cast<float>(0.93 * women / shares);
    org_.traits[static_cast<size_t>(unit)].leader_women = leader_women;
    AddSlot(unit, kind.leader, Schedule::kDay, s);

    // The staff, job by job in the kind's proportions.
    std::vector<double> weights;
    for (const JobShare& js : kind.jobs) weights.push_back(js.share);
    std::vector<JobId> jobs;
    for (int i = 1; i < size; ++i)
      jobs.push_back(kind.jobs[static_cast<size_t>(rng_.Pick(weights))].job);

    const int departments =
        kind.departments.empty() || size < kDepartmentsFrom
            ? 0
            : std::clamp(
                  static_cast<int>(std::lround(static_cast<double>(size) / kDepartmentStaff)), 2,
                  static_cast<int>(kind.departments.size()));
    if (departments == 0) {
      for (JobId job : jobs) AddSlot(unit, job, SlotSchedule(kind, job), s);
      EndUnit(unit);
      return;
    }
    std::vector<JobId> in_departments;
    for (JobId job : jobs) {
      if (WorksAtUnitLevel(job)) {
        AddSlot(unit, job, SlotSchedule(kind, job), s);
      } else {
        in_departments.push_back(job);
      }
    }
    EndUnit(unit);
    for (int d = 0; d < departments; ++d) {
      const int32_t dep =
          AddUnit(key + Padded(d + 1, 2), unit,
                  name + ", " + std::string(kind.departments[static_cast<size_t>(d)]), sector.name,
                  "avdeling", sector.sick_leave);
      org_.traits[static_cast<size_t>(dep)].leader_women = leader_women;
      AddSlot(dep, JobId::kDepartmentLeader, Schedule::kDay, s);
      // The department leader replaces one of the staff, so the unit keeps its size.
      bool replaced = false;
      for (size_t i = static_cast<size_t>(d); i < in_departments.size();
           i += static_cast<size_t>(departments)) {
        if (!replaced) {
          replaced = true;
          continue;
        }
        AddSlot(dep, in_departments[i], SlotSchedule(kind, in_departments[i]), s);
      }
      EndUnit(dep);
    }
  }

  // Apprenticeships by sector, each in a unit drawn in proportion to its staff.
  void PlaceApprentices(double staff) {
    const double total = staff * kApprenticesPerEmployee;
    for (size_t s = 0; s < Sectors().size(); ++s) {
      const Sector& sector = Sectors()[s];
      const double expected = total * sector.apprentice_share;
      int places = static_cast<int>(expected);
      if (rng_.Chance(expected - places)) ++places;
      const auto [first, end] = org_.sector_slots[s];
      for (int i = 0; i < places && end > first; ++i) {
        const Slot& slot =
            org_.slots[static_cast<size_t>(first) + rng_.Below(static_cast<uint64_t>(end - first))];
        org_.apprentice_places.push_back({slot.unit, sector.apprentice});
      }
    }
  }

  const DemoOptions& options_;
  Random rng_;
  core::Workforce& w_;
  Organisation org_;
  int width_ = 2;
};

}  // namespace

Organisation BuildUnitTree(const DemoOptions& options, uint64_t seed, core::Workforce* w) {
  return TreeBuilder(options, seed, w).Build();
}

}  // namespace agp::demo
