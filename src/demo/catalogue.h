// What the demo municipality is made of: sectors, kinds of unit, jobs, names. Figures are the
// ones docs/demo-data.md cites; job codes and names are illustrative.
#pragma once

#include <array>
#include <string_view>
#include <vector>

namespace agp::demo {

struct Job {
  std::string_view code;   // four-digit job code (illustrative, in the style of KS' stillingskoder)
  std::string_view title;  // Norwegian job title
  double salary;           // annual base salary at 100 % in 2024, kroner
  double women;            // share of women in the job
  double fulltime;         // chance that a holder works 100 % (before the gender adjustment)
  std::string_view education;
};

enum class Schedule { kDay, kRota, kContinuous };  // 37.5, 35.5, 33.6 hours a week at 100 %

struct UnitKind {
  std::string_view name;  // "{} sykehjem": {} is a place name
  double weight;          // share of the sector's staff in units of this kind
  Schedule schedule;
  bool departments;                          // large units are split into departments
  std::vector<std::pair<int, double>> jobs;  // job index, share of the unit's staff
};

struct Sector {
  std::string_view name;
  std::string_view code;  // the `sector` column
  double share;           // share of all staff
  std::vector<UnitKind> kinds;
};

const std::vector<Job>& Jobs();
const std::vector<Sector>& Sectors();

// Leaders and apprentices, by index into Jobs().
inline constexpr int kUnitLeader = 17;
inline constexpr int kSectorLeader = 18;
inline constexpr int kChiefExecutive = 19;
inline constexpr int kDepartmentLeader = 20;
inline constexpr int kApprentice = 21;

std::string_view PlaceName(size_t i);
std::string_view WomanName(size_t i);
std::string_view ManName(size_t i);
std::string_view Surname(size_t i);
inline constexpr size_t kPlaceNames = 40, kWomanNames = 30, kManNames = 30, kSurnames = 40;

}  // namespace agp::demo
